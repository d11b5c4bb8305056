/**
 * Provider failover, as pure orchestration: every side effect (attempt rows, budget checks,
 * breaker state, clock, sleep) is injected, so this file imports no database code.
 *
 * For each candidate in priority order: filter by capability, configuration, circuit breaker,
 * remaining budget and rate limit → record an attempt → submit (retryable errors retried a few
 * times with backoff; 429 waits Retry-After, bounded, without touching the breaker) → poll with
 * exponential backoff + jitter up to the provider's overall timeout → download. On a failed
 * render, exhausted retries or timeout, move to the next. The order is the caller's (workspace
 * priorities and the user's "first"/"only" choice): the local studio takes its place in it like any
 * provider, and is dropped only when `allowLocalFallback` is false. Candidates stay within the
 * request's role: a presenter video never fails over to a silent clip provider.
 * `pollUntilDone` and `downloadResult` are exported so a resumed worker can continue an attempt
 * that was already submitted without submitting again.
 *
 * Money: the moment a provider reports success, `attempts.succeeded` is called (the pipeline
 * records the charge there, keyed by the attempt) before the download; a download that fails
 * for a retryable reason then surfaces as the error (the job retries and the resumed worker
 * downloads the paid result again by external id) instead of moving on and wasting it.
 */
import { AppError } from "@/lib/errors";
import { countsAsFailure, type BreakerKey, type CircuitBreaker } from "@/lib/providers/circuit-breaker";
import { RateLimiter, realSleep, systemClock, type Clock, type Sleep } from "@/lib/providers/rate-limit";
import {
  ProviderError,
  type CostEstimate,
  type CostModel,
  type GenerationRequest,
  type ProviderContext,
  type ProviderCredentials,
  type ProviderErrorKind,
  type ProviderId,
  type ProviderRole,
  type VideoProvider,
} from "@/lib/providers/types";

// ---------------------------------------------------------------------------------------------
// Types

export type AttemptOutcome = "succeeded" | "failed" | "timeout" | "skipped" | "cancelled";

export interface AttemptFinish {
  outcome: AttemptOutcome;
  /** User-readable reason (never contains keys). */
  error?: string;
  errorKind?: ProviderErrorKind | "render_failed" | "timeout" | "circuit_open" | "budget" | "rate_limited";
  /** Integer cents actually charged for this attempt (only on success). */
  costCents?: number;
  externalId?: string;
}

export interface AttemptRecorder {
  /** Creates the attempt row; returns its id. */
  start(provider: ProviderId, estimate: CostEstimate): Promise<string> | string;
  /** The provider accepted the job: persist the externalId so a resumed worker can poll it. */
  submitted?(attemptId: string, externalId: string): Promise<void> | void;
  finish(attemptId: string, result: AttemptFinish): Promise<void> | void;
  /** The provider reported success (before the download): record the charge here. */
  succeeded?(attemptId: string, result: { externalId: string; costCents: number }): Promise<void> | void;
}

/**
 * An error that means "stop now and write nothing": the process is going away (a simulated
 * crash in tests, a shutdown). Failover rethrows it untouched instead of recording a failure.
 */
export function isAbandon(e: unknown): boolean {
  return !!e && typeof e === "object" && (e as { abandon?: unknown }).abandon === true;
}

export interface PollPolicy {
  /** Wait before the first poll and first backoff step. */
  initialMs: number;
  maxMs: number;
  factor: number;
  /** Fraction, e.g. 0.2 = ±20 %. */
  jitter: number;
  /** Give up on this provider after this long since submission. */
  overallTimeoutMs: number;
  /** Consecutive retryable poll errors tolerated before giving up. */
  maxConsecutiveErrors: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  initialMs: 5_000,
  maxMs: 30_000,
  factor: 1.5,
  jitter: 0.2,
  overallTimeoutMs: 10 * 60_000,
  maxConsecutiveErrors: 5,
};

