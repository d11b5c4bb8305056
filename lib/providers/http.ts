/**
 * Shared HTTP plumbing for the external provider adapters: JSON requests with a timeout on every
 * call, Retry-After parsing, secret scrubbing and streamed downloads (temp file + rename).
 *
 * Nothing here ever puts a credential into an error message: every text that came from the
 * network or from an exception passes through `scrub()` with the request's secrets first.
 */
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ProviderError, type ProviderErrorKind, type ProviderId } from "@/lib/providers/types";
import { guardedFetch, isEgressBlocked, parseAllowHosts, policyFromEnv, type GuardOptions } from "@/lib/net/egress";

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Operator-configured provider hosts (env): trusted even when private (tests point them at fakes). */
const OPERATOR_BASE_URL_VARS = ["HEYGEN_BASE_URL", "KLING_BASE_URL", "FAL_BASE_URL", "RUNWAY_BASE_URL"] as const;

/**
 * Egress for provider HTTP. Every request goes through the guard (rule 9): a base URL a workspace
 * typed in, and any result URL a provider hands back, must be public. The operator's own hosts
 * from the environment are added to the allow-list, so an operator may run a provider (or a fake)
 * on a private address; a workspace cannot.
 */
export function providerEgress(): GuardOptions {
  const base = policyFromEnv();
  const operator = OPERATOR_BASE_URL_VARS.map((k) => process.env[k])
    .filter((v): v is string => !!v)
    .flatMap((v) => {
      try {
        const u = new URL(v);
        return parseAllowHosts(`${u.hostname}:${u.port || (u.protocol === "https:" ? "443" : "80")}`);
      } catch {
        return [];
      }
    });
  return { policy: { allowPrivate: base.allowPrivate, allowHosts: [...base.allowHosts, ...operator] } };
}

function blockedError(provider: ProviderId, what: string): ProviderError {
  return new ProviderError(
    provider,
    "permanent",
    `${label(provider)} ${what}: the address is not allowed (private, loopback and cloud-metadata addresses are blocked). Use the provider's public API URL in Settings → Providers.`,
    { httpStatus: 400 },
  );
}
export const DEFAULT_DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/** Replaces every occurrence of each secret (and any `Bearer`/`Key` token) with [redacted]. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  }
  return out
    .replace(/(Bearer|Key)\s+[A-Za-z0-9._:~+/=-]{8,}/g, "$1 [redacted]")
    .replace(/eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g, "[redacted-jwt]");
}

/**
 * Retry-After is either delta-seconds or an HTTP-date. Returns milliseconds (>= 0) or undefined
 * when absent/unparseable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const v = value.trim();
  if (v === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.ceil(Number(v) * 1000);
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/** Retry-After or the non-standard retry-after-ms some APIs send. */
export function retryAfterFromHeaders(headers: Headers, nowMs: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms && /^\d+$/.test(ms.trim())) return Number(ms.trim());
  return parseRetryAfter(headers.get("retry-after"), nowMs);
}

export interface JsonRequest {
  provider: ProviderId;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  /** Serialised as JSON when present. */
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Values that must never appear in an error (keys, tokens). */
  secrets: ReadonlyArray<string | undefined>;
  /** Short human label for messages, e.g. "create video". */
  what: string;
  /** Egress policy; defaults to providerEgress(). */
  egress?: GuardOptions;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body; undefined when empty; `MALFORMED` when it is not JSON. */
  json: unknown;
}

export const MALFORMED = Symbol("malformed-json");

function combinedSignal(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([t, signal]) : t;
}

/** Throws the caller's abort reason when the caller (not our timeout) aborted. */
function rethrowIfCallerAborted(signal?: AbortSignal): void {
  if (signal?.aborted) {
    const r = signal.reason;
    throw r instanceof Error ? r : new DOMException("The operation was aborted", "AbortError");
  }
}

/**
 * Sends one request and returns whatever status came back. Only network failures and timeouts
 * throw here (as retryable ProviderErrors); status classification is the adapter's job.
 */
export async function requestJson(req: JsonRequest): Promise<JsonResponse> {
  const timeoutMs = req.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let body: string | undefined;
  if (req.body !== undefined) {
    body = JSON.stringify(req.body);
    headers["content-type"] = "application/json";
  }
  let res: Response;
  let text: string;
  try {
    res = await guardedFetch(
      req.url,
      { method: req.method ?? "GET", headers, body, signal: combinedSignal(timeoutMs, req.signal), redirect: "error" },
      req.egress ?? providerEgress(),
    );
    text = await res.text();
  } catch (e) {
    rethrowIfCallerAborted(req.signal);
    if (isEgressBlocked(e)) throw blockedError(req.provider, req.what);
    const name = (e as Error)?.name;
    const timedOut = name === "TimeoutError" || name === "AbortError";
    const detail = timedOut ? `timed out after ${timeoutMs} ms` : `network error (${scrub(String((e as Error)?.cause ?? (e as Error)?.message ?? e), req.secrets)})`;
    throw new ProviderError(req.provider, "retryable", `${label(req.provider)} ${req.what}: ${detail}`);
  }
  let json: unknown = undefined;
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text);
    } catch {
      json = MALFORMED;
    }
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function label(provider: ProviderId): string {
  return { local: "Local studio", heygen: "HeyGen", kling: "Kling", pika: "Pika (fal)", runway: "Runway" }[provider];
}

