/**
 * The generation state machine, run by the `video.process` job:
 * queued → submitting → rendering → processing → completed | failed | timeout | cancelled.
 * Every step reads its state from PostgreSQL first, so a retried or resumed job continues
 * where the last one stopped: an attempt already submitted to a provider is polled again,
 * never resubmitted, and money moves only through ledger rows keyed by the video.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { and, asc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, generationAttempts, videoAnalyticsEvents, videoGenerations } from "@/db/schema";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { emit } from "@/lib/realtime/emit";
import { storage, scratchDir } from "@/lib/storage";
import { checkAlerts, releaseReservation, settle } from "@/lib/budget";
import { deliverEvent } from "@/lib/webhooks";
import { getProvider } from "@/lib/providers/registry";
import {
  runWithFailover,
  pollUntilDone,
  downloadResult,
  pollPolicyFor,
  FailoverCancelled,
  FailoverError,
  type AttemptRecorder,
  type FailoverEvent,
  type PollPolicy,
} from "@/lib/providers/failover";
import { CircuitBreaker } from "@/lib/providers/circuit-breaker";
import { RateLimiter, realSleep } from "@/lib/providers/rate-limit";
import { PostgresBreakerStore } from "@/lib/providers/workspace";
import type { GenerationRequest, ProviderContext, ProviderId, VideoProvider } from "@/lib/providers/types";
import { callbackUrlFor } from "./callbacks";
import { wakeableSleep } from "./wake";
import { makeThumbnail, probeMedia } from "@/lib/render/ffmpeg";
import { optimiseForPlatform } from "@/lib/render/platform";
import { estimateCandidates } from "./estimate";
import { acquireLease, releaseLease, renewLease } from "./lease";
import { transition } from "./state";
import { avatarRef } from "./request";
import { ASPECT_TO_RATIO } from "./input";
import { emitVideo } from "./events";

type Video = typeof videoGenerations.$inferSelect;

const breaker = new CircuitBreaker({ store: new PostgresBreakerStore() });

/** Deployment-wide overrides of how long we wait on providers (documented in README). */
function pollOverrides(): Partial<PollPolicy> {
  const e = env();
  return {
    ...(e.PROVIDER_TIMEOUT_SECONDS ? { overallTimeoutMs: e.PROVIDER_TIMEOUT_SECONDS * 1000 } : {}),
    ...(e.PROVIDER_POLL_INTERVAL_MS ? { initialMs: e.PROVIDER_POLL_INTERVAL_MS, maxMs: Math.max(e.PROVIDER_POLL_INTERVAL_MS * 4, 1000) } : {}),
  };
}
const limiter = new RateLimiter();

export type ProcessOutcome = "done" | "already_final" | "held_elsewhere" | "deferred";

/** Gives a provider that calls back our callback URL for this video (the request is shared by all candidates). */
function withCallback(p: VideoProvider, videoId: string): VideoProvider {
  if (!p.capabilities.webhooks) return p;
  return { ...p, submit: (ctx, req) => p.submit(ctx, { ...req, callbackUrl: callbackUrlFor(p.id, videoId) }) };
}

async function loadVideo(id: string): Promise<Video | null> {
  const [v] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, id));
  return v ?? null;
}

function isFinal(v: Video) {
  return ["completed", "failed", "timeout", "cancelled"].includes(v.status);
}

export async function processVideo(videoId: string): Promise<ProcessOutcome> {
  const v = await loadVideo(videoId);
  if (!v) return "already_final";
  if (isFinal(v)) return "already_final";
  if (v.cancelRequestedAt) {
    await finishCancelled(v);
    return "done";
  }
  const lease = await acquireLease(v.id, v.workspaceId, env().WORKSPACE_CONCURRENCY);
  if (lease === "held_elsewhere") return "held_elsewhere";
  if (lease === "workspace_busy") return "deferred";

  const abort = new AbortController();
  // Heartbeat: renews the lease and notices a cancel request from the dashboard or API.
  const heartbeat = setInterval(() => {
    void (async () => {
      try {
        await renewLease(v.id);
        const [row] = await getDb().select({ c: videoGenerations.cancelRequestedAt }).from(videoGenerations).where(eq(videoGenerations.id, v.id));
        if (row?.c) abort.abort();
      } catch (err) {
        logger.warn({ err, videoId: v.id }, "heartbeat failed");
      }
    })();
  }, 2000);
  try {
    await run(v, abort.signal);
    return "done";
  } catch (err) {
    if (err instanceof ProvidersBusy) return "deferred";
    throw err;
  } finally {
    clearInterval(heartbeat);
    await releaseLease(v.id);
  }
}

