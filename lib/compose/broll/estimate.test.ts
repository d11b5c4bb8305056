/**
 * AI B-roll reachable and priced from the UI (issue 14): whether a scene can get a clip and why
 * not, the planner's proposals on POST /storyboards/plan, and B-roll in the create form's
 * estimate (POST /estimate). Real routes, real PostgreSQL, the Kling fake for the clip provider.
 *
 * Mutations tried (each made the named case fail, then was undone):
 * - estimate.ts: `const available = aiBroll && providers.length > 0` → `aiBroll` → "switch on,
 *   no provider" fails (available with no one to make the clip).
 * - estimate.ts withProposedBroll: the `!before.available` early return removed → "off: the
 *   plan is unchanged" fails (the hook becomes B-roll in a workspace that never switched it on).
 * - estimate-public.ts: `totalCents: minReserveCents + brollCents` → `minReserveCents` →
 *   "the create estimate adds B-roll" fails.
 * - estimate-public.ts: the day's budget check with `minReserveCents` only → "a day's budget
 *   that fits the presenter but not the clips" fails (fitsBudget true).
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { upsertComposeSettings } from "@/db/queries/brand";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { useProviderFake } from "@/lib/testing/fake-hooks";
import { newWorkspace } from "@/lib/testing/fixtures";
import { updateCaps } from "@/lib/budget";
import { call, keyFor } from "@/lib/http/test-helpers";
import { POST as planRoute } from "@/app/api/v1/storyboards/plan/route";
import { POST as estimateRoute } from "@/app/api/v1/estimate/route";
import { brollBoard } from "../fixtures";
import { storyboardScript, type Storyboard } from "../types";
import { BROLL_NO_PROVIDER_REASON, BROLL_OFF_REASON, estimateBroll } from "./estimate";

const SCRIPT = ["Your calendar is lying to you.", "Remote teams move standups to async video and win back focus time.", "Developers now review more code than they write.", "Follow for the next one."].join("\n\n");


describe("AI B-roll from the UI", { timeout: 120_000 }, () => {
  let fake: KlingFake;
  useProviderFake(startKlingFake, (f) => (fake = f));

  async function workspace(o: { aiBroll: boolean; kling: boolean }) {
    const ctx = await newWorkspace({ plan: "pro" });
    if (o.kling) await saveProviderSettings(ctx, "kling", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    await upsertComposeSettings(getDb(), ctx.workspace.id, { aiBroll: o.aiBroll });
    return ctx;
  }

  it("says whether a B-roll scene would get a clip, and which settings page fixes it when not", async () => {
    const empty = brollBoard([]);
    const off = await workspace({ aiBroll: false, kling: true });
    expect(await estimateBroll(off.workspace.id, empty)).toMatchObject({ available: false, unavailableReason: BROLL_OFF_REASON, settingsHref: "/settings/brand", clips: 0, totalCents: 0 });
    const noKey = await workspace({ aiBroll: true, kling: false });
    expect(await estimateBroll(noKey.workspace.id, empty)).toMatchObject({ available: false, unavailableReason: BROLL_NO_PROVIDER_REASON, settingsHref: "/settings/providers" });
    const on = await workspace({ aiBroll: true, kling: true });
    const est = await estimateBroll(on.workspace.id, brollBoard(["A drone shot over a harbour at dawn", "Hands typing on a laptop"]));
    expect(est).toMatchObject({ available: true, unavailableReason: null, settingsHref: null, clips: 2, cachedClips: 0 });
    expect(est.scenes.every((s) => s.provider === "kling" && Number.isInteger(s.cents) && s.cents > 0)).toBe(true);
    expect(est.totalCents).toBe(est.scenes[0].cents + est.scenes[1].cents);
  });

  it("POST /storyboards/plan proposes B-roll only when the workspace can make it, and returns its estimate", async () => {
    const off = await workspace({ aiBroll: false, kling: true });
    const a = await call(planRoute, "/storyboards/plan", { key: await keyFor(off), body: { script: SCRIPT } });
    expect(a.status, JSON.stringify(a.json)).toBe(200);
    expect(a.json.storyboard.scenes.map((s: Storyboard["scenes"][number]) => s.visual.type)).toEqual(["none", "none", "none", "none"]);
    expect(a.json.broll).toMatchObject({ available: false, clips: 0, totalCents: 0 });

    const on = await workspace({ aiBroll: true, kling: true });
    const b = await call(planRoute, "/storyboards/plan", { key: await keyFor(on), body: { script: SCRIPT } });
    expect(b.status, JSON.stringify(b.json)).toBe(200);
    const board = b.json.storyboard as Storyboard;
    expect(board.scenes.map((s) => s.visual.type)).toEqual(["broll", "broll", "none", "none"]);
    // The lines (the script) never change; the prompt comes from the scene's own words.
    expect(storyboardScript(board)).toBe(SCRIPT);
    const second = board.scenes[1].visual;
    expect(second.type === "broll" && second.prompt).toMatch(/video call grid.*evoking remote, teams, move, standups/);
    expect(b.json.broll).toMatchObject({ available: true, clips: 2, cachedClips: 0 });
    expect(b.json.broll.totalCents).toBeGreaterThan(0);
    expect(b.json.broll.scenes.map((s: { sceneId: string }) => s.sceneId)).toEqual(["s1", "s2"]);
  });

  it("the create form's estimate adds the storyboard's B-roll, and the day's budget counts it", async () => {
    const ctx = await workspace({ aiBroll: true, kling: true });
    const key = await keyFor(ctx);
    const board = brollBoard(["A drone shot over a harbour at dawn", "Hands typing on a laptop"]);
    const body = { script: storyboardScript(board), avatarProfileId: "sarah", providerPreference: "only:local", storyboard: board };
    const plain = await call(estimateRoute, "/estimate", { key, body: { ...body, storyboard: undefined } });
    expect(plain.status, JSON.stringify(plain.json)).toBe(200);
    expect(plain.json.broll).toBeNull();
    expect(plain.json.totalCents).toBe(plain.json.minReserveCents);

    const r = await call(estimateRoute, "/estimate", { key, body });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    expect(r.json.broll).toMatchObject({ available: true, clips: 2 });
    const brollCents = r.json.broll.totalCents as number;
    expect(brollCents).toBeGreaterThan(0);
    expect(Number.isInteger(r.json.totalCents)).toBe(true);
    expect(r.json.totalCents).toBe(r.json.minReserveCents + brollCents);
    expect(r.json.fitsBudget).toBe(true);

    // A day's budget that fits the presenter but not the clips.
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: r.json.minReserveCents + brollCents - 1, monthlyCents: null });
    const tight = await call(estimateRoute, "/estimate", { key, body });
    expect(tight.json.fitsBudget).toBe(false);
    const presenterOnly = await call(estimateRoute, "/estimate", { key, body: { ...body, storyboard: undefined } });
    expect(presenterOnly.json.fitsBudget).toBe(true);

    // A prompt being rewritten (empty for a moment) is priced as no clip, not a 400.
    const typing = { ...board, scenes: board.scenes.map((sc) => (sc.id === "b2" ? { ...sc, visual: { type: "broll" as const, prompt: "  " } } : sc)) };
    const t = await call(estimateRoute, "/estimate", { key, body: { ...body, storyboard: typing } });
    expect(t.status, JSON.stringify(t.json)).toBe(200);
    expect(t.json.broll).toMatchObject({ clips: 1, totalCents: r.json.broll.scenes[0].cents });

    const bad = await call(estimateRoute, "/estimate", { key, body: { ...body, storyboard: { version: 1, scenes: [] } } });
    expect(bad.status).toBe(400);
  });
});