/** Error for a 2xx whose body is not the JSON we expect. Retryable: it is usually a proxy hiccup. */
export function malformed(provider: ProviderId, what: string): ProviderError {
  return new ProviderError(provider, "retryable", `${label(provider)} ${what}: malformed response body`);
}

export interface ClassifyInput {
  provider: ProviderId;
  what: string;
  status: number;
  headers: Headers;
  /** Provider's own message (already extracted from its envelope). */
  message?: string;
  secrets: ReadonlyArray<string | undefined>;
  /** Overrides the HTTP-status based kind (provider business codes). */
  kind?: ProviderErrorKind;
  nowMs?: number;
}

/**
 * HTTP status → ProviderError, shared by all adapters:
 * 429 rate_limited (Retry-After) · 402 budget · 401/403 key rejected (permanent) ·
 * 408/5xx retryable · other 4xx permanent.
 */
export function httpError(i: ClassifyInput): ProviderError {
  const p = label(i.provider);
  const msg = i.message ? `: ${scrub(i.message, i.secrets).slice(0, 300)}` : "";
  let kind: ProviderErrorKind = i.kind ?? "permanent";
  if (!i.kind) {
    if (i.status === 429) kind = "rate_limited";
    else if (i.status === 402) kind = "budget";
    else if (i.status === 408 || i.status >= 500) kind = "retryable";
  }
  const retryAfterMs = kind === "rate_limited" ? retryAfterFromHeaders(i.headers, i.nowMs) : undefined;
  let text: string;
  if ((i.status === 401 || i.status === 403) && kind === "permanent") {
    text = `${p} rejected the API key (HTTP ${i.status})${msg}. Check the key in Settings → Providers.`;
  } else if (kind === "budget") {
    text = `${p} account is out of credits or quota (HTTP ${i.status})${msg}. Top up the provider account or disable it.`;
  } else if (kind === "rate_limited") {
    text = `${p} rate limit hit during ${i.what} (HTTP ${i.status})${msg}`;
  } else {
    text = `${p} ${i.what} failed (HTTP ${i.status})${msg}`;
  }
  return new ProviderError(i.provider, kind, text, { retryAfterMs, httpStatus: i.status });
}

export interface DownloadOptions {
  provider: ProviderId;
  url: string;
  destPath: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  secrets: ReadonlyArray<string | undefined>;
  /** Only for result URLs on the provider's own API host; never sent to CDNs. */
  headers?: Record<string, string>;
  /** Egress policy; defaults to providerEgress(). */
  egress?: GuardOptions;
}

/**
 * Streams a URL into `destPath` via a temp file in the same directory, then renames it, so a
 * half-written file is never visible. 403/404/410 → permanent ProviderError with that httpStatus
 * (callers treat those as "expired URL, re-poll for a fresh one").
 */
export async function downloadToFile(o: DownloadOptions): Promise<{ path: string; bytes: number }> {
  const timeoutMs = o.timeoutMs ?? DEFAULT_DOWNLOAD_TIMEOUT_MS;
  await mkdir(path.dirname(o.destPath), { recursive: true });
  const tmp = `${o.destPath}.${randomBytes(6).toString("hex")}.part`;
  try {
    let res: Response;
    try {
      res = await guardedFetch(o.url, { headers: o.headers, signal: combinedSignal(timeoutMs, o.signal) }, o.egress ?? providerEgress());
    } catch (e) {
      rethrowIfCallerAborted(o.signal);
      if (isEgressBlocked(e)) throw blockedError(o.provider, "result download");
      const name = (e as Error)?.name;
      const detail = name === "TimeoutError" || name === "AbortError" ? `timed out after ${timeoutMs} ms` : "network error";
      throw new ProviderError(o.provider, "retryable", `${label(o.provider)} result download: ${detail}`);
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      const expired = [403, 404, 410].includes(res.status);
      throw new ProviderError(
        o.provider,
        expired ? "permanent" : res.status === 429 || res.status >= 500 ? "retryable" : "permanent",
        expired
          ? `${label(o.provider)} result URL expired or is gone (HTTP ${res.status})`
          : `${label(o.provider)} result download failed (HTTP ${res.status})`,
        { httpStatus: res.status },
      );
    }
    try {
      await pipeline(Readable.fromWeb(res.body as import("node:stream/web").ReadableStream), createWriteStream(tmp));
    } catch (e) {
      rethrowIfCallerAborted(o.signal);
      const name = (e as Error)?.name;
      const detail = name === "TimeoutError" || name === "AbortError" ? `timed out after ${timeoutMs} ms` : "stream interrupted";
      throw new ProviderError(o.provider, "retryable", `${label(o.provider)} result download: ${detail}`);
    }
    const { size } = await stat(tmp);
    if (size === 0) throw new ProviderError(o.provider, "retryable", `${label(o.provider)} result download: empty file`);
    await rename(tmp, o.destPath);
    return { path: o.destPath, bytes: size };
  } finally {
    await rm(tmp, { force: true }).catch(() => undefined);
  }
}

