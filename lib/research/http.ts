import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { guardedFetch, isEgressBlocked, parseAllowHosts, policyFromEnv, type GuardOptions } from "@/lib/net/egress";
import type { ConnectorContext, FetchLike, SleepFn, SourceId } from "./types";
import { SOURCE_LABELS } from "./types";

/**
 * HTTP for research connectors: descriptive User-Agent, per-request timeout, retries only for
 * 429 / 5xx / network errors (and GitHub's rate-limit 403), waiting for Retry-After first, then
 * the source's reset header, else exponential backoff with jitter. Waiting is done through the
 * injected `sleep`, so tests observe the delay instead of spending it.
 *
 * Every request goes through the egress guard (lib/net): a feed URL is the user's, and a source
 * may redirect anywhere. The configured source hosts (ctx.baseUrls, from RESEARCH_BASE_URLS) are
 * the operator's and may be private. Upstream bodies and network error details never reach the
 * job's visible error (that would turn research into an internal-network reader or port
 * scanner); they go to the log.
 */

export const USER_AGENT = "avatar-video-studio/0.1 (+https://github.com/avatar-video-studio/avatar-video-studio)";

const DEFAULTS = { timeoutMs: 15_000, maxAttempts: 5, maxWaitMs: 60_000, baseDelayMs: 1_000, capDelayMs: 60_000 };

/** How a source's `x-ratelimit-reset` is expressed. */
export type ResetSemantics = "seconds" | "epoch" | "auto";

export const defaultSleep: SleepFn = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason ?? new Error("aborted"));
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

export function label(source: SourceId): string {
  return SOURCE_LABELS[source];
}

/** Retry-After: delta-seconds or an HTTP date. Returns ms to wait, or null. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.max(0, Math.ceil(parseFloat(v) * 1000));
  const t = Date.parse(v);
  return Number.isFinite(t) ? Math.max(0, t - nowMs) : null;
}

/** x-ratelimit-reset as ms to wait. Reddit: seconds until reset; GitHub: UTC epoch seconds. */
export function parseReset(value: string | null, nowMs: number, semantics: ResetSemantics): number | null {
  if (!value) return null;
  const n = parseFloat(value.trim());
  if (!Number.isFinite(n) || n < 0) return null;
  const epoch = semantics === "epoch" || (semantics === "auto" && n > 1_000_000_000);
  return epoch ? Math.max(0, Math.ceil(n * 1000 - nowMs)) : Math.ceil(n * 1000);
}

export interface RequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Statuses that are fine to hand back to the caller (e.g. 401 for a token refresh). */
  passStatuses?: number[];
}

export interface HttpClient {
  request(url: string, opts?: RequestOptions): Promise<Response>;
  getJson(url: string, opts?: RequestOptions): Promise<unknown>;
  getText(url: string, opts?: RequestOptions): Promise<string>;
  readonly ctx: Required<Pick<ConnectorContext, "now">> & ConnectorContext;
}

interface ClientOptions {
  source: SourceId;
  resetSemantics: ResetSemantics;
  /** Treat 403 with exhausted rate-limit headers as a rate limit (GitHub). */
  rateLimit403?: boolean;
}

/** A connector context may carry explicit egress options (tests pass a strict policy). */
export type EgressContext = ConnectorContext & { egress?: GuardOptions };

/** The guard's options for a connector: env policy plus the operator's configured source hosts. */
export function researchEgress(ctx: EgressContext): GuardOptions {
  if (ctx.egress) return ctx.egress;
  const base = policyFromEnv();
  const operator = Object.values(ctx.baseUrls ?? {}).flatMap((v) => {
    try {
      const u = new URL(v as string);
      return parseAllowHosts(`${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`);
    } catch {
      return [];
    }
  });
  return { policy: { allowPrivate: base.allowPrivate, allowHosts: [...base.allowHosts, ...operator] } };
}

