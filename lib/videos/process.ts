/**
 * The generation state machine, run by the `video.process` job:
 * queued → submitting → rendering → processing → completed | failed | timeout | cancelled.
 * Every step reads its state from PostgreSQL first, so a retried or resumed job continues
 * where the last one stopped (lib/videos/resume.ts). The other responsibilities live beside it:
 * attempts.ts (attempt rows, charge on success, concurrency), postprocess.ts (store, renditions,
 * settle), public.ts (the DTO), cancel.ts (cancel), pipeline-hooks.ts (stage boundaries).
 */
import { resolveOwnedKey } from "@/lib/storage/owned";
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, videoAnalyticsEvents, videoGenerations } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { scratchDir } from "@/lib/storage";
import { releaseReservation } from "@/lib/budget";
import { queueDeliveries, recordEvent } from "@/lib/webhooks";
import { getProvider } from "@/lib/providers/registry";
import { runWithFailover, FailoverCancelled, FailoverError, isAbandon, type FailoverEvent, type PollPolicy } from "@/lib/providers/failover";
import { CircuitBreaker } from "@/lib/providers/circuit-breaker";
import { RateLimiter, realSleep } from "@/lib/providers/rate-limit";
import { PostgresBreakerStore } from "@/lib/providers/workspace";
import type { GenerationRequest, VideoProvider } from "@/lib/providers/types";
import { callbackUrlFor } from "./callbacks";
import { wakeableSleep } from "./wake";
import { estimateCandidates } from "./estimate";
import { acquireLease, releaseLease, renewLease } from "./lease";
import { finalTransition, isFinal, loadVideo, transition, type Video } from "./state";
import { avatarRef } from "./request";
import { ASPECT_TO_RATIO } from "./input";
import { AttemptInFlight, attemptRecorder, attemptsOf, ProvidersBusy, withinConcurrency } from "./attempts";
import { countsAsTried, resumeFromAttempts, type ProviderResult } from "./resume";
import { postProcess } from "./postprocess";
import { finishCancelled } from "./cancel";
import { publicVideo } from "./public";
import type { ProcessOptions } from "./pipeline-hooks";
import { clipRequest } from "@/lib/providers/clip-request";
import { brollChildOf, prepareBroll } from "@/lib/compose/broll";
import { defaultBrollDeps } from "@/lib/compose/broll/child";

/** The video's AI B-roll clips are still being made (issue 14): come back later. */
class BrollPending extends Error {}

// Kept for importers of the old single module.
export { publicVideo } from "./public";
export { requestCancel } from "./cancel";

const breaker = new CircuitBreaker({ store: new PostgresBreakerStore() });
const limiter = new RateLimiter();

/** Deployment-wide overrides of how long we wait on providers (documented in README). */
function pollOverrides(): Partial<PollPolicy> {
  const e = env();
  return {
    ...(e.PROVIDER_TIMEOUT_SECONDS ? { overallTimeoutMs: e.PROVIDER_TIMEOUT_SECONDS * 1000 } : {}),
    ...(e.PROVIDER_POLL_INTERVAL_MS ? { initialMs: e.PROVIDER_POLL_INTERVAL_MS, maxMs: Math.max(e.PROVIDER_POLL_INTERVAL_MS * 4, 1000) } : {}),
  };
}

export type ProcessOutcome = "done" | "already_final" | "held_elsewhere" | "deferred";

/**
 * The provider as this video submits to it: with our callback URL when it calls back, and with
 * `attempt` = the attempt row's number, so the idempotency key sent upstream (HeyGen
 * Idempotency-Key, Kling external_task_id) is one a resumed worker can send again.
 */
function forVideo(p: VideoProvider, videoId: string, attemptNumber: () => number | null): VideoProvider {
  return {
    ...p,
    // null: the caller's request already names the attempt (a resumed submit re-sends the
    // interrupted attempt's own number; overriding it made a NEW key → a second paid job, H11b).
    submit: (ctx, req) => p.submit(ctx, { ...req, attempt: attemptNumber() ?? req.attempt, ...(p.capabilities.webhooks ? { callbackUrl: callbackUrlFor(p.id, videoId) } : {}) }),
  };
}