/** True when a download failed because the signed URL expired or vanished. */
export function isExpiredUrlError(e: unknown): boolean {
  return e instanceof ProviderError && e.httpStatus !== undefined && [403, 404, 410].includes(e.httpStatus);
}

/** Joins a base URL and a path without doubling slashes. */
export function joinUrl(base: string, p: string): string {
  return base.replace(/\/+$/, "") + "/" + p.replace(/^\/+/, "");
}

/** Pulls a human message out of the common error envelopes. */
export function extractMessage(json: unknown): string | undefined {
  if (!json || typeof json !== "object") return undefined;
  const j = json as Record<string, unknown>;
  const e = j.error;
  if (typeof e === "string") return e;
  if (e && typeof e === "object") {
    const m = (e as Record<string, unknown>).message;
    if (typeof m === "string") return m;
  }
  if (typeof j.message === "string") return j.message;
  if (typeof j.detail === "string") return j.detail;
  if (Array.isArray(j.detail)) {
    return j.detail
      .map((d) => {
        const o = d as { loc?: unknown[]; msg?: string };
        return `${(o.loc ?? []).join(".")}: ${o.msg ?? ""}`;
      })
      .join("; ");
  }
  return undefined;
}

/**
 * Prompt for text/image-to-video providers asked to stand in for an avatar presenter: a
 * person speaking to camera about the script's subject. Truncated to the provider's limit.
 */
export function presenterPrompt(
  req: { title: string; script: string; avatar: { name: string }; role?: "presenter" | "clip" },
  maxChars: number,
): string {
  // A clip request's script is the user's own visual prompt (lib/providers/clip-request.ts).
  if (req.role === "clip" && req.avatar.name === CLIP_AVATAR_NAME) return req.script.replace(/\s+/g, " ").trim().slice(0, maxChars);
  const head = `A friendly presenter named ${req.avatar.name} speaks to the camera, upper body, clean background, natural gestures. Topic: ${req.title}. They say: `;
  const room = Math.max(0, maxChars - head.length - 2);
  const script = req.script.replace(/\s+/g, " ").trim();
  const said = script.length > room ? script.slice(0, Math.max(0, room - 1)) + "…" : script;
  return `${head}"${said}"`.slice(0, maxChars);
}

/** The stand-in avatar name of a clip request (no presenter): its script is the prompt itself. */
export const CLIP_AVATAR_NAME = "(clip)";

/** Throws a permanent error for requests this provider cannot express (validated locally). */
export function invalidRequest(provider: ProviderId, message: string): ProviderError {
  return new ProviderError(provider, "permanent", `${label(provider)}: ${message}`, { httpStatus: 400 });
}

/** Options every external adapter factory accepts (tests shorten the timeouts). */
export interface AdapterOptions {
  /** Per API request; default 30 s. */
  requestTimeoutMs?: number;
  /** Per result download; default 5 min. */
  downloadTimeoutMs?: number;
  /** pino-compatible logger; defaults to lib/logger. */
  log?: import("pino").Logger;
}

/**
 * fetchResult for every external adapter: poll for a (freshly signed) result URL, download it at
 * once; if the URL turns out expired (403/404/410), re-poll once for a fresh URL and try again.
 */
export async function fetchResultWithRepoll(o: {
  provider: ProviderId;
  poll: () => Promise<import("@/lib/providers/types").PollResult>;
  destPath: string;
  timeoutMs?: number;
  signal?: AbortSignal;
  secrets: ReadonlyArray<string | undefined>;
}): Promise<{ path: string; bytes: number }> {
  for (let round = 0; round < 2; round++) {
    const r = await o.poll();
    if (r.status !== "succeeded" || !r.resultUrl) {
      throw new ProviderError(
        o.provider,
        r.status === "failed" || r.status === "cancelled" ? "permanent" : "retryable",
        `${label(o.provider)} result is not available (status ${r.status}${r.error ? `: ${scrub(r.error, o.secrets)}` : ""})`,
      );
    }
    try {
      return await downloadToFile({
        provider: o.provider,
        url: r.resultUrl,
        destPath: o.destPath,
        timeoutMs: o.timeoutMs,
        signal: o.signal,
        secrets: o.secrets,
      });
    } catch (e) {
      if (isExpiredUrlError(e) && round === 0) continue;
      if (isExpiredUrlError(e)) {
        throw new ProviderError(
          o.provider,
          "permanent",
          `${label(o.provider)} result URL expired (HTTP ${(e as ProviderError).httpStatus}) and re-polling did not give a working one; the video must be generated again`,
          { httpStatus: (e as ProviderError).httpStatus },
        );
      }
      throw e;
    }
  }
  /* c8 ignore next */
  throw new ProviderError(o.provider, "permanent", `${label(o.provider)} result could not be downloaded`);
}