/** Per-provider overall timeouts (HeyGen renders take minutes). */
export const DEFAULT_OVERALL_TIMEOUT_MS: Record<ProviderId, number> = {
  local: 15 * 60_000,
  heygen: 20 * 60_000,
  kling: 15 * 60_000,
  pika: 10 * 60_000,
  runway: 10 * 60_000,
};

export function pollPolicyFor(provider: ProviderId, ...overrides: Array<Partial<PollPolicy> | undefined>): PollPolicy {
  const p: PollPolicy = { ...DEFAULT_POLL_POLICY, overallTimeoutMs: DEFAULT_OVERALL_TIMEOUT_MS[provider] };
  for (const o of overrides) if (o) Object.assign(p, Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)));
  return p;
}

export interface RetryPolicy {
  /** Extra submit tries at the same provider after a retryable error. */
  submitRetries: number;
  /** Extra download tries after a retryable error. */
  downloadRetries: number;
  /** Backoff base for those retries. */
  backoffMs: number;
  /** Longest Retry-After we are willing to wait at one provider before moving on. */
  maxRateLimitWaitMs: number;
  /** How many 429s in a row we accept at one provider. */
  rateLimitRetries: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  submitRetries: 2,
  downloadRetries: 2,
  backoffMs: 2_000,
  maxRateLimitWaitMs: 2 * 60_000,
  rateLimitRetries: 3,
};

export interface FailoverCandidate {
  provider: VideoProvider;
  credentials: ProviderCredentials;
  costModel: CostModel;
  pollPolicy?: Partial<PollPolicy>;
  /** Client-side requests per minute for this (workspace, provider). */
  rateLimitPerMinute?: number | null;
}

export type FailoverEvent =
  | { type: "skipped"; provider: ProviderId; reason: string }
  | { type: "attempt_started"; provider: ProviderId; attemptId: string; estimate: CostEstimate }
  | { type: "submitting"; provider: ProviderId; attemptId: string; try: number; at: number }
  | { type: "submitted"; provider: ProviderId; attemptId: string; externalId: string }
  | { type: "progress"; provider: ProviderId; attemptId: string; status: string; percent?: number }
  | { type: "waiting"; provider: ProviderId; attemptId: string; ms: number; reason: "rate_limited" | "retry" }
  | { type: "downloading"; provider: ProviderId; attemptId: string }
  | { type: "attempt_finished"; provider: ProviderId; attemptId: string; outcome: AttemptOutcome; error?: string };

export interface FailoverOptions {
  request: GenerationRequest;
  workspaceId: string;
  /** In priority order. Include the local studio candidate for the final fallback. */
  candidates: FailoverCandidate[];
  breaker: CircuitBreaker;
  limiter: RateLimiter;
  budgetAllows(providerId: ProviderId, estimate: CostEstimate): Promise<boolean>;
  attempts: AttemptRecorder;
  pollPolicy?: Partial<PollPolicy>;
  retry?: Partial<RetryPolicy>;
  /** Text/image-to-video providers may stand in for an avatar presenter. Default false. */
  allowTextToVideo?: boolean;
  /** Whether the local studio may be used (in its place in the order). Default true. */
  allowLocalFallback?: boolean;
  /** What the request needs: a presenter (default) or a clip. Candidates of another role are skipped. */
  role?: ProviderRole;
  destPath: string;
  workDir: string;
  resolveMedia?: (key: string) => Promise<string>;
  signal?: AbortSignal;
  clock?: Clock;
  sleep?: Sleep;
  /** [0,1) random source for jitter. */
  random?: () => number;
  onEvent?: (e: FailoverEvent) => void;
}

export interface AttemptSummary {
  attemptId?: string;
  provider: ProviderId;
  outcome: AttemptOutcome;
  error?: string;
  externalId?: string;
  costCents?: number;
}

export interface FailoverResult {
  provider: ProviderId;
  externalId: string;
  path: string;
  bytes: number;
  costCents: number;
  estimate: CostEstimate;
  attempts: AttemptSummary[];
}

