/**
 * Circuit breaker per (workspace, provider): closed → open after N consecutive failures →
 * half-open once the cool-down has passed (one probe at a time) → closed on success, open again on
 * failure. Rate-limited errors are not failures. State lives behind `BreakerStore` so it can sit
 * in PostgreSQL (jobs run in many processes); the in-memory store is for tests and single
 * processes. The clock is injectable.
 */
import { ProviderError, type ProviderId } from "@/lib/providers/types";

export type BreakerStatus = "closed" | "open" | "half_open";

export interface BreakerState {
  status: BreakerStatus;
  consecutiveFailures: number;
  /** ms epoch when it (re)opened; null while closed. */
  openedAt: number | null;
  /** ms epoch of the half-open probe in flight (null = none). */
  probeStartedAt: number | null;
  lastError?: string;
}

export interface BreakerKey {
  workspaceId: string;
  providerId: ProviderId;
}

/**
 * Storage of breaker states. `update` must be atomic per key (PostgreSQL: one transaction with
 * SELECT ... FOR UPDATE, or an UPSERT loop): it receives the current state (null = never seen)
 * and persists what the function returns.
 */
export interface BreakerStore {
  get(key: BreakerKey): Promise<BreakerState | null>;
  update(key: BreakerKey, fn: (current: BreakerState | null) => BreakerState): Promise<BreakerState>;
}

export const CLOSED: Readonly<BreakerState> = Object.freeze({ status: "closed", consecutiveFailures: 0, openedAt: null, probeStartedAt: null });

export class InMemoryBreakerStore implements BreakerStore {
  private readonly states = new Map<string, BreakerState>();
  private k(key: BreakerKey) {
    return `${key.workspaceId}\u0000${key.providerId}`;
  }
  async get(key: BreakerKey) {
    const s = this.states.get(this.k(key));
    return s ? { ...s } : null;
  }
  async update(key: BreakerKey, fn: (current: BreakerState | null) => BreakerState) {
    const cur = this.states.get(this.k(key));
    const next = fn(cur ? { ...cur } : null);
    this.states.set(this.k(key), { ...next });
    return { ...next };
  }
}

export interface BreakerOptions {
  store?: BreakerStore;
  /** Consecutive failures that open the circuit; default 3. */
  failureThreshold?: number;
  /** Time open before a half-open probe is allowed; default 60 s. */
  cooldownMs?: number;
  /** A half-open probe older than this is presumed dead and another is allowed; default 10 min. */
  probeTimeoutMs?: number;
  now?: () => number;
}

/** Whether an error counts against the provider's health. */
export function countsAsFailure(error: unknown): boolean {
  if (error instanceof ProviderError) {
    // Rate limits are back-pressure, budget is our account, permanent 4xx are usually the request.
    return error.kind === "retryable" || (error.kind === "permanent" && error.httpStatus !== undefined && error.httpStatus >= 500);
  }
  return true;
}

export class CircuitBreaker {
  readonly store: BreakerStore;
  private readonly threshold: number;
  private readonly cooldownMs: number;
  private readonly probeTimeoutMs: number;
  private readonly now: () => number;

  constructor(o: BreakerOptions = {}) {
    this.store = o.store ?? new InMemoryBreakerStore();
    this.threshold = o.failureThreshold ?? 3;
    this.cooldownMs = o.cooldownMs ?? 60_000;
    this.probeTimeoutMs = o.probeTimeoutMs ?? 10 * 60_000;
    this.now = o.now ?? Date.now;
  }

  /** Current state, with an elapsed cool-down reported as half_open (no side effects). */
  async state(key: BreakerKey): Promise<BreakerState> {
    const s = (await this.store.get(key)) ?? { ...CLOSED };
    if (s.status === "open" && s.openedAt !== null && this.now() - s.openedAt >= this.cooldownMs) {
      return { ...s, status: "half_open" };
    }
    return s;
  }

  /**
   * May a request go to this provider now? Closed: yes. Open within cool-down: no. Otherwise one
   * half-open probe is let through (and recorded) until it succeeds or fails.
   */
  async tryAcquire(key: BreakerKey): Promise<boolean> {
    let allowed = false;
    await this.store.update(key, (cur) => {
      const s = cur ?? { ...CLOSED };
      const now = this.now();
      if (s.status === "closed") {
        allowed = true;
        return s;
      }
      if (s.status === "open" && s.openedAt !== null && now - s.openedAt < this.cooldownMs) {
        allowed = false;
        return s;
      }
      // Cool-down over (or already half-open): allow one probe at a time.
      if (s.probeStartedAt !== null && now - s.probeStartedAt < this.probeTimeoutMs) {
        allowed = false;
        return { ...s, status: "half_open" };
      }
      allowed = true;
      return { ...s, status: "half_open", probeStartedAt: now };
    });
    return allowed;
  }

  async recordSuccess(key: BreakerKey): Promise<void> {
    await this.store.update(key, () => ({ ...CLOSED }));
  }

  /** Records an outcome error; rate_limited / budget / request-level errors are ignored. */
  async recordFailure(key: BreakerKey, error?: unknown): Promise<BreakerState> {
    if (error !== undefined && !countsAsFailure(error)) return this.state(key);
    return this.store.update(key, (cur) => {
      const s = cur ?? { ...CLOSED };
      const failures = s.consecutiveFailures + 1;
      const lastError = error instanceof Error ? error.message.slice(0, 300) : s.lastError;
      if (s.status === "half_open" || failures >= this.threshold) {
        return { status: "open", consecutiveFailures: failures, openedAt: this.now(), probeStartedAt: null, lastError };
      }
      return { ...s, consecutiveFailures: failures, lastError };
    });
  }

  /** Releases a half-open probe slot without a verdict (e.g. the attempt was cancelled). */
  async releaseProbe(key: BreakerKey): Promise<void> {
    await this.store.update(key, (cur) => {
      const s = cur ?? { ...CLOSED };
      return s.probeStartedAt === null ? s : { ...s, probeStartedAt: null };
    });
  }
}
