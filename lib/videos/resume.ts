/**
 * Picking a video up where a killed worker left it (issue 11, defects 1 and 2), from the
 * attempt rows alone:
 * - a succeeded attempt is resumed by fetching its result again by external id — the provider
 *   did paid work, its charge is (re)recorded under the attempt's key and nothing is rendered
 *   elsewhere;
 * - an attempt still running at a remote provider is polled again, never resubmitted;
 * - an interrupted local render is simply rendered again: the attempt is closed as
 *   "cancelled" (interrupted), which does not count as having tried the local studio;
 * - a remote attempt that never got an external id may or may not exist upstream. Providers
 *   that dedupe submissions by our key (HeyGen's Idempotency-Key, Kling's external_task_id,
 *   both `<video>-<attempt>`) get the same request again under the same attempt number and
 *   answer with the same job; others are not resubmitted blindly (failed, failover moves on).
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { generationAttempts } from "@/db/schema";
import { chargeAttempt } from "@/lib/budget";
import { getProvider } from "@/lib/providers/registry";
import { billedOr, downloadResult, FailoverCancelled, pollPolicyFor, pollUntilDone, type PollPolicy } from "@/lib/providers/failover";
import { realSleep } from "@/lib/providers/rate-limit";
import { ProviderError, type GenerationRequest, type ProviderContext, type ProviderId, type VideoProvider } from "@/lib/providers/types";
import { attemptsOf, finishAttempt, recordProviderSuccess, type Attempt } from "./attempts";
import type { CandidateEstimate } from "./estimate";
import type { Checkpoint } from "./pipeline-hooks";
import { transition, type Video } from "./state";
import { wakeableSleep } from "./wake";

export interface ProviderResult {
  provider: ProviderId;
  path: string;
}

export interface ResumeCtx {
  workDir: string;
  destPath: string;
  signal: AbortSignal;
  resolveMedia: (key: string) => Promise<string>;
  candidates: CandidateEstimate[];
  pollOverrides: Partial<PollPolicy>;
  request: GenerationRequest;
  /** The provider as the video submits to it (callback URL). */
  submitFor: (p: VideoProvider) => VideoProvider;
  onPoll: (provider: ProviderId, attemptId: string, status: string, percent?: number) => void;
  checkpoint?: Checkpoint;
}

/** The outcomes that mean "this provider was tried for this video and did not deliver". */
export function countsAsTried(a: Pick<Attempt, "outcome">): boolean {
  return a.outcome === "failed" || a.outcome === "timeout";
}

function contextFor(a: Attempt, s: ResumeCtx): ProviderContext {
  const cand = s.candidates.find((c) => c.provider === a.provider);
  return { credentials: cand?.settings.credentials ?? {}, signal: s.signal, workDir: s.workDir, resolveMedia: s.resolveMedia };
}

/** Downloads a succeeded attempt's result again; null when it cannot be had any more. */
async function refetch(v: Video, a: Attempt, s: ResumeCtx): Promise<ProviderResult | null> {
  const provider = getProvider(a.provider);
  // The charge may not have been written if the worker died right after marking success.
  await chargeAttempt(v.workspaceId, v.id, { attemptNumber: a.attemptNumber, cents: a.costCents, provider: a.provider });
  if (!a.externalId) {
    await finishAttempt(v, a, a.provider === "local" ? "cancelled" : "failed", "The result of this attempt was lost (no job id was recorded).");
    return null;
  }
  await transition(v.id, { status: "rendering", provider: a.provider, externalId: a.externalId, stage: `Fetching the result from ${provider.displayName} again` });
  try {
    const file = await downloadResult(provider, contextFor(a, s), a.externalId, s.destPath, undefined, { signal: s.signal, sleep: wakeableSleep(v.id, realSleep) });
    await s.checkpoint?.("downloaded", { provider: a.provider });
    return { provider: a.provider as ProviderId, path: file.path };
  } catch (e) {
    if (e instanceof FailoverCancelled || !(e instanceof ProviderError) || e.kind !== "permanent") throw e;
    // Local: the render's file went with the worker that made it; free to make again.
    if (a.provider === "local") await finishAttempt(v, a, "cancelled", "The finished render was lost with its worker; rendering again.");
    else await finishAttempt(v, a, "failed", `${provider.displayName} no longer serves this result (${e.message}); the cost stays recorded.`);
    return null;
  }
}

