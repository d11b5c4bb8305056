/**
 * Issue 11 (H11b): the chaos run (kill -9s at submitting/rendering + a PostgreSQL outage) made
 * 12 HeyGen jobs for 10 paid videos and committed 1100 ¢ against a 1000 ¢ cap. Two paths:
 *
 * 1. A worker killed after HeyGen accepted the job but before the external id was written: the
 *    resumed worker re-sends the submit — it must carry the SAME Idempotency-Key (`<video>:1`),
 *    so HeyGen replays the job instead of making (and billing) a second one. process.ts passed
 *    `() => 0` as the attempt number for resumed submits, so the key became `<video>:0`.
 * 2. Two runs of one video at once (a duplicate job, or a lease that lapsed during the outage):
 *    the second run must not start a second paid attempt while the first's is in flight.
 *
 * Real PostgreSQL (TEST_DATABASE_URL), the real job handler and the HeyGen fake (which replays
 * by Idempotency-Key as HeyGen v3 documents: same key within 24 h → the first answer).
 *
 * Mutations tried (each made a case here fail):
 * - process.ts: `submitFor: (p) => forVideo(p, v.id, () => null)` back to `() => 0` →
 *   "killed mid-submit" sees keys [`<id>:1`, `<id>:0`] and 2 HeyGen jobs.
 * - attempts.ts startAttempt: `if (running) throw new AttemptInFlight(...)` removed →
 *   "a second run" starts attempt 2 next to the running attempt 1.
 */
import { describe, it, expect } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, generationAttempts, videoGenerations } from "@/db/schema";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { useProviderFake } from "@/lib/testing/fake-hooks";
import { newWorkspace } from "@/lib/testing/fixtures";
import type { AuthContext } from "@/lib/auth/context";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { LEASE_SECONDS } from "./lease";
import { AttemptInFlight, attemptRecorder } from "./attempts";
import { loadVideo } from "./state";
import { SimulatedCrash, type Checkpoint } from "./pipeline-hooks";

const SCRIPT = "Killed mid-submit. Paid once.";
const afterLease = () => new Date(Date.now() + (LEASE_SECONDS + 1) * 1000);

describe("a paid video is submitted once and charged once under kills", () => {
  let fake: HeygenFake;
  useProviderFake(startHeygenFake, (f) => (fake = f));

  async function heygenOnly(): Promise<AuthContext> {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    return ctx;
  }
  const posts = () => fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos");

  it("killed mid-submit (HeyGen has the job, we have no id): the resumed submit re-sends the same key, one job, one charge", async () => {
    const ctx = await heygenOnly();
    fake.setMode({ pollsBeforeDone: 1 });
    const { video: v } = await createVideo(ctx, { title: "Mid-submit kill", script: SCRIPT, avatarProfileId: "sarah", allowTextToVideo: false });
    const before = posts().length;
    let fired = false;
    const checkpoint: Checkpoint = (s) => {
      if (fired || s !== "submitted") return;
      fired = true;
      throw new SimulatedCrash(s);
    };
    await expect(processVideo(v.id, { checkpoint })).rejects.toBeInstanceOf(SimulatedCrash);
    // The state a kill -9 between HeyGen's answer and our write leaves: the attempt is running
    // and no external id was stored (the job exists upstream under key `<video>:1`).
    await getDb().update(generationAttempts).set({ externalId: null, submittedAt: null }).where(eq(generationAttempts.videoId, v.id));
    await getDb().update(videoGenerations).set({ externalId: null, status: "submitting" }).where(eq(videoGenerations.id, v.id));

    expect(await processVideo(v.id, { now: afterLease })).toBe("done");
    const done = (await loadVideo(v.id))!;
    expect(done.status, done.error ?? "").toBe("completed");
    const mine = posts().slice(before);
    const keys = mine.map((r) => String(r.headers["idempotency-key"]));
    expect(keys.length).toBe(2); // the first submit and the resumed one
    expect(new Set(keys).size).toBe(1); // …under one key: HeyGen replays, no second paid job
    expect(keys[0]).toMatch(/:1$/);
    const charges = await getDb().select().from(costLedger).where(and(eq(costLedger.workspaceId, ctx.workspace.id), eq(costLedger.videoId, v.id), eq(costLedger.kind, "charge")));
    expect(charges.map((c) => c.amountCents)).toEqual([done.reservedCents]);
  });

  it("a second run of the same video cannot start a second attempt while the first's is in flight", async () => {
    const ctx = await heygenOnly();
    const { video: v } = await createVideo(ctx, { title: "Two runs", script: SCRIPT, avatarProfileId: "sarah", allowTextToVideo: false });
    const row = (await loadVideo(v.id))!;
    const first = attemptRecorder(row);
    const second = attemptRecorder(row);
    const est = { cents: 100, currency: "USD" } as never;
    await first.start("heygen", est);
    await expect(second.start("heygen", est)).rejects.toBeInstanceOf(AttemptInFlight);
    const rows = await getDb().select().from(generationAttempts).where(and(eq(generationAttempts.workspaceId, ctx.workspace.id), eq(generationAttempts.videoId, v.id)));
    expect(rows.map((a) => [a.attemptNumber, a.outcome])).toEqual([[1, "running"]]);
    // Once the first attempt is closed, the next one may start (sequential failover is unchanged).
    await first.finish(rows[0].id, { outcome: "failed", error: "render failed" });
    await expect(second.start("heygen", est)).resolves.toBeTruthy();
  });
});