async function run(v: Video, signal: AbortSignal): Promise<void> {
  const db = getDb();
  const [avatar] = await db.select().from(avatarProfiles).where(eq(avatarProfiles.id, v.avatarProfileId));
  const priorAttempts = await db.select().from(generationAttempts).where(eq(generationAttempts.videoId, v.id)).orderBy(asc(generationAttempts.attemptNumber));
  const workDir = path.join(scratchDir(), v.id);
  await fs.mkdir(workDir, { recursive: true });
  const destPath = path.join(workDir, "result.mp4");
  const request: GenerationRequest = {
    generationId: v.id,
    attempt: priorAttempts.length + 1,
    title: v.scriptTitle,
    script: v.scriptContent,
    aspectRatio: ASPECT_TO_RATIO[v.aspectRatio],
    voiceSpeed: v.voiceSpeed,
    captions: v.captions,
    background: v.background,
    avatar: avatarRef(avatar),
  };
  const resolveMedia = (key: string) => storage().toLocalFile(key);
  const { candidates } = await estimateCandidates(v.workspaceId, request, v.providerPreference, v.allowTextToVideo);
  const progress = progressReporter(v);

  if (!v.startedAt) await transition(v.id, { status: "submitting", stage: "Starting", startedAt: new Date(), progress: 2 });

  let result: { provider: ProviderId; path: string; costCents: number } | null = null;
  try {
    // 1. Resume an attempt a previous worker submitted but did not see finish.
    const open = priorAttempts.find((a) => a.outcome === "running");
    if (open) result = await resumeAttempt(v, open, candidates, { workDir, destPath, signal, resolveMedia, progress });

    // 2. Otherwise (or if it failed) fail over through the providers not tried yet.
    if (!result) {
      // A skip is not a try: a provider passed over for budget, health or concurrency may take a later run.
      const tried = new Set((await db.select().from(generationAttempts).where(eq(generationAttempts.videoId, v.id))).filter((a) => a.outcome !== "skipped").map((a) => a.provider));
      const untried = candidates.filter((c) => !tried.has(c.provider));
      const remaining = await withinConcurrency(v, untried, attemptRecorder(v));
      const r = await runWithFailover({
        request: { ...request, attempt: tried.size + 1 },
        workspaceId: v.workspaceId,
        candidates: remaining.map((c) => ({
          provider: withCallback(getProvider(c.provider), v.id),
          credentials: c.settings.credentials,
          costModel: c.settings.costModel,
          rateLimitPerMinute: c.settings.rateLimitPerMinute,
          // The local studio renders here, on our own clock; the overrides are for remote jobs.
          pollPolicy: c.provider === "local" ? undefined : pollOverrides(),
        })),
        breaker,
        limiter,
        // The reservation was made for the most expensive candidate; anything within it fits.
        budgetAllows: async (_p, estimate) => estimate.cents <= v.reservedCents,
        attempts: attemptRecorder(v),
        allowTextToVideo: v.allowTextToVideo,
        destPath,
        workDir,
        resolveMedia,
        signal,
        onEvent: (e) => progress.onFailoverEvent(e),
        // A provider callback for this video cuts the wait before the next poll short.
        sleep: wakeableSleep(v.id, realSleep),
      });
      result = { provider: r.provider, path: r.path, costCents: r.costCents };
    }
  } catch (err) {
    if (err instanceof ProvidersBusy) throw err;
    if (err instanceof FailoverCancelled || signal.aborted) {
      await finishCancelled((await loadVideo(v.id))!);
      return;
    }
    await finishFailed(v, err);
    return;
  }
  await postProcess(v, result, workDir);
  await fs.rm(workDir, { recursive: true, force: true });
}