export async function processVideo(videoId: string, opts: ProcessOptions = {}): Promise<ProcessOutcome> {
  const v = await loadVideo(videoId);
  if (!v) return "already_final";
  if (isFinal(v)) return "already_final";
  if (v.cancelRequestedAt) {
    await finishCancelled(v);
    return "done";
  }
  const lease = await acquireLease(v.id, v.workspaceId, env().WORKSPACE_CONCURRENCY, opts.now?.());
  if (lease.status === "held_elsewhere") return "held_elsewhere";
  if (lease.status === "workspace_busy") return "deferred";
  const leaseToken = lease.token;

  const abort = new AbortController();
  // Heartbeat: renews the lease and notices a cancel request from the dashboard or API.
  const heartbeat = setInterval(() => {
    void (async () => {
      try {
        await renewLease(v.id, leaseToken);
        const [row] = await getDb().select({ c: videoGenerations.cancelRequestedAt }).from(videoGenerations).where(eq(videoGenerations.id, v.id));
        if (row?.c) abort.abort();
      } catch (err) {
        logger.warn({ err, videoId: v.id }, "heartbeat failed");
      }
    })();
  }, 2000);
  let abandoned = false;
  try {
    await run(v, abort.signal, opts);
    return "done";
  } catch (err) {
    if (isAbandon(err)) {
      // Like a killed process: in-flight work stops, nothing is recorded, the lease runs out.
      abandoned = true;
      abort.abort();
      throw err;
    }
    if (err instanceof ProvidersBusy || err instanceof BrollPending) return "deferred";
    if (err instanceof AttemptInFlight) {
      // Another run of this video (a duplicate job) owns the attempt; its lease is its own.
      abandoned = true;
      return "held_elsewhere";
    }
    throw err;
  } finally {
    clearInterval(heartbeat);
    if (!abandoned) await releaseLease(v.id, leaseToken);
  }
}

async function run(v: Video, signal: AbortSignal, opts: ProcessOptions): Promise<void> {
  const db = getDb();
  const [avatar] = await db.select().from(avatarProfiles).where(eq(avatarProfiles.id, v.avatarProfileId));
  const workDir = path.join(scratchDir(), v.id);
  await fs.mkdir(workDir, { recursive: true });
  const destPath = path.join(workDir, "result.mp4");
  // A B-roll child (issue 14) is a clip from its prompt: clip providers only, no presenter.
  const brollChild = brollChildOf(v);
  const request: GenerationRequest = brollChild
    ? clipRequest({ generationId: v.id, prompt: v.scriptContent, aspectRatio: ASPECT_TO_RATIO[v.aspectRatio] })
    : {
        generationId: v.id,
        attempt: 1,
        title: v.scriptTitle,
        script: v.scriptContent,
        aspectRatio: ASPECT_TO_RATIO[v.aspectRatio],
        voiceSpeed: v.voiceSpeed,
        // A storyboard video gets its captions from the composer, laid out per scene and aspect;
        // burning them into the presenter track too would show them twice.
        captions: v.captions && !v.storyboard,
        background: v.background,
        avatar: avatarRef(avatar),
      };
  // Checked again where it is resolved: a key outside this workspace reads as missing.
  const resolveMedia = (key: string) => resolveOwnedKey(v.workspaceId, key);
  // Routing uses the same candidates, in the same order, as the estimate and the hold.
  const { candidates } = await estimateCandidates(v.workspaceId, request, v.providerPreference, v.allowTextToVideo);
  const progress = progressReporter(v);

  if (!v.startedAt) await transition(v.id, { status: "submitting", stage: "Starting", startedAt: new Date(), progress: 2 });
  // Issue 14: a storyboard's AI B-roll clips are child generations; wait for them without
  // holding this worker (deferred, the job comes back), then compose with their keys.
  if (v.storyboard) {
    const broll = await prepareBroll(v, defaultBrollDeps);
    if (broll.status === "pending") {
      await transition(v.id, { status: "submitting", stage: `Making AI B-roll (${broll.total - broll.waiting} of ${broll.total} ready)` });
      throw new BrollPending();
    }
    if (broll.status === "ready") v = { ...v, storyboard: broll.board };
  }

  let result: ProviderResult | null = null;
  try {
    // 1. Continue what the attempt rows say was under way (or done) when a worker died.
    result = await resumeFromAttempts(v, {
      workDir,
      destPath,
      signal,
      resolveMedia,
      candidates,
      pollOverrides: pollOverrides(),
      request,
      submitFor: (p) => forVideo(p, v.id, () => null),
      onPoll: (provider, attemptId, status, percent) => progress.onFailoverEvent({ type: "progress", provider, attemptId, status, percent }),
      checkpoint: opts.checkpoint,
    });

    // 2. Otherwise fail over through the providers not tried yet, in the video's order.
    if (!result) {
      const prior = await attemptsOf(v);
      // A skip or an interrupted local render is not a try: that provider may take this run.
      const tried = new Set(prior.filter(countsAsTried).map((a) => a.provider));
      const untried = candidates.filter((c) => !tried.has(c.provider));
      const recorder = attemptRecorder(v, opts.checkpoint);
      const remaining = await withinConcurrency(v, untried, recorder);
      const r = await runWithFailover({
        request: { ...request, attempt: prior.length + 1 },
        workspaceId: v.workspaceId,
        candidates: remaining.map((c) => ({
          provider: forVideo(getProvider(c.provider), v.id, recorder.current),
          credentials: c.settings.credentials,
          costModel: c.settings.costModel,
          rateLimitPerMinute: c.settings.rateLimitPerMinute,
          // The local studio renders here, on our own clock; the overrides are for remote jobs.
          pollPolicy: c.provider === "local" ? undefined : pollOverrides(),
        })),
        breaker,
        limiter,
        // The hold was made for the candidates that fit it; anything within it may run.
        budgetAllows: async (_p, estimate) => estimate.cents <= v.reservedCents,
        attempts: recorder,
        allowTextToVideo: v.allowTextToVideo,
        role: brollChild ? "clip" : "presenter",
        destPath,
        workDir,
        resolveMedia,
        signal,
        onEvent: (e) => progress.onFailoverEvent(e),
        // A provider callback for this video cuts the wait before the next poll short.
        sleep: wakeableSleep(v.id, realSleep),
      });
      await opts.checkpoint?.("downloaded", { provider: r.provider });
      result = { provider: r.provider, path: r.path };
    }
  } catch (err) {
    if (isAbandon(err) || err instanceof ProvidersBusy || err instanceof AttemptInFlight) throw err;
    if (err instanceof FailoverCancelled || signal.aborted) {
      await finishCancelled((await loadVideo(v.id))!);
      return;
    }
    // Not a provider verdict (database blip, disk full…): let the job retry and resume.
    if (!(err instanceof FailoverError)) throw err;
    await finishFailed(v, err);
    return;
  }
  await postProcess(v, result, workDir, opts.checkpoint);
  await fs.rm(workDir, { recursive: true, force: true });
}

