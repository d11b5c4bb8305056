/**
 * AI B-roll as child clip generations (issue 14), against the Kling fake (e2e/fakes/providers,
 * its published protocol) and real PostgreSQL: the real create path, the real job handler
 * (processVideo), the real ledger. Nothing of ours is mocked.
 *
 * Mutations tried (each made the named case fail, then was undone):
 * - process.ts: `role: brollChild ? "clip" : "presenter"` → always "presenter": the child is
 *   routed as a presenter video, Kling cannot present without a photo → "2 clips" fails
 *   (the children end failed, scenes fall back).
 * - estimate.ts: `role: req.role` dropped from isCapable → createVideo for the child finds no
 *   presenter-capable provider among clip providers (local is only:…) → "2 clips" fails
 *   (status fallback instead of pending).
 * - cache.ts normalisePrompt: returns the prompt unchanged → "same prompt again" fails
 *   (pending: a new child is made instead of a cache hit).
 * - index.ts step(): the `usableCachedClip` lookup removed → "same prompt again" fails
 *   (a third Kling submission and a third charge).
 * - index.ts step(): the AppError catch removed → "over budget" fails (the budget error
 *   escapes instead of a recorded fallback).
 * - index.ts step(): the `updateBrollClip(childVideoId)` write removed → "2 clips" fails (the
 *   scene never learns its child: 0 linked children).
 * - index.ts brollIdempotencyKey(): a random suffix → "killed between creating the child and
 *   linking it" fails (2 children, 2 holds for one scene).
 * - resume.ts: the succeeded-attempt refetch disabled → "killed after provider success" fails
 *   (Kling submitted twice).
 */
import { describe, it, expect } from "vitest";
import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, generationAttempts, videoGenerations } from "@/db/schema";
import { upsertComposeSettings } from "@/db/queries/brand";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { useProviderFake } from "@/lib/testing/fake-hooks";
import { newWorkspace } from "@/lib/testing/fixtures";
import { updateCaps } from "@/lib/budget";
import type { AuthContext } from "@/lib/auth/context";
import { createVideo } from "@/lib/videos/create";
import { processVideo } from "@/lib/videos/process";
import { LEASE_SECONDS } from "@/lib/videos/lease";
import { SimulatedCrash } from "@/lib/videos/pipeline-hooks";
import { brollBoard } from "../fixtures";
import { brollNotes, prepareBroll, type ParentVideo } from "./index";
import { defaultBrollDeps } from "./child";
import { normalisePrompt } from "./cache";
import { call, keyFor } from "@/lib/http/test-helpers";
import { POST as brollEstimateRoute } from "@/app/api/v1/storyboards/broll-estimate/route";

const afterLease = () => new Date(Date.now() + (LEASE_SECONDS + 1) * 1000);


async function row(id: string) {
  const [v] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, id));
  return v;
}

async function charges(workspaceId: string) {
  return getDb().select().from(costLedger).where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.kind, "charge")));
}