interface StepCtx {
  workDir: string;
  destPath: string;
  signal: AbortSignal;
  resolveMedia: (key: string) => Promise<string>;
  progress: ReturnType<typeof progressReporter>;
}

async function resumeAttempt(
  v: Video,
  a: typeof generationAttempts.$inferSelect,
  candidates: Awaited<ReturnType<typeof estimateCandidates>>["candidates"],
  s: StepCtx,
): Promise<{ provider: ProviderId; path: string; costCents: number } | null> {
  const db = getDb();
  const finish = async (outcome: "failed" | "timeout" | "succeeded", error?: string, costCents = 0) => {
    await db.update(generationAttempts).set({ outcome, error, costCents, finishedAt: new Date() }).where(eq(generationAttempts.id, a.id));
    await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: a.attemptNumber, provider: a.provider, outcome, error: error ?? null }, v.id);
  };
  const cand = candidates.find((c) => c.provider === a.provider);
  // A local render has no remote job to come back to; an external one that never got an id
  // may or may not exist upstream, so it is not resubmitted blindly.
  if (!a.externalId || a.provider === "local" || !cand) {
    await finish("failed", a.provider === "local" ? "Interrupted by a worker restart; rendering again." : "Interrupted before the provider confirmed the job.");
    return null;
  }
  const provider = getProvider(a.provider);
  const ctx: ProviderContext = { credentials: cand.settings.credentials, signal: s.signal, workDir: s.workDir, resolveMedia: s.resolveMedia };
  await transition(v.id, { status: "rendering", provider: a.provider, externalId: a.externalId, stage: `Rendering on ${provider.displayName} (resumed)` });
  const submittedAt = (a.submittedAt ?? a.startedAt).getTime();
  const done = await pollUntilDone(provider, ctx, a.externalId, pollPolicyFor(provider.id, pollOverrides()), {
    signal: s.signal,
    sleep: wakeableSleep(v.id, realSleep),
    submittedAt,
    onPoll: (status, percent) => s.progress.onFailoverEvent({ type: "progress", provider: provider.id, attemptId: a.id, status, percent }),
  });
  if (s.signal.aborted) throw new FailoverCancelled();
  if (done.status !== "succeeded") {
    await finish(done.status === "timeout" ? "timeout" : "failed", done.error);
    return null;
  }
  const file = await downloadResult(provider, ctx, a.externalId, s.destPath);
  await finish("succeeded", undefined, a.estimatedCostCents);
  return { provider: provider.id, path: file.path, costCents: a.estimatedCostCents };
}

/**
 * A provider with a concurrency setting takes at most that many of the workspace's jobs at
 * once; when it is full this video moves on to the next provider (the skip is recorded).
 */
async function withinConcurrency(
  v: Video,
  candidates: Awaited<ReturnType<typeof estimateCandidates>>["candidates"],
  attempts: AttemptRecorder,
): Promise<typeof candidates> {
  const free: typeof candidates = [];
  const busy: { c: (typeof candidates)[number]; running: number }[] = [];
  for (const c of candidates) {
    const limit = c.settings.concurrency;
    if (limit != null && c.provider !== "local") {
      const [row] = await getDb()
        .select({ n: sql<number>`count(*)::int` })
        .from(generationAttempts)
        .where(and(eq(generationAttempts.workspaceId, v.workspaceId), eq(generationAttempts.provider, c.provider), eq(generationAttempts.outcome, "running"), sql`${generationAttempts.videoId} <> ${v.id}`));
      if ((row?.n ?? 0) >= limit) {
        busy.push({ c, running: row.n });
        continue;
      }
    }
    free.push(c);
  }
  // Every provider is full: wait for a slot rather than fail the video.
  if (!free.length && busy.length) throw new ProvidersBusy();
  for (const { c, running } of busy) {
    const id = await attempts.start(c.provider, c.estimate);
    await attempts.finish(id, { outcome: "skipped", error: `${c.displayName} already has ${running} job(s) running, its concurrency limit; trying the next provider.` });
  }
  return free;
}