/** Every candidate failed or was skipped. `code` is budget_exceeded when budget was the only blocker. */
export class FailoverError extends AppError {
  readonly attempts: AttemptSummary[];
  constructor(message: string, attempts: AttemptSummary[], code: "provider_error" | "budget_exceeded" | "unavailable" = "provider_error") {
    super(code, message, { attempts: attempts.map((a) => ({ provider: a.provider, outcome: a.outcome, error: a.error })) });
    this.name = "FailoverError";
    this.attempts = attempts;
  }
}

export class FailoverCancelled extends AppError {
  constructor() {
    super("conflict", "The generation was cancelled.");
    this.name = "FailoverCancelled";
  }
}

// ---------------------------------------------------------------------------------------------
// Capability filter

/** Whether a provider can make this request at all, given the caller's flags. */
export function isCapable(p: VideoProvider, req: GenerationRequest, o: { allowTextToVideo?: boolean; role?: ProviderRole } = {}): { ok: boolean; reason?: string } {
  const role = o.role ?? "presenter";
  if (!p.capabilities.roles.includes(role)) {
    return { ok: false, reason: role === "presenter" ? "makes silent clips, not presenter videos" : "does not make clips" };
  }
  if (!p.capabilities.aspectRatios.includes(req.aspectRatio)) return { ok: false, reason: `does not make ${req.aspectRatio} videos` };
  // Its image-to-video follows the image's shape: with an image to animate it cannot promise this one.
  if (req.avatar.imageUrl && p.capabilities.textOnlyAspectRatios?.includes(req.aspectRatio)) {
    return { ok: false, reason: `makes ${req.aspectRatio} only from text, and this request animates an image` };
  }
  if (role === "clip") return { ok: true };
  // A photo-animating presenter (Kling Avatar) with no photo to animate cannot present.
  if (p.capabilities.presenterNeedsImage && !req.avatar.imageUrl) return { ok: false, reason: "needs the presenter's photo to animate, and this presenter has none" };
  const k = p.capabilities.kinds;
  if (k.includes("avatar_presenter") || k.includes("talking_photo")) return { ok: true };
  if (!o.allowTextToVideo) return { ok: false, reason: "is text-to-video only and this request needs an avatar presenter" };
  if (k.includes("text_to_video") || (k.includes("image_to_video") && req.avatar.imageUrl)) return { ok: true };
  return { ok: false, reason: "cannot make this kind of video" };
}

/**
 * When the only thing standing between a request and the enabled providers is its shape (say
 * 4:5 and only Kling and Runway enabled), the user is told which shape and which providers make
 * it, rather than a generic "no provider". Null when some other reason also applies.
 */
export function aspectUnavailableMessage(tried: VideoProvider[], all: VideoProvider[], req: GenerationRequest, o: { allowTextToVideo?: boolean; role?: ProviderRole } = {}): string | null {
  const role = o.role ?? "presenter";
  const makes = (p: VideoProvider) => p.capabilities.roles.includes(role) && p.capabilities.aspectRatios.includes(req.aspectRatio);
  // Only when every enabled provider of this role would have been fine apart from the shape.
  const ofRole = tried.filter((p) => p.capabilities.roles.includes(role));
  const shapeOnly = ofRole.length > 0 && ofRole.every((p) => !makes(p) && isCapable({ ...p, capabilities: { ...p.capabilities, aspectRatios: [req.aspectRatio], textOnlyAspectRatios: undefined } }, req, o).ok);
  if (!shapeOnly) return null;
  const names = all.filter(makes).map((p) => p.displayName);
  const which = names.length ? ` ${names.join(", ")} ${names.length === 1 ? "makes" : "make"} it.` : "";
  return `None of your enabled providers makes ${req.aspectRatio} videos.${which} Enable one in Settings → Providers, or pick another aspect ratio.`;
}

// ---------------------------------------------------------------------------------------------
// Resumable steps

