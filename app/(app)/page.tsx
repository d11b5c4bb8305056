import Link from "next/link";
import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { workspaceOverview } from "@/lib/overview";
import { Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { StatusBadge } from "@/components/videos/status";
import { formatCents, formatInTimeZone } from "@/lib/format";
import { formatRate } from "@/lib/analytics/success";
import { listAlerts } from "@/lib/analytics/alerts";

/** Budget alerts stay on the overview for a week unless acknowledged under Budgets. */
const ALERT_DAYS = 7;

export const metadata: Metadata = { title: "Overview" };

export default async function OverviewPage() {
  const ctx = await requirePageContext();
  const o = await workspaceOverview(ctx.workspace.id, ctx.workspace.timezone);
  const since = Date.now() - ALERT_DAYS * 24 * 3600_000;
  const alerts = (await listAlerts(ctx.workspace.id, 5)).filter((a) => !a.acknowledgedAt && Date.parse(a.createdAt) >= since).slice(0, 3);
  const first = ctx.user.name.split(" ")[0];
  return (
    <div>
      <PageHeader
        title={`Welcome, ${first}`}
        description={`${ctx.workspace.name} · ${ctx.workspace.plan} plan`}
        actions={<Link href="/create" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white shadow-sm hover:brightness-110">New video</Link>}
      />
      {alerts.length ? (
        <section aria-label="Budget alerts" className="mb-6 space-y-2">
          {alerts.map((a) => (
            <p key={a.id} role="status" className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-xl bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-100 dark:ring-amber-500/30">
              <span className="font-semibold">Budget alert:</span>
              <span>
                {a.period === "daily" ? "Today's" : "This month's"} spend reached {a.threshold} % of the {a.period} cap ({formatCents(a.spentCents)} of {formatCents(a.capCents)}).
              </span>
              <Link href="/settings/budgets" className="font-medium underline">Review budgets</Link>
            </p>
          ))}
        </section>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Videos this month" value={String(o.videosThisMonth)} />
        <Stat label="Completed" value={String(o.completed)} hint={o.successRate != null ? `${formatRate(o.successRate)} success` : o.total ? "None finished yet" : "No videos yet"} />
        <Stat label="Spent today" value={formatCents(o.spentTodayCents)} hint={o.dailyCapCents != null ? `of ${formatCents(o.dailyCapCents)} daily cap` : "No daily cap"} />
        <Stat label="Spent this month" value={formatCents(o.spentMonthCents)} hint={o.monthlyCapCents != null ? `of ${formatCents(o.monthlyCapCents)} monthly cap` : "No monthly cap"} />
      </div>
      {/* minmax(0,1fr): a long title must truncate, not widen the grid track past a 390 px screen. */}
      <div className="mt-8 grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-3">
        <Card className="min-w-0 p-4 sm:p-6 lg:col-span-2">
          <div className="mb-4 flex items-center justify-between">
            <h2 className="text-base font-semibold">Recent videos</h2>
            <Link href="/videos" className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">View all</Link>
          </div>
          {o.recent.length === 0 ? (
            <EmptyState
              title="No videos yet"
              body="Pick a presenter, write or generate a script, and the local studio renders a real MP4 — no API key needed."
              action={<Link href="/create" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white">Create your first video</Link>}
            />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {o.recent.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <Link href={`/videos/${v.id}`} className="block truncate text-sm font-medium hover:underline" title={v.title}>
                      {v.title}
                    </Link>
                    <p className="truncate text-xs text-slate-600 dark:text-slate-400">{formatInTimeZone(v.createdAt, ctx.workspace.timezone)}</p>
                  </div>
                  <span className="shrink-0">
                    <StatusBadge status={v.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card className="min-w-0">
          <h2 className="mb-4 text-base font-semibold">How it works</h2>
          <ol className="space-y-4 text-sm">
            {[
              ["Research", "Pull insights from Reddit, Hacker News, GitHub, Google Trends, RSS or your notes."],
              ["Script", "Extraction rules turn the top insights into a numbered, cited script."],
              ["Render", "Local studio or HeyGen, Kling, Pika, Runway — with failover and hard budgets."],
              ["Share", "Platform-optimised MP4s, signed share links, live status and analytics."],
            ].map(([t, b], i) => (
              <li key={t} className="flex gap-3">
                <span className="brand-gradient flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-bold text-white">{i + 1}</span>
                <span><span className="font-medium">{t}.</span> <span className="text-slate-600 dark:text-slate-400">{b}</span></span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card className="p-5">
      <p className="text-sm text-slate-600 dark:text-slate-400">{label}</p>
      <p className="mt-2 text-2xl font-semibold tracking-tight">{value}</p>
      {hint ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{hint}</p> : null}
    </Card>
  );
}