class ProvidersBusy extends Error {}

function attemptRecorder(v: Video): AttemptRecorder {
  const db = getDb();
  return {
    async start(provider, estimate) {
      const [n] = await db
        .select({ n: sql<number>`coalesce(max(${generationAttempts.attemptNumber}), 0)::int` })
        .from(generationAttempts)
        .where(eq(generationAttempts.videoId, v.id));
      const [row] = await db
        .insert(generationAttempts)
        .values({ workspaceId: v.workspaceId, videoId: v.id, attemptNumber: (n?.n ?? 0) + 1, provider, estimatedCostCents: estimate.cents })
        .returning();
      await transition(v.id, { status: "submitting", provider, stage: `Sending to ${getProvider(provider).displayName}` });
      await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: row.attemptNumber, provider, outcome: "running", error: null }, v.id);
      return row.id;
    },
    async submitted(attemptId, externalId) {
      const [a] = await db.update(generationAttempts).set({ externalId, submittedAt: new Date() }).where(eq(generationAttempts.id, attemptId)).returning();
      await transition(v.id, { status: "rendering", externalId, stage: `Rendering on ${getProvider(a.provider).displayName}` });
    },
    async finish(attemptId, r) {
      const [a] = await db
        .update(generationAttempts)
        .set({ outcome: r.outcome, error: r.error ?? null, costCents: r.costCents ?? 0, externalId: r.externalId, finishedAt: new Date() })
        .where(eq(generationAttempts.id, attemptId))
        .returning();
      await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: a.attemptNumber, provider: a.provider, outcome: r.outcome, error: r.error ?? null }, v.id);
    },
  };
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

const DEFAULT_PRESET: Record<Video["aspectRatio"], string> = { portrait: "instagram_reels", landscape: "youtube", square: "instagram_feed_square" };

async function postProcess(v: Video, r: { provider: ProviderId; path: string; costCents: number }, workDir: string): Promise<void> {
  await transition(v.id, { status: "processing", stage: "Optimising and making the thumbnail", progress: 88, etaSeconds: 5 });
  const st = storage();
  const base = `videos/${v.workspaceId}/${v.id}`;
  const info = await probeMedia(r.path);
  const thumb = path.join(workDir, "thumb.jpg");
  await makeThumbnail(r.path, thumb, Math.min(1.5, info.durationSec / 2));
  await st.putFile(`${base}/video.mp4`, r.path, "video/mp4");
  await st.putFile(`${base}/thumb.jpg`, thumb, "image/jpeg");

  const renditions: Record<string, string> = {};
  const renditionErrors: Record<string, string> = {};
  const wanted = v.targetPlatforms.length ? v.targetPlatforms : r.provider === "local" ? [] : [DEFAULT_PRESET[v.aspectRatio]];
  for (const preset of wanted) {
    try {
      const out = path.join(workDir, `${preset}.mp4`);
      await optimiseForPlatform(r.path, preset, out);
      await st.putFile(`${base}/${preset}.mp4`, out, "video/mp4");
      renditions[preset] = `${base}/${preset}.mp4`;
    } catch (err) {
      renditionErrors[preset] = err instanceof Error ? err.message : String(err);
    }
  }

  await settle(v.workspaceId, v.id, { cents: r.costCents, provider: r.provider });
  const done = await transition(v.id, {
    status: "completed",
    stage: "Ready",
    progress: 100,
    etaSeconds: 0,
    provider: r.provider,
    videoKey: `${base}/video.mp4`,
    thumbnailKey: `${base}/thumb.jpg`,
    renditions,
    renditionErrors,
    durationSeconds: Math.round(info.durationSec * 100) / 100,
    sizeBytes: info.sizeBytes,
    costCents: r.costCents,
    completedAt: new Date(),
    error: null,
  });
  if (!done) return;
  await getDb().insert(videoAnalyticsEvents).values({ workspaceId: v.workspaceId, videoId: v.id, type: "completed", meta: { provider: r.provider, costCents: r.costCents } });
  await deliverEvent(v.workspaceId, "video.completed", publicVideo(done));
  await raiseBudgetAlerts(v.workspaceId);
}

