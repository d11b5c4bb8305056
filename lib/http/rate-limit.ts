/**
 * Per-workspace request budget for API-key calls: a fixed one-minute window counted in this
 * process (several web processes each allow the limit; good enough to stop a runaway script,
 * which is the point). The clock is injected so tests never sleep.
 */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  resetSeconds: number;
  allowed: boolean;
}

export function createRateLimiter(opts: { limit: number; windowMs: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key: string): RateLimitState {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= opts.windowMs) {
        w = { start: t, count: 0 };
        windows.set(key, w);
        // Keep the map from growing without bound: drop windows that have expired.
        if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= opts.windowMs) windows.delete(k);
      }
      w.count += 1;
      const resetSeconds = Math.max(1, Math.ceil((w.start + opts.windowMs - t) / 1000));
      return { limit: opts.limit, remaining: Math.max(0, opts.limit - w.count), resetSeconds, allowed: w.count <= opts.limit };
    },
  };
}

export function rateLimitHeaders(s: RateLimitState): Record<string, string> {
  return {
    "RateLimit-Limit": String(s.limit),
    "RateLimit-Remaining": String(s.remaining),
    "RateLimit-Reset": String(s.resetSeconds),
  };
}

/** API keys: 600 requests per minute per workspace, unless API_RATE_LIMIT_PER_MINUTE says otherwise. */
export const API_KEY_LIMIT_PER_MINUTE = Number(process.env.API_RATE_LIMIT_PER_MINUTE) > 0 ? Number(process.env.API_RATE_LIMIT_PER_MINUTE) : 600;

export const apiKeyLimiter = createRateLimiter({ limit: API_KEY_LIMIT_PER_MINUTE, windowMs: 60_000 });