/** Providers whose submit is idempotent on our `<video>-<attempt>` key (see their transforms). */
const IDEMPOTENT_SUBMIT = new Set<string>(["heygen", "kling"]);

async function resumeRunning(v: Video, a: Attempt, s: ResumeCtx): Promise<ProviderResult | null> {
  const provider = getProvider(a.provider);
  if (a.provider === "local") {
    // A render in this process's memory died with it. If it had finished, its file is there.
    if (a.externalId) {
      const st = await provider.poll(contextFor(a, s), a.externalId).catch(() => null);
      if (st?.status === "succeeded") {
        const done = await recordProviderSuccess(v, a.id, a.externalId, 0);
        return refetch(v, done, s);
      }
    }
    await finishAttempt(v, a, "cancelled", "Interrupted by a worker restart; rendering again.", 0);
    return null;
  }
  if (!a.externalId && IDEMPOTENT_SUBMIT.has(a.provider) && s.candidates.some((c) => c.provider === a.provider)) {
    // Same key as the interrupted submit: the provider returns the job it may already have.
    const { externalId } = await s.submitFor(provider).submit(contextFor(a, s), { ...s.request, attempt: a.attemptNumber });
    await getDb().update(generationAttempts).set({ externalId, submittedAt: new Date() }).where(eq(generationAttempts.id, a.id));
    a = { ...a, externalId, submittedAt: new Date() };
    await s.checkpoint?.("submitted", { provider: a.provider });
  }
  if (!a.externalId || !s.candidates.some((c) => c.provider === a.provider)) {
    await finishAttempt(v, a, "failed", a.externalId ? `${provider.displayName} is no longer among this video's providers.` : "Interrupted before the provider confirmed the job.", 0);
    return null;
  }
  await transition(v.id, { status: "rendering", provider: a.provider, externalId: a.externalId, stage: `Rendering on ${provider.displayName} (resumed)` });
  const done = await pollUntilDone(provider, contextFor(a, s), a.externalId, pollPolicyFor(provider.id, s.pollOverrides), {
    signal: s.signal,
    sleep: wakeableSleep(v.id, realSleep),
    submittedAt: (a.submittedAt ?? a.startedAt).getTime(),
    onPoll: (status, percent) => s.onPoll(provider.id, a.id, status, percent),
  });
  if (s.signal.aborted) throw new FailoverCancelled();
  if (done.status !== "succeeded") {
    await finishAttempt(v, a, done.status === "timeout" ? "timeout" : "failed", done.error, 0);
    return null;
  }
  // What the provider says it billed is the charge (as on the first run); the budget clamps it
  // to the video's hold (lib/budget chargeAttempt).
  const succeeded = await recordProviderSuccess(v, a.id, a.externalId, billedOr(done.billedCents, a.estimatedCostCents));
  await s.checkpoint?.("provider_succeeded", { provider: a.provider });
  return refetch(v, succeeded, s);
}

/** Continues from the attempt rows; null when failover should run (through the untried providers). */
export async function resumeFromAttempts(v: Video, s: ResumeCtx): Promise<ProviderResult | null> {
  const prior = await attemptsOf(v);
  for (const a of [...prior].reverse()) {
    if (a.outcome === "succeeded") {
      const r = await refetch(v, a, s);
      if (r) return r;
    }
  }
  for (const a of prior) {
    if (a.outcome !== "running") continue;
    const r = await resumeRunning(v, a, s);
    if (r) return r;
  }
  return null;
}
