import { describe, expect, it } from "vitest";
import { computeProviderPerformance, percentile } from "@/lib/providers/performance";

describe("computeProviderPerformance", () => {
  it("computes success rate, p50/p95 time to result and average cost per provider", () => {
    const rows = [
      ...Array.from({ length: 10 }, (_, i) => ({ provider: "heygen" as const, outcome: "succeeded" as const, startedAt: 0, finishedAt: (i + 1) * 1000, costCents: 100 + i })),
      { provider: "heygen" as const, outcome: "failed" as const, startedAt: 0, finishedAt: 500 },
      { provider: "heygen" as const, outcome: "timeout" as const, startedAt: 0, finishedAt: 1_200_000 },
      { provider: "heygen" as const, outcome: "skipped" as const, startedAt: 0 },
      { provider: "runway" as const, outcome: "failed" as const, startedAt: new Date(0), finishedAt: new Date(10) },
    ];
    const [h, r] = computeProviderPerformance(rows);
    expect(h).toMatchObject({ provider: "heygen", attempts: 13, succeeded: 10, failed: 1, timedOut: 1, skipped: 1, p50Ms: 5000, p95Ms: 10_000, avgCostCents: 105, totalCostCents: 1045 });
    expect(h.successRate).toBeCloseTo(10 / 12);
    expect(Number.isInteger(h.avgCostCents)).toBe(true);
    expect(r).toMatchObject({ provider: "runway", successRate: 0, p50Ms: null, avgCostCents: null });
  });
  it("percentile is nearest-rank", () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([1], 95)).toBe(1);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
  });
});
