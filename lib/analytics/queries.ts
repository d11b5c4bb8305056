/**
 * Workspace analytics straight from PostgreSQL. Every query filters by workspace_id and takes
 * its values as bind parameters. Days are calendar days in the workspace's time zone.
 *
 * Definitions (shared with lib/providers/performance.ts):
 * - success rate = succeeded / (succeeded + failed + timeout); skipped/cancelled/running don't count
 *   (lib/analytics/success.ts, the one function the overview, KPIs and provider rows call).
 * - p50/p95 time to result: percentile_cont (linear interpolation) over finished_at − started_at of
 *   succeeded attempts, in ms. (The pure twin uses nearest rank; both agree on odd-sized medians.)
 * - spend = `charge` rows of cost_ledger (what providers actually cost; held reservations are not spend).
 * - views = `view` + `share_view` events (plays in the app and on public share pages; views by the
 *   workspace's own signed-in members are not recorded, lib/analytics/member-views.ts).
 * - ROI = the platforms' own numbers (lib/analytics/roi.ts): cost per 1,000 views and per engagement.
 */
import type { ProviderPerformance } from "@/lib/providers/performance";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { periodStarts } from "@/lib/budget/periods";
import { successRate } from "./success";
import { roiForWorkspace, workspaceViewsByDay, type RoiBreakdown } from "./roi";

const DAY_MS = 86_400_000;

/** The same figures as the pure computeProviderPerformance, for any provider name found in the data. */
export type ProviderPerformanceRow = Omit<ProviderPerformance, "provider"> & { provider: string };

export interface AnalyticsWindow {
  workspaceId: string;
  since: Date;
  timezone: string;
}

type Row = Record<string, unknown>;
async function rows<T extends Row>(q: ReturnType<typeof sql>): Promise<T[]> {
  return (await getDb().execute(q)) as unknown as T[];
}
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const iso = (d: Date) => d.toISOString();

export async function providerPerformance(w: AnalyticsWindow): Promise<ProviderPerformanceRow[]> {
  const ok = sql`outcome = 'succeeded' and finished_at is not null and finished_at >= started_at`;
  const ms = sql`(extract(epoch from (finished_at - started_at)) * 1000)::float8`;
  const r = await rows<Row>(sql`
    select provider,
      count(*)::int as attempts,
      count(*) filter (where outcome = 'succeeded')::int as succeeded,
      count(*) filter (where outcome = 'failed')::int as failed,
      count(*) filter (where outcome = 'timeout')::int as timed_out,
      count(*) filter (where outcome = 'skipped')::int as skipped,
      count(*) filter (where outcome = 'cancelled')::int as cancelled,
      percentile_cont(0.5) within group (order by ${ms}) filter (where ${ok}) as p50_ms,
      percentile_cont(0.95) within group (order by ${ms}) filter (where ${ok}) as p95_ms,
      coalesce(sum(cost_cents), 0)::int as total_cost_cents,
      coalesce(sum(cost_cents) filter (where outcome = 'succeeded'), 0)::int as success_cost_cents
    from generation_attempts
    where workspace_id = ${w.workspaceId} and started_at >= ${iso(w.since)}::timestamptz
    group by provider
    order by provider`);
  return r.map((x) => {
    const succeeded = Number(x.succeeded), failed = Number(x.failed), timedOut = Number(x.timed_out);
    const p50 = num(x.p50_ms), p95 = num(x.p95_ms);
    return {
      provider: String(x.provider),
      attempts: Number(x.attempts),
      succeeded,
      failed,
      timedOut,
      skipped: Number(x.skipped),
      cancelled: Number(x.cancelled),
      successRate: successRate({ succeeded, failed, timedOut }),
      p50Ms: p50 == null ? null : Math.round(p50),
      p95Ms: p95 == null ? null : Math.round(p95),
      avgCostCents: succeeded ? Math.round(Number(x.success_cost_cents) / succeeded) : null,
      totalCostCents: Number(x.total_cost_cents),
    };
  });
}

export async function spendByDayAndProvider(w: AnalyticsWindow): Promise<{ day: string; provider: string; cents: number }[]> {
  const r = await rows<Row>(sql`
    select to_char(accrued_at at time zone ${w.timezone}, 'YYYY-MM-DD') as day,
      coalesce(provider, 'other') as provider,
      sum(amount_cents)::int as cents
    from cost_ledger
    where workspace_id = ${w.workspaceId} and kind = 'charge' and accrued_at >= ${iso(w.since)}::timestamptz
    group by 1, 2
    order by 1, 2`);
  return r.map((x) => ({ day: String(x.day), provider: String(x.provider), cents: Number(x.cents) }));
}

