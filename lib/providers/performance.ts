/**
 * Provider performance from attempt records (pure; the SQL twin lives with the analytics queries):
 * success rate over decided attempts (succeeded / (succeeded + failed + timeout)), p50/p95 time
 * to result over successful attempts (nearest-rank), average cost in integer cents per success.
 * Skipped and cancelled attempts count in `attempts` but not in the rate.
 */
import type { ProviderId } from "@/lib/providers/types";
import type { AttemptOutcome } from "@/lib/providers/failover";

export interface AttemptRecordLike {
  provider: ProviderId;
  outcome: AttemptOutcome | "running";
  /** ms epoch or Date. */
  startedAt: number | Date;
  finishedAt?: number | Date | null;
  costCents?: number | null;
}

export interface ProviderPerformance {
  provider: ProviderId;
  attempts: number;
  succeeded: number;
  failed: number;
  timedOut: number;
  skipped: number;
  cancelled: number;
  /** 0–1, null when nothing was decided yet. */
  successRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  /** Integer cents (rounded half up), null without successes. */
  avgCostCents: number | null;
  totalCostCents: number;
}

const ms = (t: number | Date) => (typeof t === "number" ? t : t.getTime());

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1];
}

export function computeProviderPerformance(records: ReadonlyArray<AttemptRecordLike>): ProviderPerformance[] {
  const by = new Map<ProviderId, AttemptRecordLike[]>();
  for (const r of records) {
    const list = by.get(r.provider) ?? [];
    list.push(r);
    by.set(r.provider, list);
  }
  const out: ProviderPerformance[] = [];
  for (const [provider, list] of by) {
    const count = (o: string) => list.filter((r) => r.outcome === o).length;
    const succeeded = count("succeeded");
    const failed = count("failed");
    const timedOut = count("timeout");
    const durations = list
      .filter((r) => r.outcome === "succeeded" && r.finishedAt != null)
      .map((r) => ms(r.finishedAt!) - ms(r.startedAt))
      .filter((d) => d >= 0)
      .sort((a, b) => a - b);
    const costs = list.filter((r) => r.outcome === "succeeded").map((r) => r.costCents ?? 0);
    const total = list.reduce((s, r) => s + (r.costCents ?? 0), 0);
    const decided = succeeded + failed + timedOut;
    out.push({
      provider,
      attempts: list.length,
      succeeded,
      failed,
      timedOut,
      skipped: count("skipped"),
      cancelled: count("cancelled"),
      successRate: decided ? succeeded / decided : null,
      p50Ms: percentile(durations, 50),
      p95Ms: percentile(durations, 95),
      avgCostCents: costs.length ? Math.round(costs.reduce((s, c) => s + c, 0) / costs.length) : null,
      totalCostCents: total,
    });
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider));
}
