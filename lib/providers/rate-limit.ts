/**
 * Client-side rate limiting per key (usually `${workspaceId}:${providerId}`): a token bucket of
 * `perMinute` requests plus a "not before" time set from the provider's Retry-After, so the next
 * call waits at least that long. Clock and sleep are injectable; nothing here reads wall time
 * directly when they are given.
 */
export interface Clock {
  now(): number;
}
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const systemClock: Clock = { now: () => Date.now() };

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, Math.max(0, ms));
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });

interface Bucket {
  tokens: number;
  updatedAt: number;
  perMinute: number;
  notBefore: number;
}

export interface RateLimiterOptions {
  clock?: Clock;
  sleep?: Sleep;
  /** Default requests per minute for keys never configured; Infinity = no bucket. */
  defaultPerMinute?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly sleep: Sleep;
  private readonly defaultPerMinute: number;

  constructor(o: RateLimiterOptions = {}) {
    this.clock = o.clock ?? systemClock;
    this.sleep = o.sleep ?? realSleep;
    this.defaultPerMinute = o.defaultPerMinute ?? Number.POSITIVE_INFINITY;
  }

  private bucket(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = { tokens: this.defaultPerMinute, updatedAt: this.clock.now(), perMinute: this.defaultPerMinute, notBefore: 0 };
      this.buckets.set(key, b);
    }
    return b;
  }

  private refill(b: Bucket, now: number) {
    if (!Number.isFinite(b.perMinute)) {
      b.tokens = Number.POSITIVE_INFINITY;
    } else {
      const elapsed = Math.max(0, now - b.updatedAt);
      b.tokens = Math.min(b.perMinute, b.tokens + (elapsed * b.perMinute) / 60_000);
    }
    b.updatedAt = now;
  }

  /** Sets requests per minute for a key (null/undefined/<=0 = unlimited). */
  configure(key: string, perMinute: number | null | undefined): void {
    const b = this.bucket(key);
    const pm = perMinute && perMinute > 0 ? perMinute : Number.POSITIVE_INFINITY;
    this.refill(b, this.clock.now());
    b.perMinute = pm;
    b.tokens = Number.isFinite(pm) ? Math.min(Number.isFinite(b.tokens) ? b.tokens : pm, pm) : pm;
  }

  /** The provider said "come back in `ms`": nothing for this key before then. */
  noteRetryAfter(key: string, ms: number): void {
    const b = this.bucket(key);
    b.notBefore = Math.max(b.notBefore, this.clock.now() + Math.max(0, ms));
  }

  /** How long a call would have to wait now (0 = go). */
  delayMs(key: string): number {
    const b = this.bucket(key);
    const now = this.clock.now();
    this.refill(b, now);
    const waitNotBefore = Math.max(0, b.notBefore - now);
    const waitToken = b.tokens >= 1 ? 0 : Math.ceil(((1 - b.tokens) * 60_000) / b.perMinute);
    return Math.max(waitNotBefore, waitToken);
  }

  /**
   * Waits (via the injected sleep) until a call is allowed, then takes a token. With `maxWaitMs`,
   * returns false instead of waiting longer than that.
   */
  async acquire(key: string, o: { maxWaitMs?: number; signal?: AbortSignal } = {}): Promise<boolean> {
    for (;;) {
      const d = this.delayMs(key);
      if (d <= 0) {
        const b = this.bucket(key);
        if (Number.isFinite(b.tokens)) b.tokens -= 1;
        return true;
      }
      if (o.maxWaitMs !== undefined && d > o.maxWaitMs) return false;
      await this.sleep(d, o.signal);
    }
  }
}
