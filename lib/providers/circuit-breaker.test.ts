import { describe, expect, it } from "vitest";
import { CircuitBreaker, InMemoryBreakerStore, type BreakerKey } from "@/lib/providers/circuit-breaker";
import { ProviderError } from "@/lib/providers/types";

const key: BreakerKey = { workspaceId: "ws", providerId: "heygen" };
const boom = () => new ProviderError("heygen", "retryable", "HeyGen create video failed (HTTP 503)", { httpStatus: 503 });

describe("CircuitBreaker", () => {
  it("closed → open after 3 consecutive failures → half-open after cool-down → closed on success", async () => {
    let now = 0;
    const b = new CircuitBreaker({ now: () => now });
    for (let i = 0; i < 2; i++) {
      expect(await b.tryAcquire(key)).toBe(true);
      await b.recordFailure(key, boom());
    }
    expect((await b.state(key)).status).toBe("closed");
    await b.recordFailure(key, boom());
    expect((await b.state(key)).status).toBe("open");
    expect(await b.tryAcquire(key)).toBe(false);
    now += 59_999;
    expect(await b.tryAcquire(key)).toBe(false);
    now += 1;
    expect((await b.state(key)).status).toBe("half_open");
    expect(await b.tryAcquire(key)).toBe(true); // the probe
    expect(await b.tryAcquire(key)).toBe(false); // only one probe at a time
    await b.recordSuccess(key);
    expect(await b.state(key)).toMatchObject({ status: "closed", consecutiveFailures: 0 });
  });

  it("a failed half-open probe re-opens for another cool-down", async () => {
    let now = 0;
    const b = new CircuitBreaker({ now: () => now, failureThreshold: 1, cooldownMs: 1000 });
    await b.recordFailure(key, boom());
    now = 1000;
    expect(await b.tryAcquire(key)).toBe(true);
    await b.recordFailure(key, boom());
    expect(await b.state(key)).toMatchObject({ status: "open", openedAt: 1000 });
    expect(await b.tryAcquire(key)).toBe(false);
  });

  it("rate limits, budget and request errors never count; success resets the count", async () => {
    const b = new CircuitBreaker({ failureThreshold: 2 });
    await b.recordFailure(key, new ProviderError("heygen", "rate_limited", "429", { retryAfterMs: 1000, httpStatus: 429 }));
    await b.recordFailure(key, new ProviderError("heygen", "budget", "402", { httpStatus: 402 }));
    await b.recordFailure(key, new ProviderError("heygen", "permanent", "400", { httpStatus: 400 }));
    expect((await b.state(key)).consecutiveFailures).toBe(0);
    await b.recordFailure(key, boom());
    await b.recordSuccess(key);
    await b.recordFailure(key, boom());
    expect((await b.state(key)).status).toBe("closed");
  });

  it("keys by workspace and provider; the store is pluggable", async () => {
    const store = new InMemoryBreakerStore();
    const b = new CircuitBreaker({ store, failureThreshold: 1 });
    await b.recordFailure(key, boom());
    expect((await b.state(key)).status).toBe("open");
    expect((await b.state({ ...key, workspaceId: "other" })).status).toBe("closed");
    expect((await b.state({ ...key, providerId: "kling" })).status).toBe("closed");
    expect((await store.get(key))?.lastError).toMatch(/503/);
  });
});
