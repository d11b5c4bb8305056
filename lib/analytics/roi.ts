/**
 * ROI from the platforms' own numbers, broken down by provider, template, research source,
 * research topic, campaign and platform; spend vs views per day; best and worst performers;
 * CSV export. A video posted to several platforms splits its cost evenly across its posts
 * (largest remainder: the parts add up to the cost exactly). Money stays integer cents.
 */
import { getDb } from "@/db/client";
import { roiFacts, viewSamplesSince } from "@/db/queries/publishing";
import type { SocialPlatform } from "@/db/schema";
import { splitCents, type RoiRow } from "@/lib/publishing/roi";

export interface RoiFact {
  postId: string;
  videoId: string;
  platform: SocialPlatform;
  title: string;
  costCents: number | null;
  provider: string | null;
  template: string | null;
  campaign: string | null;
  source: string | null;
  topic: string | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

/** One row of a breakdown: the same shape as the publishing ROI rows (lib/publishing/roi). */
export type RoiGroup = RoiRow;

export const ROI_DIMENSIONS = ["platform", "provider", "template", "source", "topic", "campaign"] as const;
export type RoiDimension = (typeof ROI_DIMENSIONS)[number];
/** Shown (and exported) for a video without that attribute, e.g. made without a template. */
export const NONE = "(none)";

export interface VideoPerformance {
  videoId: string;
  title: string;
  costCents: number;
  views: number;
  engagements: number;
  platforms: SocialPlatform[];
  costPer1kViewsCents: number | null;
}

export interface RoiBreakdown {
  total: RoiGroup;
  by: Record<RoiDimension, RoiGroup[]>;
  /** Videos with views, cheapest per 1,000 views first (at most 5). */
  best: VideoPerformance[];
  /** Videos with the highest cost per 1,000 views; videos with cost and no views at all come first. */
  worst: VideoPerformance[];
}

const engagementOf = (f: RoiFact) => (f.likes ?? 0) + (f.comments ?? 0) + (f.shares ?? 0);
const per1k = (cost: number, views: number) => (views > 0 ? Math.round((cost * 1000) / views) : null);

function finish(g: Omit<RoiGroup, "costPer1kViewsCents" | "costPerEngagementCents">): RoiGroup {
  return { ...g, costPer1kViewsCents: per1k(g.costCents, g.views), costPerEngagementCents: g.engagements > 0 ? Math.round(g.costCents / g.engagements) : null };
}

export function computeRoiBreakdown(facts: RoiFact[], limit = 5): RoiBreakdown {
  const byVideo = new Map<string, RoiFact[]>();
  for (const f of facts) byVideo.set(f.videoId, [...(byVideo.get(f.videoId) ?? []), f]);
  const acc = new Map<string, Omit<RoiGroup, "costPer1kViewsCents" | "costPerEngagementCents">>();
  const add = (key: string, cost: number, f: RoiFact) => {
    const a = acc.get(key) ?? { key, costCents: 0, views: 0, engagements: 0, posts: 0 };
    a.costCents += cost;
    a.views += f.views ?? 0;
    a.engagements += engagementOf(f);
    a.posts += 1;
    acc.set(key, a);
  };
  const videos: VideoPerformance[] = [];
  for (const list of byVideo.values()) {
    list.sort((a, b) => a.postId.localeCompare(b.postId));
    const cost = list[0].costCents ?? 0;
    const parts = splitCents(cost, list.length);
    list.forEach((f, i) => {
      add("total", parts[i], f);
      for (const d of ROI_DIMENSIONS) add(`${d}\u0000${f[d] || NONE}`, parts[i], f);
    });
    const views = list.reduce((a, f) => a + (f.views ?? 0), 0);
    videos.push({
      videoId: list[0].videoId, title: list[0].title, costCents: cost, views, engagements: list.reduce((a, f) => a + engagementOf(f), 0),
      platforms: [...new Set(list.map((f) => f.platform))].sort(), costPer1kViewsCents: per1k(cost, views),
    });
  }
  const by = Object.fromEntries(ROI_DIMENSIONS.map((d) => [d, [] as RoiGroup[]])) as Record<RoiDimension, RoiGroup[]>;
  for (const [k, g] of acc) {
    if (k === "total") continue;
    const [d, key] = k.split("\u0000") as [RoiDimension, string];
    by[d].push(finish({ ...g, key }));
  }
  for (const d of ROI_DIMENSIONS) by[d].sort((a, b) => b.views - a.views || a.key.localeCompare(b.key));
  const withViews = videos.filter((v) => v.costPer1kViewsCents != null);
  const best = [...withViews].sort((a, b) => a.costPer1kViewsCents! - b.costPer1kViewsCents! || b.views - a.views).slice(0, limit);
  // Worst: money spent and nobody watched beats any finite cost per view.
  const noViews = videos.filter((v) => v.views === 0 && v.costCents > 0).sort((a, b) => b.costCents - a.costCents);
  const bestIds = new Set(best.map((v) => v.videoId));
  const worst = [...noViews, ...[...withViews].sort((a, b) => b.costPer1kViewsCents! - a.costPer1kViewsCents! || a.views - b.views)]
    .filter((v) => !bestIds.has(v.videoId))
    .slice(0, limit);
  return { total: finish(acc.get("total") ?? { key: "total", costCents: 0, views: 0, engagements: 0, posts: 0 }), by, best, worst };
}

/**
 * Views gained per local day: per post, the last sample of each day minus the last one before
 * it (baseline = the post's last sample before the window). Platform counters only grow; a
 * smaller number (the platform corrected itself) counts as no gain, not a negative one.
 */
export function viewsByDay(
  samples: Array<{ postId: string; views: number; capturedAt: Date }>,
  baseline: Array<{ postId: string; views: number }>,
  dayKeyOf: (d: Date) => string,
): Map<string, number> {
  const last = new Map(baseline.map((b) => [b.postId, b.views]));
  const out = new Map<string, number>();
  const sorted = [...samples].sort((a, b) => a.postId.localeCompare(b.postId) || a.capturedAt.getTime() - b.capturedAt.getTime());
  for (const s of sorted) {
    const prev = last.get(s.postId) ?? 0;
    const gain = Math.max(0, s.views - prev);
    last.set(s.postId, Math.max(prev, s.views));
    if (gain) out.set(dayKeyOf(s.capturedAt), (out.get(dayKeyOf(s.capturedAt)) ?? 0) + gain);
  }
  return out;
}

export function dayKeyIn(timezone: string): (d: Date) => string {
  const f = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
  return (d) => f.format(d);
}

export async function roiForWorkspace(workspaceId: string, since?: Date): Promise<RoiBreakdown> {
  const rows = await roiFacts(getDb(), workspaceId, since);
  return computeRoiBreakdown(rows.map((r) => ({ ...r, views: r.views == null ? null : Number(r.views), likes: r.likes == null ? null : Number(r.likes), comments: r.comments == null ? null : Number(r.comments), shares: r.shares == null ? null : Number(r.shares) })));
}

export async function workspaceViewsByDay(workspaceId: string, since: Date, timezone: string): Promise<Map<string, number>> {
  const { samples, baseline } = await viewSamplesSince(getDb(), workspaceId, since);
  return viewsByDay(samples.map((s) => ({ ...s, views: Number(s.views) })), baseline.map((b) => ({ ...b, views: Number(b.views) })), dayKeyIn(timezone));
}

// ---------------------------------------------------------------------------------------------
// CSV

/** A CSV cell: quoted when needed, and a leading = + - @ neutralised so a spreadsheet never runs it as a formula. */
export function csvCell(v: string | number | null): string {
  if (v == null) return "";
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const dollars = (c: number | null) => (c == null ? null : (c / 100).toFixed(2));

export function roiCsv(r: RoiBreakdown): string {
  const lines = [["dimension", "key", "posts", "cost_usd", "views", "engagements", "cost_per_1000_views_usd", "cost_per_engagement_usd"].join(",")];
  const row = (d: string, g: RoiGroup) =>
    [d, g.key, g.posts, dollars(g.costCents), g.views, g.engagements, dollars(g.costPer1kViewsCents), dollars(g.costPerEngagementCents)].map(csvCell).join(",");
  lines.push(row("total", r.total));
  for (const d of ROI_DIMENSIONS) for (const g of r.by[d]) lines.push(row(d, g));
  return `${lines.join("\r\n")}\r\n`;
}