export interface StepDeps {
  clock?: Clock;
  sleep?: Sleep;
  random?: () => number;
  signal?: AbortSignal;
  limiter?: RateLimiter;
  limiterKey?: string;
  onPoll?: (status: string, percent?: number) => void;
  onWait?: (ms: number, reason: "rate_limited" | "retry") => void;
}

export type PollOutcome =
  | { status: "succeeded"; resultUrl?: string; billedCents?: number }
  | { status: "failed"; error: string }
  | { status: "cancelled"; error: string }
  | { status: "timeout"; error: string };

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw new FailoverCancelled();
}

function backoff(policy: Pick<PollPolicy, "initialMs" | "maxMs" | "factor" | "jitter">, n: number, random: () => number): number {
  const base = Math.min(policy.maxMs, policy.initialMs * Math.pow(policy.factor, n));
  const j = base * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(base + j));
}

/** A provider-reported bill, when it is whole non-negative cents; otherwise the estimate. */
export function billedOr(billed: number | undefined, estimateCents: number): number {
  return billed !== undefined && Number.isInteger(billed) && billed >= 0 ? billed : estimateCents;
}

/**
 * Polls an already-submitted job until a terminal status or the overall timeout, counted from
 * `submittedAt` (pass the stored submission time when resuming). Retryable poll errors are
 * tolerated up to `maxConsecutiveErrors`; 429s wait Retry-After and never count.
 */
export async function pollUntilDone(
  provider: VideoProvider,
  ctx: ProviderContext,
  externalId: string,
  policy: PollPolicy,
  deps: StepDeps & { submittedAt?: number } = {},
): Promise<PollOutcome> {
  const clock = deps.clock ?? systemClock;
  const sleep = deps.sleep ?? realSleep;
  const random = deps.random ?? Math.random;
  const deadline = (deps.submittedAt ?? clock.now()) + policy.overallTimeoutMs;
  let n = 0;
  let errors = 0;
  let wait = backoff(policy, 0, random);
  for (;;) {
    checkAbort(deps.signal);
    const left = deadline - clock.now();
    if (left <= 0) break;
    await sleep(Math.min(wait, left), deps.signal);
    checkAbort(deps.signal);
    if (clock.now() >= deadline) break;
    try {
      const r = await provider.poll(ctx, externalId);
      errors = 0;
      deps.onPoll?.(r.status, r.progress);
      if (r.status === "succeeded") return { status: "succeeded", resultUrl: r.resultUrl, ...(r.billedCents !== undefined ? { billedCents: r.billedCents } : {}) };
      if (r.status === "failed") return { status: "failed", error: r.error ?? `${provider.displayName} reported the render as failed` };
      if (r.status === "cancelled") return { status: "cancelled", error: `${provider.displayName} cancelled the job` };
      n += 1;
      wait = backoff(policy, n, random);
    } catch (e) {
      checkAbort(deps.signal);
      if (!(e instanceof ProviderError)) throw e;
      if (e.kind === "rate_limited") {
        const ms = e.retryAfterMs ?? backoff(policy, n + 1, random);
        if (deps.limiter && deps.limiterKey) deps.limiter.noteRetryAfter(deps.limiterKey, ms);
        deps.onWait?.(ms, "rate_limited");
        wait = ms;
        continue;
      }
      if (e.kind !== "retryable") throw e;
      errors += 1;
      if (errors > policy.maxConsecutiveErrors) throw e;
      n += 1;
      wait = backoff(policy, n, random);
      deps.onWait?.(wait, "retry");
    }
  }
  const mins = Math.round(policy.overallTimeoutMs / 60_000);
  return { status: "timeout", error: `${provider.displayName} did not finish within ${mins >= 1 ? `${mins} min` : `${policy.overallTimeoutMs} ms`}` };
}