export async function videosByStatus(w: AnalyticsWindow): Promise<{ status: string; count: number }[]> {
  const r = await rows<Row>(sql`
    select status, count(*)::int as count
    from video_generations
    where workspace_id = ${w.workspaceId} and created_at >= ${iso(w.since)}::timestamptz
    group by status
    order by count desc, status`);
  return r.map((x) => ({ status: String(x.status), count: Number(x.count) }));
}

export async function videoOutcomesByDay(w: AnalyticsWindow): Promise<{ day: string; total: number; completed: number; failed: number }[]> {
  const r = await rows<Row>(sql`
    select to_char(created_at at time zone ${w.timezone}, 'YYYY-MM-DD') as day,
      count(*)::int as total,
      count(*) filter (where status = 'completed')::int as completed,
      count(*) filter (where status in ('failed', 'timeout'))::int as failed
    from video_generations
    where workspace_id = ${w.workspaceId} and created_at >= ${iso(w.since)}::timestamptz
    group by 1
    order by 1`);
  return r.map((x) => ({ day: String(x.day), total: Number(x.total), completed: Number(x.completed), failed: Number(x.failed) }));
}

export interface EngagementCounts {
  views: number;
  downloads: number;
  shares: number;
  shareViews: number;
}

export async function engagementByDay(w: AnalyticsWindow): Promise<({ day: string } & EngagementCounts)[]> {
  const r = await rows<Row>(sql`
    select to_char(created_at at time zone ${w.timezone}, 'YYYY-MM-DD') as day,
      count(*) filter (where type = 'view')::int as views,
      count(*) filter (where type = 'download')::int as downloads,
      count(*) filter (where type = 'share')::int as shares,
      count(*) filter (where type = 'share_view')::int as share_views
    from video_analytics_events
    where workspace_id = ${w.workspaceId} and created_at >= ${iso(w.since)}::timestamptz
      and type in ('view', 'download', 'share', 'share_view')
    group by 1
    order by 1`);
  return r.map((x) => ({ day: String(x.day), views: Number(x.views), downloads: Number(x.downloads), shares: Number(x.shares), shareViews: Number(x.share_views) }));
}

export interface TopVideo {
  id: string;
  title: string;
  status: string;
  provider: string | null;
  costCents: number | null;
  views: number;
  downloads: number;
  shares: number;
}

export async function topVideosByViews(w: AnalyticsWindow, limit = 5): Promise<TopVideo[]> {
  const r = await rows<Row>(sql`
    select v.id, v.script_title, v.status, v.provider, v.cost_cents,
      count(*) filter (where e.type in ('view', 'share_view'))::int as views,
      count(*) filter (where e.type = 'download')::int as downloads,
      count(*) filter (where e.type = 'share')::int as shares
    from video_analytics_events e
    join video_generations v on v.id = e.video_id and v.workspace_id = e.workspace_id
    where e.workspace_id = ${w.workspaceId} and e.created_at >= ${iso(w.since)}::timestamptz
      and v.deleted_at is null and e.type in ('view', 'share_view', 'download', 'share')
    group by v.id, v.script_title, v.status, v.provider, v.cost_cents
    having count(*) filter (where e.type in ('view', 'share_view')) > 0
    order by views desc, downloads desc, v.script_title
    limit ${limit}`);
  return r.map((x) => ({
    id: String(x.id),
    title: String(x.script_title),
    status: String(x.status),
    provider: x.provider == null ? null : String(x.provider),
    costCents: num(x.cost_cents),
    views: Number(x.views),
    downloads: Number(x.downloads),
    shares: Number(x.shares),
  }));
}

// ---------------------------------------------------------------------------------------------
// The report the page and GET /api/v1/analytics serve.

export interface AnalyticsReport {
  range: { days: number; since: string; until: string; timezone: string; dayKeys: string[] };
  kpis: {
    videos: number;
    completed: number;
    failed: number;
    /** completed / (completed + failed + timeout) of the window's videos. */
    successRate: number | null;
    spendCents: number;
    costPerCompletedVideoCents: number | null;
    /** (view + share_view) per dollar of spend; null without spend. */
    viewsPerDollar: number | null;
    /** all engagement events per dollar of spend; null without spend. */
    engagementPerDollar: number | null;
  };
  providers: ProviderPerformanceRow[];
  spendByProvider: { provider: string; cents: number }[];
  spendByDay: { day: string; totalCents: number; byProvider: Record<string, number> }[];
  videosByStatus: { status: string; count: number }[];
  successByDay: { day: string; total: number; completed: number; failed: number; rate: number | null }[];
  engagement: EngagementCounts & { total: number };
  engagementByDay: ({ day: string } & EngagementCounts)[];
  topVideos: TopVideo[];
  /** Cost per 1,000 platform views and per engagement, by provider, template, source, topic, campaign, platform. */
  roi: RoiBreakdown;
  /** Spend (cost ledger) against views gained on the platforms, per local day. */
  spendVsViews: { day: string; spendCents: number; views: number }[];
}