async function finishFailed(v: Video, err: unknown): Promise<void> {
  const timedOut = err instanceof FailoverError && err.attempts.length > 0 && err.attempts.filter((a) => a.outcome !== "skipped").every((a) => a.outcome === "timeout");
  const message = err instanceof Error ? err.message : String(err);
  logger.warn({ videoId: v.id, err }, "video failed");
  await releaseReservation(v.workspaceId, v.id, "Released: the video failed");
  const row = await transition(v.id, {
    status: timedOut ? "timeout" : "failed",
    stage: timedOut ? "Timed out" : "Failed",
    error: message,
    errorCode: err instanceof FailoverError ? err.code : "internal",
    etaSeconds: null,
    costCents: 0,
    completedAt: new Date(),
  });
  if (!row) return;
  await getDb().insert(videoAnalyticsEvents).values({ workspaceId: v.workspaceId, videoId: v.id, type: "failed", meta: { error: message.slice(0, 500) } });
  await deliverEvent(v.workspaceId, "video.failed", publicVideo(row));
}

async function finishCancelled(v: Video): Promise<void> {
  await releaseReservation(v.workspaceId, v.id, "Released: cancelled");
  await transition(v.id, { status: "cancelled", stage: "Cancelled", etaSeconds: null, costCents: 0, completedAt: new Date() });
}

async function raiseBudgetAlerts(workspaceId: string): Promise<void> {
  for (const a of await checkAlerts(workspaceId)) {
    await emit(workspaceId, "budget.alert", a);
    await deliverEvent(workspaceId, "budget.alert", { ...a });
  }
}

/** The JSON shape of a video for the API and webhooks (no internal lease/idempotency fields). */
export function publicVideo(v: Video) {
  return {
    id: v.id,
    title: v.scriptTitle,
    status: v.status,
    stage: v.stage,
    progress: v.progress,
    etaSeconds: v.etaSeconds,
    provider: v.provider,
    aspectRatio: v.aspectRatio,
    voiceSpeed: v.voiceSpeed,
    captions: v.captions,
    targetPlatforms: v.targetPlatforms,
    durationSeconds: v.durationSeconds,
    sizeBytes: v.sizeBytes,
    estimatedCostCents: v.estimatedCostCents,
    costCents: v.costCents,
    error: v.error,
    renditions: Object.keys(v.renditions),
    renditionErrors: v.renditionErrors,
    campaignId: v.campaignId,
    researchJobId: v.researchJobId,
    createdAt: v.createdAt,
    completedAt: v.completedAt,
    urls: {
      self: `/api/v1/videos/${v.id}`,
      video: v.videoKey ? `/api/media/videos/${v.id}` : null,
      thumbnail: v.thumbnailKey ? `/api/media/videos/${v.id}/thumbnail` : null,
      download: v.videoKey ? `/api/media/videos/${v.id}?download=1` : null,
    },
  };
}

/** Cancel from the dashboard or API: queued videos end at once; running ones on the next heartbeat. */
export async function requestCancel(workspaceId: string, videoId: string): Promise<Video | null> {
  const db = getDb();
  const [v] = await db
    .update(videoGenerations)
    .set({ cancelRequestedAt: new Date(), stage: "Cancelling…", updatedAt: new Date() })
    .where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.workspaceId, workspaceId)))
    .returning();
  if (!v) return null;
  if (isFinal(v)) return v;
  if (v.status === "queued" && !v.leaseOwner) await finishCancelled(v);
  else await emitVideo(v);
  return (await loadVideo(videoId))!;
}
