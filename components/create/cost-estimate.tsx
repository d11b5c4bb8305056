"use client";
import { Badge, cx } from "@/components/ui/primitives";
import { formatCents, formatDuration } from "@/lib/format";
import type { BrollEstimate } from "@/lib/compose/broll/estimate";
import { brollSummary } from "./storyboard/broll-estimate";

export interface EstimateResult {
  durationSec: number;
  reserveCents: number;
  candidates: { provider: string; displayName: string; cents: number; units: number; unitName: string }[];
  budget: {
    perVideoCents: number | null;
    dailyCents: number | null;
    monthlyCents: number | null;
    spentTodayCents: number;
    spentMonthCents: number;
    leftTodayCents: number | null;
    leftMonthCents: number | null;
  };
  fitsBudget: boolean;
  /** A storyboard video's AI B-roll (null without one); its clips are held and charged on their own. */
  broll?: BrollEstimate | null;
  /** The presenter's first-provider price plus the B-roll not cached, in cents. */
  totalCents?: number;
}

function plural(unit: string, n: number) {
  return n === 1 || unit.endsWith("s") ? unit : `${unit}s`;
}

function Left({ label, left, cap }: { label: string; left: number | null; cap: number | null }) {
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2 dark:bg-slate-800/60">
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold tabular-nums">{left == null ? "No cap" : formatCents(left)}</dd>
      {cap != null ? <dd className="text-[11px] text-slate-600 dark:text-slate-400">of {formatCents(cap)}</dd> : null}
    </div>
  );
}

/** "AI B-roll: 2 clips, $0.70 — 1 cached, free", or why the B-roll scenes will show the presenter. */
function BrollLine({ broll }: { broll: BrollEstimate }) {
  return (
    <div className="rounded-lg bg-violet-50 px-3 py-2 text-sm text-violet-900 dark:bg-violet-500/10 dark:text-violet-200" data-testid="estimate-broll">
      {broll.available ? (
        <span className="tabular-nums">{brollSummary(broll)}</span>
      ) : (
        <span>AI B-roll: none made. {broll.unavailableReason} Those scenes show the presenter.</span>
      )}
    </div>
  );
}

/** The estimate card: providers in failover order with their price, the reservation, the budget left. */
export function CostEstimate({
  data,
  loading,
  error,
  idle,
}: {
  data: EstimateResult | undefined;
  loading: boolean;
  error: string | null;
  idle: string | null;
}) {
  return (
    <section aria-labelledby="estimate-heading" aria-busy={loading} className="space-y-3" data-testid="estimate">
      <div className="flex items-center justify-between">
        <h2 id="estimate-heading" className="text-sm font-semibold">
          Cost estimate
        </h2>
        {loading ? (
          <span className="flex items-center gap-1.5 text-xs text-slate-600 dark:text-slate-400">
            <span aria-hidden className="h-3 w-3 animate-spin rounded-full border-2 border-slate-300 border-t-brand-500" />
            Updating…
          </span>
        ) : data ? (
          <span className="text-xs text-slate-600 dark:text-slate-400">≈ {formatDuration(data.durationSec)} long</span>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {error}
        </p>
      ) : !data ? (
        idle ? (
          <p className="rounded-lg bg-slate-50 px-3 py-3 text-sm text-slate-600 dark:bg-slate-800/60 dark:text-slate-400">{idle}</p>
        ) : (
          <div className="space-y-2">
            <div className="h-4 w-2/3 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
            <div className="h-4 w-1/2 animate-pulse rounded bg-slate-100 dark:bg-slate-800" />
          </div>
        )
      ) : (
        <div className={cx("space-y-3 transition-opacity", loading && "opacity-60")}>
          <div className="grid gap-4 sm:grid-cols-2">
            <div className="space-y-3">
              <ol aria-label="Providers in the order they will be tried" className="space-y-1.5">
                {data.candidates.map((c, i) => (
                  <li key={c.provider} className="flex items-center justify-between gap-2 text-sm">
                    <span className="flex min-w-0 items-center gap-2">
                      <span className="flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-[10px] font-semibold text-slate-600 dark:bg-slate-800 dark:text-slate-300">{i + 1}</span>
                      <span className="min-w-0">
                        <span className="block truncate">
                          {c.displayName} {i === 0 ? <Badge tone="brand">first</Badge> : null}
                        </span>
                        {c.units && c.unitName ? <span className="block text-xs text-slate-600 dark:text-slate-400">{c.units} {plural(c.unitName, c.units)}</span> : null}
                      </span>
                    </span>
                    <span className="shrink-0 text-right tabular-nums text-slate-600 dark:text-slate-300">
                      {formatCents(c.cents)}
                    </span>
                  </li>
                ))}
              </ol>
              {data.broll ? <BrollLine broll={data.broll} /> : null}
              <div className="flex items-center justify-between rounded-lg bg-brand-50 px-3 py-2 text-sm dark:bg-brand-500/10">
                <span className="font-medium text-brand-800 dark:text-brand-200">Reserved now</span>
                <span className="font-semibold tabular-nums text-brand-800 dark:text-brand-100" data-testid="reserve-amount">
                  {formatCents(data.reserveCents)}
                </span>
              </div>
              {data.broll?.available && data.broll.totalCents > 0 && data.totalCents != null ? (
                <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="estimate-total">
                  With AI B-roll: <span className="font-semibold tabular-nums">{formatCents(data.totalCents)}</span> (each clip is reserved when it is made)
                </p>
              ) : null}
            </div>
            <div className="space-y-2">
              <dl className="grid grid-cols-2 gap-2">
                <Left label="Left today" left={data.budget.leftTodayCents} cap={data.budget.dailyCents} />
                <Left label="Left this month" left={data.budget.leftMonthCents} cap={data.budget.monthlyCents} />
              </dl>
              <p className="text-xs text-slate-600 dark:text-slate-400">The most a failover could cost is held; you pay for the provider that renders it and the rest is released.</p>
            </div>
          </div>
          {!data.fitsBudget ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm font-medium text-red-700 dark:bg-red-500/10 dark:text-red-300">
              This video does not fit your budget
              {data.budget.perVideoCents != null && data.reserveCents > data.budget.perVideoCents ? ` (per-video cap ${formatCents(data.budget.perVideoCents)})` : ""}. Shorten the script, pick a
              cheaper provider, or raise the cap in Settings → Budgets.
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