/** The last `days` calendar days (today included) in the zone, oldest first, and when the first began. */
export function windowDays(days: number, timezone: string, now = new Date()): { since: Date; dayKeys: string[] } {
  const { dayStart, dayKey } = periodStarts(now, timezone);
  const [y, m, d] = dayKey.split("-").map(Number);
  const dayKeys: string[] = [];
  for (let i = days - 1; i >= 0; i--) dayKeys.push(new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10));
  // The first day's midnight in the zone (an hour off across a DST change only widens the window).
  return { since: new Date(dayStart.getTime() - (days - 1) * DAY_MS), dayKeys };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export async function analyticsReport(workspaceId: string, opts: { days: number; timezone: string; now?: Date }): Promise<AnalyticsReport> {
  const now = opts.now ?? new Date();
  const { since, dayKeys } = windowDays(opts.days, opts.timezone, now);
  const w: AnalyticsWindow = { workspaceId, since, timezone: opts.timezone };
  // One after another: the embedded PGlite server interleaves concurrent extended-protocol
  // messages from pooled connections, and these are cheap indexed scans anyway.
  const providers = await providerPerformance(w);
  const spend = await spendByDayAndProvider(w);
  const statuses = await videosByStatus(w);
  const outcomes = await videoOutcomesByDay(w);
  const engagement = await engagementByDay(w);
  const top = await topVideosByViews(w);
  const roi = await roiForWorkspace(workspaceId, since);
  const platformViews = await workspaceViewsByDay(workspaceId, since, opts.timezone);

  const spendByDay = dayKeys.map((day) => {
    const byProvider: Record<string, number> = {};
    for (const s of spend) if (s.day === day) byProvider[s.provider] = (byProvider[s.provider] ?? 0) + s.cents;
    return { day, totalCents: Object.values(byProvider).reduce((a, b) => a + b, 0), byProvider };
  });
  const perProvider = new Map<string, number>();
  for (const s of spend) perProvider.set(s.provider, (perProvider.get(s.provider) ?? 0) + s.cents);
  const spendByProvider = [...perProvider].map(([provider, cents]) => ({ provider, cents })).sort((a, b) => b.cents - a.cents || a.provider.localeCompare(b.provider));
  const spendCents = spendByProvider.reduce((a, b) => a + b.cents, 0);

  const count = (s: string) => statuses.find((x) => x.status === s)?.count ?? 0;
  const videos = statuses.reduce((a, b) => a + b.count, 0);
  const completed = count("completed");
  const failed = count("failed") + count("timeout");

  const eng = engagement.reduce(
    (a, e) => ({ views: a.views + e.views, downloads: a.downloads + e.downloads, shares: a.shares + e.shares, shareViews: a.shareViews + e.shareViews }),
    { views: 0, downloads: 0, shares: 0, shareViews: 0 },
  );
  const engTotal = eng.views + eng.downloads + eng.shares + eng.shareViews;

  return {
    range: { days: opts.days, since: since.toISOString(), until: now.toISOString(), timezone: opts.timezone, dayKeys },
    kpis: {
      videos,
      completed,
      failed,
      successRate: successRate({ succeeded: completed, failed: count("failed"), timedOut: count("timeout") }),
      spendCents,
      costPerCompletedVideoCents: completed ? Math.round(spendCents / completed) : null,
      viewsPerDollar: spendCents > 0 ? round2(((eng.views + eng.shareViews) * 100) / spendCents) : null,
      engagementPerDollar: spendCents > 0 ? round2((engTotal * 100) / spendCents) : null,
    },
    providers,
    spendByProvider,
    spendByDay,
    videosByStatus: statuses,
    successByDay: dayKeys.map((day) => {
      const o = outcomes.find((x) => x.day === day);
      const c = o?.completed ?? 0, f = o?.failed ?? 0;
      return { day, total: o?.total ?? 0, completed: c, failed: f, rate: successRate({ succeeded: c, failed: f }) };
    }),
    engagement: { ...eng, total: engTotal },
    engagementByDay: dayKeys.map((day) => engagement.find((e) => e.day === day) ?? { day, views: 0, downloads: 0, shares: 0, shareViews: 0 }),
    topVideos: top,
    roi,
    spendVsViews: spendByDay.map((d) => ({ day: d.day, spendCents: d.totalCents, views: platformViews.get(d.day) ?? 0 })),
  };
}

export const ANALYTICS_RANGES = [7, 30, 90] as const;
