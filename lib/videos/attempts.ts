/**
 * Attempt rows of a video: what the failover records (started, submitted, succeeded — with
 * the charge —, finished), and the per-provider concurrency gate.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { generationAttempts, videoGenerations } from "@/db/schema";
import { chargeAttempt } from "@/lib/budget";
import { emit } from "@/lib/realtime/emit";
import { getProvider } from "@/lib/providers/registry";
import type { AttemptRecorder } from "@/lib/providers/failover";
import type { CandidateEstimate } from "./estimate";
import type { Checkpoint } from "./pipeline-hooks";
import { transition, type Video } from "./state";

export type Attempt = typeof generationAttempts.$inferSelect;

export class ProvidersBusy extends Error {}

export async function attemptsOf(v: Pick<Video, "id" | "workspaceId">): Promise<Attempt[]> {
  return getDb()
    .select()
    .from(generationAttempts)
    .where(and(eq(generationAttempts.workspaceId, v.workspaceId), eq(generationAttempts.videoId, v.id)))
    .orderBy(generationAttempts.attemptNumber);
}

/** Marks an attempt finished and tells the UI. */
export async function finishAttempt(v: Video, a: Attempt, outcome: Attempt["outcome"], error?: string, costCents = a.costCents): Promise<void> {
  await getDb().update(generationAttempts).set({ outcome, error: error ?? null, costCents, finishedAt: new Date() }).where(eq(generationAttempts.id, a.id));
  await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: a.attemptNumber, provider: a.provider, outcome, error: error ?? null }, v.id);
}

/**
 * The provider reported success: the attempt is marked succeeded with its cost and the charge
 * is written, keyed by the attempt, before the result is downloaded (issue 11, defect 1).
 */
export async function recordProviderSuccess(v: Video, attemptId: string, externalId: string, costCents: number): Promise<Attempt> {
  const [a] = await getDb()
    .update(generationAttempts)
    .set({ outcome: "succeeded", costCents, externalId, finishedAt: new Date(), error: null })
    .where(eq(generationAttempts.id, attemptId))
    .returning();
  await chargeAttempt(v.workspaceId, v.id, { attemptNumber: a.attemptNumber, cents: costCents, provider: a.provider });
  await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: a.attemptNumber, provider: a.provider, outcome: "succeeded", error: null }, v.id);
  return a;
}

/**
 * Another run of the same video is mid-attempt (a duplicate job, or a run whose lease lapsed
 * during a database outage): this run must not start a second paid attempt next to it.
 */
export class AttemptInFlight extends Error {
  constructor(videoId: string, attemptNumber: number) {
    super(`video ${videoId} already has attempt ${attemptNumber} running in another run`);
    this.name = "AttemptInFlight";
  }
}

/**
 * Inserts the next attempt row — unless one is still running (issue 11, H11b: the chaos run's
 * over-cap charge was a second HeyGen attempt made by a second run of a video while the first
 * run's attempt was in flight; both were paid). The video row is locked so two runs decide in
 * turn: the second sees the first's running attempt and stops. Sequential flows always close an
 * attempt (or resume it) before starting the next, so a running one here is always foreign.
 */
async function startAttempt(v: Pick<Video, "id" | "workspaceId">, provider: string, estimateCents: number): Promise<Attempt> {
  return getDb().transaction(async (tx) => {
    await tx.select({ id: videoGenerations.id }).from(videoGenerations).where(and(eq(videoGenerations.workspaceId, v.workspaceId), eq(videoGenerations.id, v.id))).for("update");
    const prior = await tx
      .select({ n: generationAttempts.attemptNumber, outcome: generationAttempts.outcome })
      .from(generationAttempts)
      .where(and(eq(generationAttempts.workspaceId, v.workspaceId), eq(generationAttempts.videoId, v.id)));
    const running = prior.find((a) => a.outcome === "running");
    if (running) throw new AttemptInFlight(v.id, running.n);
    const next = prior.reduce((m, a) => Math.max(m, a.n), 0) + 1;
    const [row] = await tx
      .insert(generationAttempts)
      .values({ workspaceId: v.workspaceId, videoId: v.id, attemptNumber: next, provider: provider as Attempt["provider"], estimatedCostCents: estimateCents })
      .returning();
    return row;
  });
}

/** The recorder, plus the number of the attempt started last (the idempotency key's attempt). */
export function attemptRecorder(v: Video, checkpoint?: Checkpoint): AttemptRecorder & { current: () => number } {
  const db = getDb();
  let current = 0;
  return {
    current: () => current,
    async start(provider, estimate) {
      const row = await startAttempt(v, provider, estimate.cents);
      current = row.attemptNumber;
      await transition(v.id, { status: "submitting", provider, stage: `Sending to ${getProvider(provider).displayName}` });
      await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: row.attemptNumber, provider, outcome: "running", error: null }, v.id);
      await checkpoint?.("attempt_started", { provider });
      return row.id;
    },
    async submitted(attemptId, externalId) {
      const [a] = await db.update(generationAttempts).set({ externalId, submittedAt: new Date() }).where(eq(generationAttempts.id, attemptId)).returning();
      await transition(v.id, { status: "rendering", externalId, stage: `Rendering on ${getProvider(a.provider).displayName}` });
      await checkpoint?.("submitted", { provider: a.provider });
    },
    async succeeded(attemptId, r) {
      const a = await recordProviderSuccess(v, attemptId, r.externalId, r.costCents);
      await checkpoint?.("provider_succeeded", { provider: a.provider });
    },
    async finish(attemptId, r) {
      const [a] = await db
        .update(generationAttempts)
        // costCents only when given: a paid attempt whose download then failed keeps its cost.
        .set({ outcome: r.outcome, error: r.error ?? null, ...(r.costCents !== undefined ? { costCents: r.costCents } : {}), externalId: r.externalId, finishedAt: new Date() })
        .where(eq(generationAttempts.id, attemptId))
        .returning();
      await emit(v.workspaceId, "video.attempt", { videoId: v.id, attemptNumber: a.attemptNumber, provider: a.provider, outcome: r.outcome, error: r.error ?? null }, v.id);
    },
  };
}

/**
 * A provider with a concurrency setting takes at most that many of the workspace's jobs at
 * once; when it is full this video moves on to the next provider (the skip is recorded).
 */
export async function withinConcurrency(v: Video, candidates: CandidateEstimate[], attempts: AttemptRecorder): Promise<CandidateEstimate[]> {
  const free: CandidateEstimate[] = [];
  const busy: { c: CandidateEstimate; running: number }[] = [];
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
