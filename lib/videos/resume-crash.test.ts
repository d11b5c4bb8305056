/**
 * Issue 11, defects 1 and 2: a worker that dies at any stage boundary loses neither the video
 * nor money. Each case runs the real job handler (processVideo) until a checkpoint at one real
 * stage boundary throws SimulatedCrash — the handler stops like a killed process (no failure
 * written, lease kept, in-flight render aborted) — then runs the handler again with a clock past
 * the lease, as the next worker would. Ledger rows are checked exactly.
 *
 * Mutations tried (each made a case here fail):
 * - resume.ts: the `if (a.outcome === "succeeded")` refetch disabled (a succeeded attempt no
 *   longer resumed) → "provider_succeeded" fails: HeyGen is submitted a second time (2 ≠ 1),
 *   i.e. the paid result is thrown away (defect 1).
 * - attempts.ts recordProviderSuccess: chargeAttempt call removed → "exactly one charge" fails.
 * - resume.ts resumeRunning (local): finishAttempt(..., "cancelled") → "failed" → the local
 *   cases end "No video provider can make this video" (defect 2).
 * - budget settle(): the `chargedFor(...) === 0` guard removed → "settled" fails with two
 *   charge rows (a double charge).
 * - postprocess.ts: the webhook rows written after the final transition (the old
 *   `transition(…completed…)` then `deliverEvent(…)`) → "killed between completed and the
 *   webhook" fails: no delivery row exists after the kill, so nothing is ever sent.
 * - webhooks/index.ts sweepPendingDeliveries: `queueDeliveries(ids, send)` removed → the same
 *   case fails (the pending row is never queued again).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, it, expect } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, generationAttempts, videoGenerations, webhookDeliveries } from "@/db/schema";
import { attemptDelivery, createEndpoint, sweepPendingDeliveries } from "@/lib/webhooks";
import type { GuardOptions } from "@/lib/net/egress";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { useProviderFake } from "@/lib/testing/fake-hooks";
import { newWorkspace } from "@/lib/testing/fixtures";
import type { AuthContext } from "@/lib/auth/context";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { LEASE_SECONDS } from "./lease";
import { SimulatedCrash, type Checkpoint, type Stage } from "./pipeline-hooks";

const SCRIPT = "Workers die. Videos and money should not.";

/** Throws at the first time the pipeline reaches `stage` (for `provider`). */
function crashAt(stage: Stage, provider: string): { checkpoint: Checkpoint; fired: () => boolean } {
  let fired = false;
  return {
    fired: () => fired,
    checkpoint: (s, info) => {
      if (fired || s !== stage || (info.provider && info.provider !== provider)) return;
      fired = true;
      throw new SimulatedCrash(s);
    },
  };
}

/** The next worker: same handler, the clock after the dead worker's lease ran out. */
const afterLease = () => new Date(Date.now() + (LEASE_SECONDS + 1) * 1000);

async function ledger(workspaceId: string, videoId: string) {
  const rows = await getDb().select().from(costLedger).where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.videoId, videoId)));
  return rows.map((r) => [r.kind, r.amountCents]).sort();
}

async function video(id: string) {
  const [v] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, id));
  return v;
}

async function attempts(id: string) {
  const rows = await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, id)).orderBy(generationAttempts.attemptNumber);
  return rows.map((a) => [a.provider, a.outcome]);
}

