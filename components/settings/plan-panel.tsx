import Link from "next/link";
import { Badge, Card } from "@/components/ui/primitives";
import { formatCents } from "@/lib/format";
import type { PlanOverview } from "@/lib/settings/plan";
import { SectionTitle } from "./ui";

function Meter({ label, used, cap }: { label: string; used: number; cap: number | null }) {
  const pct = cap ? Math.min(100, Math.round((used / cap) * 100)) : 0;
  return (
    <div>
      <div className="flex items-baseline justify-between gap-3 text-sm">
        <span className="font-medium text-slate-700 dark:text-slate-200">{label}</span>
        <span className="tabular-nums text-slate-600 dark:text-slate-300">
          {formatCents(used)} {cap == null ? "· no cap" : `of ${formatCents(cap)}`}
        </span>
      </div>
      {cap != null ? (
        <div className="mt-1.5 h-2 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" role="meter" aria-label={`${label}: ${pct} % of the cap`} aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
          <div className={`h-full rounded-full ${pct >= 90 ? "bg-red-500" : pct >= 75 ? "bg-amber-500" : "bg-brand-500"}`} style={{ width: `${pct}%` }} />
        </div>
      ) : null}
    </div>
  );
}

/** Settings → Plan: the tier, what each tier unlocks, usage against the caps. No checkout: see the operator note. */
export function PlanPanel({ overview, isOwner }: { overview: PlanOverview; isOwner: boolean }) {
  const current = overview.tiers.find((t) => t.current)!;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 *:min-w-0 lg:grid-cols-5">
        <Card className="lg:col-span-3">
          <SectionTitle title={`You are on the ${current.label} plan`} description={current.summary} />
          <ul className="grid gap-2 text-sm text-slate-700 dark:text-slate-300">
            {overview.everyPlan.map((f) => (
              <li key={f} className="flex gap-2"><span aria-hidden="true" className="text-emerald-600 dark:text-emerald-400">✓</span>{f}</li>
            ))}
          </ul>
        </Card>
        <Card className="lg:col-span-2">
          <SectionTitle title="Usage" description="This workspace's spend against the caps you set under Budgets." />
          <div className="space-y-4">
            <Meter label="Today" used={overview.usage.spentTodayCents} cap={overview.usage.dailyCapCents} />
            <Meter label="This month" used={overview.usage.spentMonthCents} cap={overview.usage.monthlyCapCents} />
            <p className="text-sm text-slate-600 dark:text-slate-300">
              {overview.usage.videosThisMonth} video{overview.usage.videosThisMonth === 1 ? "" : "s"} this month
              {overview.usage.perVideoCapCents != null ? ` · at most ${formatCents(overview.usage.perVideoCapCents)} each` : ""}.{" "}
              <Link href="/settings/budgets" className="font-medium text-brand-700 hover:underline dark:text-brand-300">Change caps</Link>
            </p>
          </div>
        </Card>
      </div>

      <section aria-labelledby="tiers-title">
        <h2 id="tiers-title" className="mb-3 text-base font-semibold">What each plan unlocks</h2>
        <div className="grid gap-4 md:grid-cols-3">
          {overview.tiers.map((t) => (
            <Card key={t.id} className={t.current ? "ring-2 ring-brand-500" : undefined}>
              <div className="flex items-center justify-between gap-2">
                <h3 className="text-lg font-semibold">{t.label}</h3>
                {t.current ? <Badge tone="brand">Current plan</Badge> : t.included ? <Badge tone="green">Included</Badge> : null}
              </div>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{t.summary}</p>
              <p className="mt-3 text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">Presenters</p>
              <p className="mt-1 text-sm">{t.presenters.length ? t.presenters.join(", ") : "—"}</p>
            </Card>
          ))}
        </div>
      </section>

      <Card>
        <SectionTitle title="Changing plans" />
        <div className="space-y-3 text-sm text-slate-600 dark:text-slate-300">
          <p>
            There is no online checkout in this studio. {isOwner ? "Ask" : "Ask your workspace owner to ask"} whoever runs it to change the plan; it applies at once, with no
            restart. The operator runs, with the plan wanted (free, pro or enterprise):
          </p>
          <pre className="overflow-x-auto whitespace-pre-wrap break-all rounded-xl bg-slate-950 p-3 font-mono text-xs text-slate-100 ring-1 ring-slate-800">{overview.changeCommand}</pre>
        </div>
      </Card>
    </div>
  );
}