/** Downloads a finished job's result, retrying retryable failures a few times. */
export async function downloadResult(
  provider: VideoProvider,
  ctx: ProviderContext,
  externalId: string,
  destPath: string,
  retry: Pick<RetryPolicy, "downloadRetries" | "backoffMs"> = DEFAULT_RETRY_POLICY,
  deps: StepDeps = {},
): Promise<{ path: string; bytes: number }> {
  const sleep = deps.sleep ?? realSleep;
  for (let i = 0; ; i++) {
    checkAbort(deps.signal);
    try {
      return await provider.fetchResult(ctx, externalId, destPath);
    } catch (e) {
      checkAbort(deps.signal);
      if (!(e instanceof ProviderError) || (e.kind !== "retryable" && e.kind !== "rate_limited") || i >= retry.downloadRetries) throw e;
      const ms = e.kind === "rate_limited" && e.retryAfterMs !== undefined ? e.retryAfterMs : retry.backoffMs * 2 ** i;
      deps.onWait?.(ms, e.kind === "rate_limited" ? "rate_limited" : "retry");
      await sleep(ms, deps.signal);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The orchestration

/** The provider succeeded but the download failed transiently: the job retries, the attempt stays succeeded. */
class ResultPending extends Error {
  constructor(readonly cause: unknown) {
    super("result download pending");
  }
}

class MoveOn extends Error {
  constructor(
    readonly outcome: AttemptOutcome,
    message: string,
    readonly kind: AttemptFinish["errorKind"],
    readonly countForBreaker: boolean,
    readonly cause?: unknown,
  ) {
    super(message);
  }
}

export async function runWithFailover(o: FailoverOptions): Promise<FailoverResult> {
  const clock = o.clock ?? systemClock;
  const sleep = o.sleep ?? realSleep;
  const random = o.random ?? Math.random;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...(o.retry ?? {}) };
  const allowLocal = o.allowLocalFallback ?? true;
  const emit = (e: FailoverEvent) => {
    try {
      o.onEvent?.(e);
    } catch {
      /* a listener's bug must not break the generation */
    }
  };
  const summaries: AttemptSummary[] = [];

  // The caller's order, as given (issue 11, defect 3: the local studio used to be moved last).
  const ordered = allowLocal ? o.candidates : o.candidates.filter((c) => c.provider.id !== "local");
  if (!allowLocal) for (const c of o.candidates) if (c.provider.id === "local") emit({ type: "skipped", provider: c.provider.id, reason: "local studio not allowed" });

  let budgetBlocked = 0;

  for (const cand of ordered) {
    checkAbort(o.signal);
    const p = cand.provider;
    const id = p.id;
    const cap = isCapable(p, o.request, { allowTextToVideo: o.allowTextToVideo, role: o.role });
    if (!cap.ok) {
      emit({ type: "skipped", provider: id, reason: `${p.displayName} ${cap.reason}` });
      continue;
    }
    if (!p.isConfigured(cand.credentials)) {
      emit({ type: "skipped", provider: id, reason: `${p.displayName} is not configured` });
      continue;
    }
    const estimate = p.estimateCost(o.request, cand.costModel);
    const bkey: BreakerKey = { workspaceId: o.workspaceId, providerId: id };
    const lkey = `${o.workspaceId}:${id}`;
    if (cand.rateLimitPerMinute !== undefined) o.limiter.configure(lkey, cand.rateLimitPerMinute);

    // Skips that are worth an attempt row (the UI shows why a provider was passed over).
    const skip = async (reason: string, kind: AttemptFinish["errorKind"]) => {
      const attemptId = await o.attempts.start(id, estimate);
      await o.attempts.finish(attemptId, { outcome: "skipped", error: reason, errorKind: kind });
      summaries.push({ attemptId, provider: id, outcome: "skipped", error: reason });
      emit({ type: "skipped", provider: id, reason });
    };

    if (!(await o.breaker.tryAcquire(bkey))) {
      await skip(`${p.displayName} is temporarily disabled after repeated failures (circuit open)`, "circuit_open");
      continue;
    }
    if (!(await o.budgetAllows(id, estimate))) {
      await o.breaker.releaseProbe(bkey);
      budgetBlocked += 1;
      await skip(`${p.displayName} would exceed the remaining budget (${estimate.cents} ¢ estimated)`, "budget");
      continue;
    }
    if (o.limiter.delayMs(lkey) > retry.maxRateLimitWaitMs) {
      await o.breaker.releaseProbe(bkey);
      await skip(`${p.displayName} is rate limited for longer than we wait`, "rate_limited");
      continue;
    }

    const attemptId = await o.attempts.start(id, estimate);
    emit({ type: "attempt_started", provider: id, attemptId, estimate });
    const ctx: ProviderContext = {
      credentials: cand.credentials,
      signal: o.signal,
      workDir: o.workDir,
      resolveMedia: o.resolveMedia,
      onProgress: (pr) => emit({ type: "progress", provider: id, attemptId, status: pr.stage, percent: pr.percent }),
    };
    const deps: StepDeps = {
      clock,
      sleep,
      random,
      signal: o.signal,
      limiter: o.limiter,
      limiterKey: lkey,
      onPoll: (status, percent) => emit({ type: "progress", provider: id, attemptId, status, percent }),
      onWait: (ms, reason) => emit({ type: "waiting", provider: id, attemptId, ms, reason }),
    };
    let externalId: string | undefined;
    try {
      // ---- submit
      let retryable = 0;
      let limited = 0;
      for (let t = 1; ; t++) {
        if (!(await o.limiter.acquire(lkey, { maxWaitMs: retry.maxRateLimitWaitMs, signal: o.signal }))) {
          throw new MoveOn("failed", `${p.displayName} is rate limited for longer than we wait`, "rate_limited", false);
        }
        checkAbort(o.signal);
        emit({ type: "submitting", provider: id, attemptId, try: t, at: clock.now() });
        try {
          externalId = (await p.submit(ctx, o.request)).externalId;
          break;
        } catch (e) {
          checkAbort(o.signal);
          if (!(e instanceof ProviderError)) throw new MoveOn("failed", errText(e, p), "retryable", true, e);
          if (e.kind === "rate_limited") {
            limited += 1;
            const ms = e.retryAfterMs ?? retry.backoffMs * 2 ** (limited - 1);
            if (limited > retry.rateLimitRetries || ms > retry.maxRateLimitWaitMs) {
              o.limiter.noteRetryAfter(lkey, ms);
              throw new MoveOn("failed", e.message, "rate_limited", false, e);
            }
            o.limiter.noteRetryAfter(lkey, ms);
            emit({ type: "waiting", provider: id, attemptId, ms, reason: "rate_limited" });
            continue; // acquire() above sleeps until the not-before time
          }
          if (e.kind === "retryable" && retryable < retry.submitRetries) {
            const ms = backoff({ initialMs: retry.backoffMs, maxMs: retry.backoffMs * 8, factor: 2, jitter: 0.25 }, retryable, random);
            retryable += 1;
            emit({ type: "waiting", provider: id, attemptId, ms, reason: "retry" });
            await sleep(ms, o.signal);
            continue;
          }
          throw new MoveOn("failed", e.message, e.kind, countsAsFailure(e), e);
        }
      }
      const submittedAt = clock.now();
      await o.attempts.submitted?.(attemptId, externalId);
      emit({ type: "submitted", provider: id, attemptId, externalId });

      // ---- poll
      const policy = pollPolicyFor(id, o.pollPolicy, cand.pollPolicy);
      const done = await pollUntilDone(p, ctx, externalId, policy, { ...deps, submittedAt });
      if (done.status === "timeout") {
        if (p.cancel) await p.cancel(ctx, externalId).catch(() => undefined);
        throw new MoveOn("timeout", done.error, "timeout", true);
      }
      if (done.status !== "succeeded") throw new MoveOn("failed", done.error, "render_failed", true);

      // ---- the provider did the (paid) work: record it before anything else can fail
      // The charge is what the provider says it billed when it says so (Kling), else our estimate.
      const costCents = billedOr(done.billedCents, estimate.cents);
      await o.attempts.succeeded?.(attemptId, { externalId, costCents });

      // ---- download
      emit({ type: "downloading", provider: id, attemptId });
      let file: { path: string; bytes: number };
      try {
        file = await downloadResult(p, ctx, externalId, o.destPath, retry, deps);
      } catch (e) {
        // A paid result is not thrown away over a transient error: surface it, and the resumed
        // job downloads it again by external id. Only a permanent refusal moves on.
        if (o.attempts.succeeded && !(e instanceof ProviderError && e.kind === "permanent") && !(e instanceof FailoverCancelled)) throw new ResultPending(e);
        throw e;
      }

      await o.breaker.recordSuccess(bkey);
      await o.attempts.finish(attemptId, { outcome: "succeeded", costCents, externalId });
      summaries.push({ attemptId, provider: id, outcome: "succeeded", externalId, costCents });
      emit({ type: "attempt_finished", provider: id, attemptId, outcome: "succeeded" });
      return { provider: id, externalId, path: file.path, bytes: file.bytes, costCents, estimate, attempts: summaries };
    } catch (e) {
      if (isAbandon(e)) throw e;
      if (e instanceof ResultPending) {
        await o.breaker.releaseProbe(bkey);
        throw e.cause;
      }
      if (e instanceof FailoverCancelled || o.signal?.aborted) {
        if (externalId && p.cancel) await p.cancel({ ...ctx, signal: undefined }, externalId).catch(() => undefined);
        await o.breaker.releaseProbe(bkey);
        await o.attempts.finish(attemptId, { outcome: "cancelled", externalId });
        summaries.push({ attemptId, provider: id, outcome: "cancelled", externalId });
        emit({ type: "attempt_finished", provider: id, attemptId, outcome: "cancelled" });
        throw e instanceof FailoverCancelled ? e : new FailoverCancelled();
      }
      const m =
        e instanceof MoveOn
          ? e
          : e instanceof ProviderError
            ? new MoveOn("failed", e.message, e.kind, countsAsFailure(e), e)
            : new MoveOn("failed", errText(e, p), "retryable", true, e);
      if (m.countForBreaker) await o.breaker.recordFailure(bkey, m.cause instanceof ProviderError ? m.cause : new Error(m.message));
      else await o.breaker.releaseProbe(bkey);
      await o.attempts.finish(attemptId, { outcome: m.outcome, error: m.message, errorKind: m.kind, externalId });
      summaries.push({ attemptId, provider: id, outcome: m.outcome, error: m.message, externalId });
      emit({ type: "attempt_finished", provider: id, attemptId, outcome: m.outcome, error: m.message });
    }
  }

  const tried = summaries.filter((s) => s.outcome !== "skipped");
  const detail = summaries.map((s) => `${s.provider}: ${s.error ?? s.outcome}`).join("; ");
  if (summaries.length === 0) {
    throw new FailoverError(
      "No video provider can make this video. Enable a provider that supports avatar presenters, allow text-to-video providers, or allow the local studio.",
      summaries,
      "unavailable",
    );
  }
  if (tried.length === 0 && budgetBlocked > 0) {
    throw new FailoverError(`Not enough budget left for any provider (${detail}). Raise the budget cap or wait for the next period.`, summaries, "budget_exceeded");
  }
  throw new FailoverError(`Every provider failed for this video (${detail}).`, summaries);
}

function errText(e: unknown, p: VideoProvider): string {
  // Our own AppErrors (e.g. from the local studio) are written for users; anything else may
  // carry arbitrary text, so only its class is kept.
  if (e instanceof AppError) return `${p.displayName}: ${e.message}`;
  return `${p.displayName} failed unexpectedly (${e instanceof Error ? e.name : typeof e})`;
}
