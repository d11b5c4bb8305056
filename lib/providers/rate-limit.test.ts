import { describe, expect, it } from "vitest";
import { RateLimiter } from "@/lib/providers/rate-limit";

function time() {
  let t = 0;
  const sleeps: number[] = [];
  return { clock: { now: () => t }, sleep: async (ms: number) => void (sleeps.push(ms), (t += ms)), sleeps, advance: (ms: number) => (t += ms) };
}

describe("RateLimiter", () => {
  it("token bucket: perMinute calls, then waits for a refill", async () => {
    const tm = time();
    const l = new RateLimiter({ clock: tm.clock, sleep: tm.sleep });
    l.configure("k", 2);
    await l.acquire("k");
    await l.acquire("k");
    expect(tm.sleeps).toEqual([]);
    await l.acquire("k");
    expect(tm.sleeps).toEqual([30_000]);
  });

  it("Retry-After sets a not-before time the next call waits for", async () => {
    const tm = time();
    const l = new RateLimiter({ clock: tm.clock, sleep: tm.sleep });
    l.noteRetryAfter("k", 7000);
    expect(l.delayMs("k")).toBe(7000);
    tm.advance(2000);
    await l.acquire("k");
    expect(tm.sleeps).toEqual([5000]);
    expect(tm.clock.now()).toBeGreaterThanOrEqual(7000);
    expect(l.delayMs("other")).toBe(0);
  });

  it("refuses to wait longer than maxWaitMs", async () => {
    const tm = time();
    const l = new RateLimiter({ clock: tm.clock, sleep: tm.sleep });
    l.noteRetryAfter("k", 600_000);
    expect(await l.acquire("k", { maxWaitMs: 120_000 })).toBe(false);
    expect(tm.sleeps).toEqual([]);
  });
});