/** Maps provider progress to the video's overall bar (render = 5–85 %) with an ETA. */
function progressReporter(v: Video) {
  let lastWrite = 0;
  let lastPercent = -1;
  let lastStage = "";
  const started = Date.now();
  return {
    onFailoverEvent(e: FailoverEvent) {
      if (e.type !== "progress") return;
      const inner = Math.max(0, Math.min(100, e.percent ?? 0));
      const percent = Math.round(5 + inner * 0.8);
      const stage = `${getProvider(e.provider).displayName}: ${e.status}`;
      const now = Date.now();
      if (stage === lastStage && (percent === lastPercent || now - lastWrite < 500)) return;
      lastWrite = now;
      lastPercent = percent;
      lastStage = stage;
      const elapsed = (now - started) / 1000;
      const eta = inner > 5 ? Math.round((elapsed / inner) * (100 - inner)) + 3 : null;
      void transition(v.id, { status: "rendering", stage, progress: percent, etaSeconds: eta }).catch((err) => logger.warn({ err }, "progress write failed"));
    },
  };
}

async function finishFailed(v: Video, err: FailoverError): Promise<void> {
  const timedOut = err.attempts.length > 0 && err.attempts.filter((a) => a.outcome !== "skipped").every((a) => a.outcome === "timeout");
  logger.warn({ videoId: v.id, err }, "video failed");
  // The hold goes back; a charge a provider earned before a later failure stays (keyed rows).
  await releaseReservation(v.workspaceId, v.id, "Released: the video failed");
  // The failed state, its analytics event and its webhook rows commit together (see postprocess).
  const fin = await finalTransition(
    v.id,
    {
      status: timedOut ? "timeout" : "failed",
      stage: timedOut ? "Timed out" : "Failed",
      error: err.message,
      errorCode: err.code,
      etaSeconds: null,
      costCents: 0,
      completedAt: new Date(),
    },
    async (tx, row) => {
      await tx.insert(videoAnalyticsEvents).values({ workspaceId: v.workspaceId, videoId: v.id, type: "failed", meta: { error: err.message.slice(0, 500) } });
      return recordEvent(tx, v.workspaceId, "video.failed", publicVideo(row));
    },
  );
  if (fin) await queueDeliveries(fin.result);
}