describe("a worker killed at each stage boundary", () => {
  let fake: HeygenFake;
  useProviderFake(startHeygenFake, (f) => (fake = f));

  async function heygenOnly(): Promise<AuthContext> {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    return ctx;
  }

  // "attempt_started": the attempt row exists without an external id; HeyGen dedupes by our
  // Idempotency-Key, so the resumed worker submits again under the same attempt number.
  const remoteStages: Stage[] = ["attempt_started", "submitted", "provider_succeeded", "downloaded", "stored", "rendition", "settled"];
  for (const stage of remoteStages) {
    it(`HeyGen, killed at "${stage}": resumed, completed once, charged once, hold released once`, async () => {
      const ctx = await heygenOnly();
      fake.setMode({ pollsBeforeDone: 1 });
      const { video: v } = await createVideo(ctx, { title: `Crash at ${stage}`, script: SCRIPT, avatarProfileId: "sarah", allowTextToVideo: false });
      const submitsBefore = fake.requests.filter((r) => r.method === "POST" && /\/video\/generate|\/v3\/videos$/.test(r.path)).length;

      const crash = crashAt(stage, "heygen");
      await expect(processVideo(v.id, { checkpoint: crash.checkpoint })).rejects.toBeInstanceOf(SimulatedCrash);
      expect(crash.fired()).toBe(true);
      expect(await processVideo(v.id, { now: afterLease })).toBe("done");

      const done = await video(v.id);
      expect(done.status, done.error ?? "").toBe("completed");
      expect(done.provider).toBe("heygen");
      // One submission upstream: the resumed worker polled / re-fetched, never resubmitted.
      expect(fake.requests.filter((r) => r.method === "POST" && /\/video\/generate|\/v3\/videos$/.test(r.path)).length - submitsBefore).toBe(1);
      expect(await attempts(v.id)).toEqual([["heygen", "succeeded"]]);
      const [a] = await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, v.id));
      expect(a.costCents).toBeGreaterThan(0);
      // Exactly: the hold, its release, one charge of the provider's cost.
      expect(await ledger(ctx.workspace.id, v.id)).toEqual(
        [
          ["charge", a.costCents],
          ["release", done.reservedCents],
          ["reserve", done.reservedCents],
        ].sort(),
      );
      expect(done.costCents).toBe(a.costCents);
      // The default rendition was handled (the fake's 1-s clip is too short for Reels, which is recorded).
      expect([...Object.keys(done.renditions), ...Object.keys(done.renditionErrors)]).toEqual(["instagram_reels"]);
    });
  }

  for (const stage of ["attempt_started", "submitted", "stored", "settled"] as Stage[]) {
    it(`local studio, killed at "${stage}": rendered again and completed, nothing charged`, async () => {
      const ctx = await newWorkspace();
      const { video: v } = await createVideo(ctx, { title: `Local crash at ${stage}`, script: SCRIPT, avatarProfileId: "sarah", providerPreference: "only:local" });
      const crash = crashAt(stage, "local");
      await expect(processVideo(v.id, { checkpoint: crash.checkpoint })).rejects.toBeInstanceOf(SimulatedCrash);
      expect(await processVideo(v.id, { now: afterLease })).toBe("done");

      const done = await video(v.id);
      expect(done.status, done.error ?? "").toBe("completed");
      expect(done.provider).toBe("local");
      const rows = await attempts(v.id);
      // An interrupted render is closed as cancelled (not failed) and rendered again.
      if (stage === "attempt_started" || stage === "submitted") expect(rows).toEqual([["local", "cancelled"], ["local", "succeeded"]]);
      else expect(rows).toEqual([["local", "succeeded"]]);
      expect(await ledger(ctx.workspace.id, v.id)).toEqual([["reserve", 0]]);
      expect(done.costCents).toBe(0);
    });
  }

  // A worker killed right after the video became "completed" (before its webhook job was sent):
  // the delivery row committed with the transition, the sweeper queues it again, and the
  // receiver gets the event once, with the same delivery id header.
  it('HeyGen, killed between "completed" and the webhook job: the delivery is kept and sent after restart', async () => {
    const got: { id: string; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        got.push({ id: String(req.headers["x-avs-delivery"]), body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const loopback: GuardOptions = { policy: { allowPrivate: true, allowHosts: [] } };
    try {
      const ctx = await heygenOnly();
      fake.setMode({ pollsBeforeDone: 1 });
      const ep = await createEndpoint(ctx, { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`, events: ["video.completed"] }, loopback);
      const { video: v } = await createVideo(ctx, { title: "Crash before the webhook", script: SCRIPT, avatarProfileId: "sarah", allowTextToVideo: false });

      const crash = crashAt("completed", "heygen");
      await expect(processVideo(v.id, { checkpoint: crash.checkpoint })).rejects.toBeInstanceOf(SimulatedCrash);
      expect((await video(v.id)).status).toBe("completed");
      // The next worker finds the video final: nothing to redo there.
      expect(await processVideo(v.id, { now: afterLease })).toBe("already_final");
      const rows = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));
      expect(rows.map((r) => [r.event, r.status])).toEqual([["video.completed", "pending"]]);

      // The sweeper (its clock past the grace period) sends the lost job again; the engine runs it.
      const queued: string[] = [];
      const n = await sweepPendingDeliveries(async (_job, payload) => {
        queued.push((payload as { deliveryId: string }).deliveryId);
        return "job";
      }, new Date(Date.now() + 60_000));
      expect(n).toBeGreaterThanOrEqual(1);
      expect(queued).toContain(rows[0].id);
      await attemptDelivery(rows[0].id, { egress: loopback });

      const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, rows[0].id));
      expect(after.status).toBe("delivered");
      expect(got.map((g) => g.id)).toEqual([rows[0].id]);
      expect(JSON.parse(got[0].body)).toMatchObject({ type: "video.completed", data: { id: v.id, status: "completed" } });
    } finally {
      receiver.close();
    }
  });
});