export function createHttpClient(ctx: EgressContext, opts: ClientOptions): HttpClient {
  const guard = researchEgress(ctx);
  const f: FetchLike = ctx.fetch ?? ((input, init) => guardedFetch(input, init, guard));
  const sleep = ctx.sleep ?? defaultSleep;
  const now = ctx.now ?? (() => new Date());
  const random = ctx.random ?? Math.random;
  const timeoutMs = ctx.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxAttempts = Math.max(1, ctx.maxAttempts ?? DEFAULTS.maxAttempts);
  const maxWaitMs = ctx.maxWaitMs ?? DEFAULTS.maxWaitMs;
  const name = label(opts.source);
  /** When the last response said the window is spent, wait for its reset before the next call. */
  let pausedUntil = 0;

  function remainingOf(res: Response): number | null {
    const r = res.headers.get("x-ratelimit-remaining");
    if (r == null) return null;
    const n = parseFloat(r);
    return Number.isFinite(n) ? n : null;
  }

  function waitFor(res: Response): number | null {
    const t = now().getTime();
    return (
      parseRetryAfter(res.headers.get("retry-after"), t) ??
      parseReset(res.headers.get("x-ratelimit-reset"), t, opts.resetSemantics)
    );
  }

  function backoff(attempt: number): number {
    const base = Math.min(DEFAULTS.capDelayMs, DEFAULTS.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(base / 2 + (base / 2) * random());
  }

  async function pause(ms: number, why: string) {
    if (ms > maxWaitMs) {
      throw new AppError(
        "rate_limited",
        `${name} asks us to wait ${Math.ceil(ms / 1000)} s (${why}); try this source again later.`,
        { source: opts.source, retryAfterSeconds: Math.ceil(ms / 1000) },
      );
    }
    if (ms > 0) await sleep(ms, ctx.signal);
  }

  async function request(url: string, ro: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { "User-Agent": ctx.userAgent ?? USER_AGENT, ...ro.headers };
    if (pausedUntil > now().getTime()) await pause(pausedUntil - now().getTime(), "rate-limit window spent");
    let lastProblem = "";
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (ctx.signal?.aborted) throw ctx.signal.reason ?? new AppError("unavailable", `${name} request cancelled.`);
      const timeout = AbortSignal.timeout(timeoutMs);
      const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
      let res: Response;
      try {
        res = await f(url, { method: ro.method ?? "GET", headers, body: ro.body, signal, redirect: "follow" });
      } catch (err) {
        if (ctx.signal?.aborted) throw ctx.signal.reason ?? err;
        if (isEgressBlocked(err)) throw new AppError("bad_request", `${name}: ${(err as Error).message}`, { source: opts.source });
        if ((err as { details?: { egress?: string } }).details?.egress === "redirects") throw new AppError("bad_request", `${name}: ${(err as Error).message}`, { source: opts.source });
        const timedOut = timeout.aborted;
        // The cause (ECONNREFUSED host:port, TLS details) is logged, never shown: it is a port-scan oracle.
        if (!timedOut) logger.warn({ source: opts.source, err: (err as Error).message, cause: String((err as { cause?: unknown }).cause ?? "") }, "research request network error");
        lastProblem = timedOut ? `no answer within ${timeoutMs} ms` : "network error";
        if (attempt < maxAttempts) {
          const d = backoff(attempt);
          logger.warn({ source: opts.source, attempt, delayMs: d, problem: lastProblem }, "research request retry");
          await pause(d, lastProblem);
          continue;
        }
        break;
      }

      const remaining = remainingOf(res);
      if (res.ok || ro.passStatuses?.includes(res.status)) {
        if (remaining !== null && remaining <= 0) {
          const w = waitFor(res);
          if (w) pausedUntil = now().getTime() + w;
        }
        return res;
      }

      const rateLimited =
        res.status === 429 || (opts.rateLimit403 === true && res.status === 403 && (remaining === 0 || res.headers.has("retry-after")));
      const retryable = rateLimited || res.status >= 500;
      // The body is read for the log only: echoing it would let a job read internal services.
      const bodyText = await res.text().catch(() => "");
      logger.warn({ source: opts.source, status: res.status, body: bodyText.slice(0, 500) }, "research source error response");
      lastProblem = `HTTP ${res.status}`;
      if (!retryable) throw httpError(opts.source, res.status, bodyText);
      if (attempt >= maxAttempts) break;

      let delay = waitFor(res);
      if (delay === null) delay = rateLimited && res.status === 403 ? 60_000 : backoff(attempt);
      logger.warn({ source: opts.source, status: res.status, attempt, delayMs: delay }, "research request retry");
      await pause(delay, rateLimited ? "rate limited" : `HTTP ${res.status}`);
    }
    const limited = /^HTTP (429|403)/.test(lastProblem);
    throw new AppError(
      limited ? "rate_limited" : "unavailable",
      `${name} is not answering properly after ${maxAttempts} attempts (${lastProblem}); try again later.`,
      { source: opts.source },
    );
  }

  async function getText(url: string, ro?: RequestOptions): Promise<string> {
    const res = await request(url, ro);
    try {
      return await res.text();
    } catch (err) {
      throw new AppError("unavailable", `${name}: the response body could not be read (${(err as Error).message}).`, {
        source: opts.source,
      });
    }
  }

  async function getJson(url: string, ro?: RequestOptions): Promise<unknown> {
    const text = await getText(url, { ...ro, headers: { Accept: "application/json", ...ro?.headers } });
    try {
      return JSON.parse(text);
    } catch {
      throw malformed(opts.source, "the response is not valid JSON");
    }
  }

  return { request, getJson, getText, ctx: { ...ctx, now } };
}

export function malformed(source: SourceId, what: string): AppError {
  return new AppError("provider_error", `${label(source)} returned a malformed response: ${what}.`, {
    source,
    reason: "malformed",
  });
}

/** Status → a message of our own; the upstream body only picks one of our fixed phrases. */
function httpError(source: SourceId, status: number, body: string): AppError {
  const name = label(source);
  const detail = /<title>\s*Blocked\s*<\/title>|whoa there/i.test(body) ? ": the request was blocked by the site" : "";
  if (status === 401) return new AppError("unauthorized", `${name} rejected the credentials (HTTP 401${detail}); check them in settings.`, { source });
  if (status === 403) return new AppError("forbidden", `${name} refused the request (HTTP 403${detail}).`, { source });
  if (status === 404) return new AppError("not_found", `${name} has nothing at that address (HTTP 404${detail}); check the query or URL.`, { source });
  if (status === 400 || status === 422)
    return new AppError("bad_request", `${name} rejected the query (HTTP ${status}${detail}); adjust the search terms.`, { source });
  return new AppError("provider_error", `${name} answered HTTP ${status}${detail}.`, { source });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | null {
  return typeof v === "string" ? v : typeof v === "number" ? String(v) : null;
}

export function num(v: unknown): number | null {
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
}

export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, "") + (path.startsWith("/") ? path : "/" + path);
}
