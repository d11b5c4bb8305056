/**
 * One error for what a platform answered, classified so the publish job knows what to do:
 * transient → retry with backoff; rate_limited → retry after the platform's delay; auth → refresh
 * the token once, then ask the user to reconnect; permanent → stop and show the platform's words.
 */
import type { SocialPlatform } from "@/db/schema";

export type PlatformErrorKind = "transient" | "rate_limited" | "auth" | "permanent";

export class PlatformError extends Error {
  readonly platform: SocialPlatform;
  readonly kind: PlatformErrorKind;
  /** The platform's own code (spam_risk_too_many_posts, 9007, quotaExceeded, ...). */
  readonly code: string;
  readonly retryAfterSeconds?: number;
  constructor(platform: SocialPlatform, kind: PlatformErrorKind, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.name = "PlatformError";
    this.platform = platform;
    this.kind = kind;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function isPlatformError(e: unknown): e is PlatformError {
  return e instanceof PlatformError || (typeof e === "object" && e !== null && (e as { name?: string }).name === "PlatformError");
}

/** Kind from an HTTP status when the body says nothing more specific. */
export function kindOfStatus(status: number): PlatformErrorKind {
  if (status === 429) return "rate_limited";
  if (status === 401) return "auth";
  if (status >= 500 || status === 408) return "transient";
  return "permanent";
}

export function retryAfterSeconds(h: string | null): number | undefined {
  if (!h) return undefined;
  const n = Number(h);
  if (Number.isFinite(n) && n >= 0) return n;
  const t = Date.parse(h);
  return Number.isFinite(t) ? Math.max(0, Math.round((t - Date.now()) / 1000)) : undefined;
}

/**
 * fetch with a timeout; a network failure or timeout is transient. Plain fetch on purpose: every
 * URL here is built from an operator-configured platform host (lib/publishing/config.ts, the
 * platforms' official hosts or their *_BASE_URL overrides) or from an upload URL that host
 * returned; nothing a workspace types reaches it, and redirects are not followed.
 */
export async function platformFetch(platform: SocialPlatform, url: string, init: RequestInit & { timeoutMs?: number } = {}): Promise<Response> {
  const { timeoutMs = 60_000, ...rest } = init;
  try {
    return await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs), redirect: "manual" });
  } catch (e) {
    throw new PlatformError(platform, "transient", "network", `Could not reach ${platform}: ${(e as Error).message}`);
  }
}

/** Reads a JSON body; a malformed one is transient (proxies and outages send HTML). */
export async function readJsonBody(platform: SocialPlatform, res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new PlatformError(platform, res.ok ? "transient" : kindOfStatus(res.status), `http_${res.status}`, `${platform} answered ${res.status} with a body that is not JSON.`);
  }
}
