"use client";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Badge, Card, EmptyState, PageHeader, cx, inputClass } from "@/components/ui/primitives";
import { formatCents } from "@/lib/format";
import type { AnalyticsReport } from "@/lib/analytics/queries";
import { providerColor, providerName } from "@/components/charts/theme";
import { formatRate } from "@/lib/analytics/success";
import { RoiSection } from "./roi-section";

// recharts is big: the charts load on this page only, after the numbers are already on screen.
const ChartSkeleton = ({ height = 240 }: { height?: number }) => (
  <div aria-hidden className="animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800/60" style={{ height }} />
);
const SpendChart = dynamic(() => import("@/components/charts/spend-chart"), { ssr: false, loading: () => <ChartSkeleton height={260} /> });
const SuccessChart = dynamic(() => import("@/components/charts/success-chart"), { ssr: false, loading: () => <ChartSkeleton height={160} /> });
const OutcomesChart = dynamic(() => import("@/components/charts/outcomes-chart"), { ssr: false, loading: () => <ChartSkeleton /> });

const RANGES = [7, 30, 90];

function formatMs(ms: number | null): string {
  if (ms == null) return "—";
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return s ? `${m} min ${s} s` : `${m} min`;
}
const pct = formatRate;

export function AnalyticsView({ initial, timezone }: { initial: AnalyticsReport; timezone: string }) {
  const [days, setDays] = useState(initial.range.days);
  const { data, isFetching, error } = useQuery({
    queryKey: ["analytics", days],
    queryFn: async () => {
      const res = await fetch(`/api/v1/analytics?days=${days}`, { cache: "no-store" });
      const j = await res.json().catch(() => null);
      if (!res.ok) throw new Error(j?.error?.message ?? `Could not load analytics (HTTP ${res.status}).`);
      return j as AnalyticsReport;
    },
    initialData: days === initial.range.days ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  const r = data ?? initial;
  const k = r.kpis;
  const hasAnything = k.videos > 0 || r.providers.length > 0 || k.spendCents > 0 || r.engagement.total > 0;
  const spendProviders = r.spendByProvider.map((s) => s.provider);

  return (
    <div>
      <PageHeader
        title="Analytics"
        description={`Last ${r.range.days} days · days in ${timezone}`}
        actions={
          <div className="flex items-center gap-2">
            {isFetching ? <span role="status" className="text-xs text-slate-600 dark:text-slate-400">Updating…</span> : null}
            <label htmlFor="analytics-range" className="sr-only">Date range</label>
            <select id="analytics-range" value={days} onChange={(e) => setDays(Number(e.target.value))} className={cx(inputClass, "w-40")}>
              {RANGES.map((d) => <option key={d} value={d}>Last {d} days</option>)}
            </select>
          </div>
        }
      />
      {error ? <p role="alert" className="mb-6 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">{(error as Error).message}</p> : null}

      <div className="grid grid-cols-2 gap-4 *:min-w-0 lg:grid-cols-5">
        <Kpi label="Videos" value={String(k.videos)} hint={`${k.completed} completed · ${k.failed} failed`} />
        <Kpi label="Success rate" value={pct(k.successRate)} hint={k.successRate == null ? "No finished videos yet" : "of finished videos"} />
        <Kpi label="Spend" value={formatCents(k.spendCents)} hint="Actual provider charges" />
        <Kpi label="Cost per video" value={k.costPerCompletedVideoCents == null ? "—" : formatCents(k.costPerCompletedVideoCents)} hint="Spend ÷ completed videos" />
        <Kpi label="Views per dollar" value={k.viewsPerDollar == null ? "—" : String(k.viewsPerDollar)} hint={k.viewsPerDollar == null ? "No spend yet" : `${k.engagementPerDollar} engagements per $`} className="col-span-2 lg:col-span-1" />
      </div>

      <RoiSection roi={r.roi} spendVsViews={r.spendVsViews} days={r.range.days} />

      {!hasAnything ? (
        <div className="mt-8">
          <EmptyState
            title="No data for this period yet"
            body="Charts fill in as videos render, cost money and get watched, downloaded and shared. Make a video with the free local studio to see the first numbers."
            action={<Link href="/create" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white shadow-sm hover:brightness-110">Create a video</Link>}
          />
        </div>
      ) : (
        <div className="mt-6 space-y-6">
          <div className="grid gap-6 *:min-w-0 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <h2 className="text-base font-semibold">Daily spend by provider</h2>
              <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{formatCents(k.spendCents)} in the last {r.range.days} days</p>
              {k.spendCents === 0 ? <Blank text="No provider charges in this period: everything rendered in the free local studio." /> : <SpendChart days={r.spendByDay} providers={spendProviders} />}
            </Card>
            <Card>
              <h2 className="mb-4 text-base font-semibold">Spend by provider</h2>
              {r.spendByProvider.length === 0 ? (
                <Blank text="No charges yet." />
              ) : (
                <ul className="space-y-3">
                  {r.spendByProvider.map((s) => (
                    <li key={s.provider}>
                      <div className="mb-1 flex justify-between text-sm">
                        <span className="flex items-center gap-2"><span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: providerColor(s.provider) }} />{providerName(s.provider)}</span>
                        <span className="font-medium tabular-nums">{formatCents(s.cents)}</span>
                      </div>
                      <div className="h-1.5 rounded-full bg-slate-100 dark:bg-slate-800">
                        <div className="h-full rounded-full" style={{ width: `${(s.cents / k.spendCents) * 100}%`, background: providerColor(s.provider) }} />
                      </div>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>

          <div className="grid gap-6 *:min-w-0 lg:grid-cols-2">
            <Card>
              <h2 className="text-base font-semibold">Success rate by provider</h2>
              <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Succeeded ÷ (succeeded + failed + timed out) attempts</p>
              {r.providers.some((p) => p.successRate != null) ? <SuccessChart rows={r.providers} /> : <Blank text="No finished provider attempts yet." />}
            </Card>
            <Card>
              <h2 className="text-base font-semibold">Time to result</h2>
              <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">From submit to a finished video, successful attempts</p>
              {r.providers.length === 0 ? (
                <Blank text="No provider attempts yet." />
              ) : (
                <div className="-mx-6 overflow-x-auto px-6">
                  <table className="w-full min-w-[420px] text-left text-sm">
                    <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                      <tr>
                        <th scope="col" className="py-2 pr-3 font-medium">Provider</th>
                        <th scope="col" className="py-2 pr-3 text-right font-medium">Attempts</th>
                        <th scope="col" className="py-2 pr-3 text-right font-medium">p50</th>
                        <th scope="col" className="py-2 pr-3 text-right font-medium">p95</th>
                        <th scope="col" className="py-2 text-right font-medium">Avg cost</th>
                      </tr>
                    </thead>
                    <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                      {r.providers.map((p) => (
                        <tr key={p.provider}>
                          <td className="py-2.5 pr-3"><span className="flex items-center gap-2"><span aria-hidden className="h-2.5 w-2.5 rounded-full" style={{ background: providerColor(p.provider) }} />{providerName(p.provider)}</span></td>
                          <td className="py-2.5 pr-3 text-right tabular-nums">{p.attempts}</td>
                          <td className="py-2.5 pr-3 text-right tabular-nums">{formatMs(p.p50Ms)}</td>
                          <td className="py-2.5 pr-3 text-right tabular-nums">{formatMs(p.p95Ms)}</td>
                          <td className="py-2.5 text-right tabular-nums">{p.avgCostCents == null ? "—" : formatCents(p.avgCostCents)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </Card>
          </div>

          <div className="grid gap-6 *:min-w-0 lg:grid-cols-3">
            <Card className="lg:col-span-2">
              <h2 className="mb-4 text-base font-semibold">Videos per day</h2>
              {k.videos === 0 ? <Blank text="No videos created in this period." /> : <OutcomesChart days={r.successByDay} />}
            </Card>
            <Card>
              <h2 className="mb-4 text-base font-semibold">Videos by status</h2>
              {r.videosByStatus.length === 0 ? (
                <Blank text="No videos yet." />
              ) : (
                <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                  {r.videosByStatus.map((s) => (
                    <li key={s.status} className="flex items-center justify-between py-2.5 text-sm">
                      <Badge tone={s.status === "completed" ? "green" : s.status === "failed" || s.status === "timeout" ? "red" : s.status === "cancelled" ? "slate" : "brand"}>{s.status}</Badge>
                      <span className="font-medium tabular-nums">{s.count}</span>
                    </li>
                  ))}
                </ul>
              )}
            </Card>
          </div>

          <div className="grid gap-6 *:min-w-0 lg:grid-cols-3">
            <Card>
              <h2 className="mb-4 text-base font-semibold">Engagement</h2>
              <dl className="grid grid-cols-2 gap-3">
                {([["Views", r.engagement.views], ["Share-page views", r.engagement.shareViews], ["Downloads", r.engagement.downloads], ["Shares", r.engagement.shares]] as const).map(([label, n]) => (
                  <div key={label} className="rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200/60 dark:bg-slate-950/50 dark:ring-slate-800">
                    <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
                    <dd className="mt-1 text-xl font-semibold tabular-nums">{n}</dd>
                  </div>
                ))}
              </dl>
            </Card>
            <Card className="lg:col-span-2">
              <h2 className="mb-4 text-base font-semibold">Top videos by views</h2>
              {r.topVideos.length === 0 ? (
                <Blank text="No views yet. Share a video to start counting." />
              ) : (
                <ol className="divide-y divide-slate-100 dark:divide-slate-800">
                  {r.topVideos.map((v, i) => (
                    <li key={v.id} className="flex items-center gap-3 py-2.5">
                      <span className="w-5 text-sm font-semibold text-slate-600 dark:text-slate-400">{i + 1}</span>
                      <Link href={`/videos/${v.id}`} className="min-w-0 flex-1 truncate text-sm font-medium hover:underline">{v.title}</Link>
                      <span className="hidden text-xs text-slate-600 sm:inline dark:text-slate-400">{v.downloads} downloads · {v.shares} shares</span>
                      <span className="w-20 text-right text-sm font-semibold tabular-nums">{v.views} views</span>
                    </li>
                  ))}
                </ol>
              )}
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}

function Kpi({ label, value, hint, className }: { label: string; value: string; hint?: string; className?: string }) {
  return (
    <Card className={cx("p-5", className)}>
      <p className="text-sm text-slate-600 dark:text-slate-400">{label}</p>
      <p className="mt-2 text-2xl font-semibold tracking-tight tabular-nums">{value}</p>
      {hint ? <p className="mt-1 text-xs leading-snug text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </Card>
  );
}

function Blank({ text }: { text: string }) {
  return <p className="flex min-h-32 items-center justify-center rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{text}</p>;
}
