/**
 * The one definition of success rate, used by the overview, the analytics KPIs and the provider
 * rows: succeeded / (succeeded + failed + timed out). Work still running, skipped or cancelled is
 * not decided yet (or never was) and does not count either way; with nothing decided the rate
 * is null ("—"), never a made-up 0 % or 100 %.
 */
export interface Outcomes {
  succeeded: number;
  failed: number;
  timedOut?: number;
}

export function successRate(o: Outcomes): number | null {
  const decided = o.succeeded + o.failed + (o.timedOut ?? 0);
  return decided > 0 ? o.succeeded / decided : null;
}

/** 0.9166 → "91.7%", null → "—". */
export function formatRate(r: number | null): string {
  return r == null ? "—" : `${Math.round(r * 1000) / 10}%`;
}