// Generous timeouts: these run real provider polling and ffmpeg on a shared 2-core machine (rule 8: never depend on speed).
describe("AI B-roll clips as child generations", { timeout: 300_000 }, () => {
  let fake: KlingFake;
  const submits = () => fake.requests.filter((r) => r.method === "POST" && /^\/(text-to-video|image-to-video)\//.test(r.path)).length;

  useProviderFake(startKlingFake, (f) => (fake = f));

  async function workspace(aiBroll = true): Promise<AuthContext> {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "kling", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    await upsertComposeSettings(getDb(), ctx.workspace.id, { aiBroll });
    return ctx;
  }

  async function parent(ctx: AuthContext, prompts: string[]): Promise<ParentVideo> {
    const { video } = await createVideo(ctx, { title: "B-roll short", avatarProfileId: "sarah", providerPreference: "only:local", storyboard: brollBoard(prompts) });
    return video;
  }

  async function childrenOf(ctx: AuthContext, parentId: string) {
    const notes = await brollNotes(ctx.workspace.id, parentId);
    const ids = notes.map((n) => n.childVideoId).filter((x): x is string => !!x);
    return ids.length ? getDb().select().from(videoGenerations).where(inArray(videoGenerations.id, ids)) : [];
  }

  it("2 B-roll scenes → 2 clips made, charged once each; keys written into the stored storyboard; called twice makes no extra child", async () => {
    const ctx = await workspace();
    fake.setMode({ pollsBeforeDone: 1 });
    const before = submits();
    const p = await parent(ctx, ["Slow dolly over a rack of servers, blue light", "A paper boat on a rainy street"]);

    const first = await prepareBroll(p, defaultBrollDeps);
    expect(first).toMatchObject({ status: "pending", waiting: 2, total: 2 });
    // A second run of the parent (deferred job came back) before the children ran.
    expect(await prepareBroll(p, defaultBrollDeps)).toMatchObject({ status: "pending", waiting: 2 });
    const kids = await childrenOf(ctx, p.id);
    expect(kids).toHaveLength(2);
    expect(kids.every((k) => k.reservedCents > 0)).toBe(true);

    for (const k of kids) expect(await processVideo(k.id)).toBe("done");
    for (const k of kids) {
      const done = await row(k.id);
      expect(done.status, done.error ?? "").toBe("completed");
      expect(done.provider).toBe("kling");
      expect(done.videoKey).toMatch(new RegExp(`^videos/${ctx.workspace.id}/`));
      expect(done.renditions).toEqual({});
    }
    expect(submits() - before).toBe(2);

    const ready = await prepareBroll(p, defaultBrollDeps);
    expect(ready.status).toBe("ready");
    const stored = (await row(p.id)).storyboard!;
    const keys = stored.scenes.filter((s) => s.visual.type === "broll").map((s) => (s.visual.type === "broll" ? s.visual.key : null));
    const made = await Promise.all(kids.map(async (k) => (await row(k.id)).videoKey));
    expect([...keys].sort()).toEqual([...made].sort());
    expect(keys.every((k) => !!k)).toBe(true);

    // Exactly one charge per child, of what Kling billed; nothing charged on the parent yet.
    const ch = await charges(ctx.workspace.id);
    expect(ch.map((c) => c.videoId).sort()).toEqual(kids.map((k) => k.id).sort());
    expect(ch.every((c) => c.amountCents > 0)).toBe(true);
  });

  it("the same prompt again (other case and spacing) → cache hit, no provider job, no charge", async () => {
    const ctx = await workspace();
    fake.setMode({ pollsBeforeDone: 1 });
    const a = await parent(ctx, ["Aerial shot of a city at night"]);
    await prepareBroll(a, defaultBrollDeps);
    const [kid] = await childrenOf(ctx, a.id);
    await processVideo(kid.id);
    expect((await prepareBroll(a, defaultBrollDeps)).status).toBe("ready");
    const submitted = submits();
    const charged = (await charges(ctx.workspace.id)).length;

    expect(normalisePrompt("  aerial shot of a CITY   at night. ")).toBe(normalisePrompt("Aerial shot of a city at night"));
    const b = await parent(ctx, ["  aerial shot of a CITY   at night. "]);
    const r = await prepareBroll(b, defaultBrollDeps);
    expect(r.status).toBe("ready");
    const notes = await brollNotes(ctx.workspace.id, b.id);
    expect(notes).toMatchObject([{ status: "ready", cached: true, childVideoId: null }]);
    expect(submits()).toBe(submitted);
    expect((await charges(ctx.workspace.id)).length).toBe(charged);
    const stored = (await row(b.id)).storyboard!;
    expect(stored.scenes[1].visual).toMatchObject({ type: "broll", key: (await row(kid.id)).videoKey });
  });

  // Mutation tried: estimate.ts the usableCachedClip branch removed → the cached scene is
  // priced like a new clip and this case fails (cents > 0, cached false).
  it("the B-roll estimate (POST /storyboards/broll-estimate): per scene and in total, a cached prompt is free, off says why", async () => {
    const ctx = await workspace();
    fake.setMode({ pollsBeforeDone: 1 });
    const a = await parent(ctx, ["Sunrise over a wheat field"]);
    await prepareBroll(a, defaultBrollDeps);
    const [kid] = await childrenOf(ctx, a.id);
    await processVideo(kid.id);
    await prepareBroll(a, defaultBrollDeps);

    const key = await keyFor(ctx);
    const r = await call(brollEstimateRoute, "/storyboards/broll-estimate", { key, body: { storyboard: brollBoard(["sunrise over a wheat field", "A drone shot of a harbour"]) } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.enabled).toBe(true);
    expect(r.json.scenes).toMatchObject([
      { sceneId: "b1", cached: true, cents: 0 },
      { sceneId: "b2", cached: false, provider: "kling", reason: null },
    ]);
    expect(r.json.scenes[1].cents).toBeGreaterThan(0);
    expect(r.json.totalCents).toBe(r.json.scenes[1].cents);

    const off = await workspace(false);
    const o = await call(brollEstimateRoute, "/storyboards/broll-estimate", { key: await keyFor(off), body: { storyboard: brollBoard(["A drone shot of a harbour"]) } });
    expect(o.json).toMatchObject({ enabled: false, totalCents: 0, scenes: [{ reason: expect.stringMatching(/off/) }] });
    const bad = await call(brollEstimateRoute, "/storyboards/broll-estimate", { key, body: { storyboard: { version: 1 } } });
    expect(bad.status).toBe(400);
  });

  it("over budget → the scene falls back with the reason recorded, nothing reserved for a clip", async () => {
    const ctx = await workspace();
    await updateCaps(ctx.workspace.id, { perVideoCents: 1, dailyCents: null, monthlyCents: null });
    const p = await parent(ctx, ["Close-up of coffee being poured"]);
    const r = await prepareBroll(p, defaultBrollDeps);
    expect(r.status).toBe("ready");
    if (r.status !== "ready") return;
    expect(r.made).toBe(0);
    expect(r.fallbacks).toHaveLength(1);
    expect(r.fallbacks[0].reason).toMatch(/budget|cap/i);
    expect(r.fallbacks[0].reason).toMatch(/presenter/);
    // The scene keeps no key: the composer renders it as a presenter scene.
    expect((await row(p.id)).storyboard!.scenes[1].visual).toEqual({ type: "broll", prompt: "Close-up of coffee being poured" });
    expect(await childrenOf(ctx, p.id)).toHaveLength(0);
  });

  it("AI B-roll off (the default) → falls back with a reason saying where to turn it on", async () => {
    const ctx = await workspace(false);
    const p = await parent(ctx, ["A lighthouse in fog"]);
    const r = await prepareBroll(p, defaultBrollDeps);
    expect(r).toMatchObject({ status: "ready", made: 0, fallbacks: [{ sceneId: "b1", reason: expect.stringMatching(/Settings → Brand/) }] });
  });

  // The whole pipeline: the parent's job defers (never blocks a worker) while its children are
  // made, then composes with their clips; an over-budget scene falls back and the video still
  // completes. Mutation tried: process.ts `throw new BrollPending()` → `return` (no deferral)
  // → the first processVideo is "done" without the clip and the status assertion below fails.
  it("the parent job defers until its clip is made, then completes; an over-budget clip never fails the video", async () => {
    const ctx = await workspace();
    fake.setMode({ pollsBeforeDone: 1 });
    const p = await parent(ctx, ["Waves rolling onto a beach at dusk"]);
    expect(await processVideo(p.id)).toBe("deferred");
    expect((await row(p.id)).stage).toMatch(/Making AI B-roll \(0 of 1 ready\)/);
    const [kid] = await childrenOf(ctx, p.id);
    expect(await processVideo(kid.id)).toBe("done");
    expect(await processVideo(p.id)).toBe("done");
    const done = await row(p.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.storyboard!.scenes[1].visual).toMatchObject({ key: (await row(kid.id)).videoKey });
    expect(done.renditions["9:16"]).toBeTruthy();

    const poor = await workspace();
    await updateCaps(poor.workspace.id, { perVideoCents: 1, dailyCents: null, monthlyCents: null });
    const q = await parent(poor, ["Close-up of rain on a window"]);
    expect(await processVideo(q.id)).toBe("done");
    const qd = await row(q.id);
    expect(qd.status, qd.error ?? "").toBe("completed");
    expect((await brollNotes(poor.workspace.id, q.id))[0]).toMatchObject({ status: "fallback", reason: expect.stringMatching(/budget|cap/i) });
  }, 900_000);

  it("a worker killed between creating the child and linking it → the resumed run links the same child (one hold)", async () => {
    const ctx = await workspace();
    const p = await parent(ctx, ["Hands typing on a keyboard"]);
    const killedAfterCreate = {
      createChild: async (c: Parameters<typeof defaultBrollDeps.createChild>[0]) => {
        await defaultBrollDeps.createChild(c);
        throw new SimulatedCrash("attempt_started");
      },
    };
    await expect(prepareBroll(p, killedAfterCreate)).rejects.toBeInstanceOf(SimulatedCrash);
    expect(await prepareBroll(p, defaultBrollDeps)).toMatchObject({ status: "pending", waiting: 1 });
    const all = await getDb().select().from(videoGenerations).where(eq(videoGenerations.workspaceId, ctx.workspace.id));
    const kids = all.filter((v) => (v.originalContent as { brollFor?: { videoId: string } } | null)?.brollFor?.videoId === p.id);
    expect(kids).toHaveLength(1);
    expect((await brollNotes(ctx.workspace.id, p.id))[0].childVideoId).toBe(kids[0].id);
    const holds = await getDb().select().from(costLedger).where(and(eq(costLedger.workspaceId, ctx.workspace.id), eq(costLedger.kind, "reserve")));
    expect(holds.filter((h) => h.videoId === kids[0].id)).toHaveLength(1);
  });

  it("a worker killed between provider success and storing the key → resume does not pay twice", async () => {
    const ctx = await workspace();
    fake.setMode({ pollsBeforeDone: 1 });
    const p = await parent(ctx, ["Timelapse of clouds over mountains"]);
    await prepareBroll(p, defaultBrollDeps);
    const [kid] = await childrenOf(ctx, p.id);
    const before = submits();
    let fired = false;
    await expect(
      processVideo(kid.id, {
        checkpoint: (stage) => {
          if (fired || stage !== "provider_succeeded") return;
          fired = true;
          throw new SimulatedCrash(stage);
        },
      }),
    ).rejects.toBeInstanceOf(SimulatedCrash);
    expect((await row(kid.id)).videoKey).toBeNull();
    // The parent, run meanwhile, still waits: no second child for the scene.
    expect(await prepareBroll(p, defaultBrollDeps)).toMatchObject({ status: "pending" });
    expect(await processVideo(kid.id, { now: afterLease })).toBe("done");
    const done = await row(kid.id);
    expect(done.status, done.error ?? "").toBe("completed");
    expect(submits() - before).toBe(1);
    const attempts = await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, kid.id));
    expect(attempts.map((a) => [a.provider, a.outcome])).toEqual([["kling", "succeeded"]]);
    const ch = (await charges(ctx.workspace.id)).filter((c) => c.videoId === kid.id);
    expect(ch).toHaveLength(1);
    expect(ch[0].amountCents).toBe(attempts[0].costCents);
    expect(await prepareBroll(p, defaultBrollDeps)).toMatchObject({ status: "ready", made: 1 });
    expect(await childrenOf(ctx, p.id)).toHaveLength(1);
  });
});
