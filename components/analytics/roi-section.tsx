"use client";
/**
 * Return on spend from the platforms' own numbers: cost per 1,000 views and per engagement,
 * broken down by a chosen dimension; spend vs views over time; best and worst performers; CSV.
 */
import dynamic from "next/dynamic";
import Link from "next/link";
import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { Card, cx, inputClass } from "@/components/ui/primitives";
import { formatCents } from "@/lib/format";
import { providerName } from "@/components/charts/theme";
import type { RoiBreakdown, RoiDimension, VideoPerformance } from "@/lib/analytics/roi";

const SpendViewsChart = dynamic(() => import("./spend-views-chart"), {
  ssr: false,
  loading: () => <div aria-hidden className="h-[260px] animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800/60" />,
});

const DIMENSION_LABEL: Record<RoiDimension, string> = {
  platform: "Platform", provider: "Provider", template: "Template", source: "Research source", topic: "Research topic", campaign: "Campaign",
};
const PLATFORM_LABEL: Record<string, string> = { tiktok: "TikTok", instagram: "Instagram", youtube: "YouTube" };
const money = (c: number | null) => (c == null ? "—" : formatCents(c));

export function RoiSection({ roi, spendVsViews, days }: { roi: RoiBreakdown; spendVsViews: { day: string; spendCents: number; views: number }[]; days: number }) {
  const [dim, setDim] = useState<RoiDimension>("platform");
  const [pull, setPull] = useState<{ busy: boolean; text: string; ok: boolean } | null>(null);
  const qc = useQueryClient();
  const rows = roi.by[dim];
  // The same pull the 6-hourly metrics job makes, for this workspace, now.
  async function refresh() {
    setPull({ busy: true, text: "Pulling numbers from the platforms…", ok: true });
    try {
      const res = await fetch("/api/v1/publishing/metrics", { method: "POST" });
      const j = (await res.json().catch(() => ({}))) as { samples?: number; errors?: string[]; error?: { message?: string } };
      if (!res.ok) throw new Error(j.error?.message ?? `Could not pull the numbers (HTTP ${res.status}).`);
      await qc.invalidateQueries({ queryKey: ["analytics"] });
      const errs = j.errors ?? [];
      setPull({ busy: false, ok: errs.length === 0, text: `Updated ${j.samples ?? 0} post${j.samples === 1 ? "" : "s"}.${errs.length ? ` ${errs.join(" ")}` : ""}` });
    } catch (e) {
      setPull({ busy: false, ok: false, text: (e as Error).message });
    }
  }
  return (
    <section aria-labelledby="roi-heading" className="mt-6 space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="roi-heading" className="text-lg font-semibold">Return on spend</h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">From the views, likes, comments and shares TikTok, Instagram and YouTube report for your posts</p>
        </div>
        <div className="flex items-center gap-2">
        {pull && !pull.busy ? <span role={pull.ok ? "status" : "alert"} className={cx("text-sm", pull.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400")}>{pull.text}</span> : null}
        <button type="button" onClick={() => void refresh()} disabled={pull?.busy} className="rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 disabled:opacity-50 dark:ring-slate-700 dark:hover:bg-slate-800">
          {pull?.busy ? "Refreshing…" : "Refresh platform numbers"}
        </button>
        <a href={`/api/v1/analytics/export?days=${days}`} download className="rounded-lg px-3 py-2 text-sm font-medium ring-1 ring-slate-300 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800">Export CSV</a>
        </div>
      </div>
      <div className="grid grid-cols-2 gap-4 *:min-w-0 lg:grid-cols-4">
        <Stat label="Cost per 1,000 views" value={money(roi.total.costPer1kViewsCents)} testId="roi-cpm" hint={roi.total.posts ? `${roi.total.views.toLocaleString("en-US")} views on ${roi.total.posts} posts` : "Publish a video to see it"} />
        <Stat label="Cost per engagement" value={money(roi.total.costPerEngagementCents)} hint={`${roi.total.engagements.toLocaleString("en-US")} likes, comments, shares`} />
        <Stat label="Spend on posted videos" value={formatCents(roi.total.costCents)} hint="Split evenly across each video's posts" />
        <Stat label="Platform views" value={roi.total.views.toLocaleString("en-US")} hint="Latest numbers pulled" />
      </div>
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-2">
        <Card>
          <div className="mb-4 flex items-center justify-between gap-3">
            <h3 className="text-base font-semibold">Cost per result by</h3>
            <label htmlFor="roi-dimension" className="sr-only">Break down by</label>
            <select id="roi-dimension" value={dim} onChange={(e) => setDim(e.target.value as RoiDimension)} className={cx(inputClass, "w-48")}>
              {(Object.keys(DIMENSION_LABEL) as RoiDimension[]).map((d) => <option key={d} value={d}>{DIMENSION_LABEL[d]}</option>)}
            </select>
          </div>
          {rows.length === 0 ? (
            <Empty text="No published posts in this period." />
          ) : (
            <div className="-mx-6 overflow-x-auto px-6">
              <table className="w-full min-w-[460px] text-left text-sm" aria-label={`Cost per result by ${DIMENSION_LABEL[dim].toLowerCase()}`}>
                <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-400">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">{DIMENSION_LABEL[dim]}</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Spend</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Views</th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">Per 1k views</th>
                    <th scope="col" className="py-2 text-right font-medium">Per engagement</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                  {rows.map((g) => (
                    <tr key={g.key}>
                      <td className="max-w-48 truncate py-2.5 pr-3">{dim === "platform" ? (PLATFORM_LABEL[g.key] ?? g.key) : dim === "provider" && g.key !== "(none)" ? providerName(g.key) : g.key}</td>
                      <td className="py-2.5 pr-3 text-right tabular-nums">{formatCents(g.costCents)}</td>
                      <td className="py-2.5 pr-3 text-right tabular-nums">{g.views.toLocaleString("en-US")}</td>
                      <td className="py-2.5 pr-3 text-right tabular-nums">{money(g.costPer1kViewsCents)}</td>
                      <td className="py-2.5 text-right tabular-nums">{money(g.costPerEngagementCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        <Card>
          <h3 className="mb-4 text-base font-semibold">Spend vs views</h3>
          {spendVsViews.every((d) => d.spendCents === 0 && d.views === 0) ? <Empty text="No spend or platform views in this period." /> : <SpendViewsChart days={spendVsViews} />}
        </Card>
      </div>
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-2">
        <Performers title="Best performers" subtitle="Lowest cost per 1,000 views" list={roi.best} />
        <Performers title="Worst performers" subtitle="Highest cost per 1,000 views, or spend with no views" list={roi.worst} />
      </div>
    </section>
  );
}

function Performers({ title, subtitle, list }: { title: string; subtitle: string; list: VideoPerformance[] }) {
  return (
    <Card>
      <h3 className="text-base font-semibold">{title}</h3>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">{subtitle}</p>
      {list.length === 0 ? (
        <Empty text="Not enough published videos yet." />
      ) : (
        <ol className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={title}>
          {list.map((v) => (
            <li key={v.videoId} className="flex items-center gap-3 py-2.5 text-sm">
              <Link href={`/videos/${v.videoId}`} className="min-w-0 flex-1 truncate font-medium hover:underline">{v.title}</Link>
              <span className="hidden text-xs text-slate-600 sm:inline dark:text-slate-400">{v.platforms.map((p) => PLATFORM_LABEL[p] ?? p).join(", ")} · {v.views.toLocaleString("en-US")} views</span>
              <span className="w-28 text-right font-semibold tabular-nums">{v.costPer1kViewsCents == null ? "no views" : `${formatCents(v.costPer1kViewsCents)} / 1k`}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function Stat({ label, value, hint, testId }: { label: string; value: string; hint?: string; testId?: string }) {
  return (
    <Card className="p-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">{label}</p>
      <p className="mt-2 text-2xl font-semibold tracking-tight tabular-nums" data-testid={testId}>{value}</p>
      {hint ? <p className="mt-1 text-xs leading-snug text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </Card>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="flex min-h-32 items-center justify-center rounded-xl border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{text}</p>;
}
