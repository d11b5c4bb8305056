/**
 * ROI from the platforms' own numbers: cost per 1,000 views and per engagement, overall and by
 * platform. A video posted to several platforms splits its cost evenly across its posts
 * (largest remainder, so the parts add up to the cost exactly). Money stays integer cents.
 */
import { getDb } from "@/db/client";
import { latestMetricsWithCost } from "@/db/queries/publishing";
import type { SocialPlatform } from "@/db/schema";

export interface RoiRow {
  key: string;
  costCents: number;
  views: number;
  engagements: number;
  posts: number;
  /** null when there are no views yet (no division by zero, no fake zero). */
  costPer1kViewsCents: number | null;
  costPerEngagementCents: number | null;
}

export interface RoiInput {
  postId: string;
  videoId: string;
  platform: SocialPlatform;
  costCents: number | null;
  views: number | null;
  likes: number | null;
  comments: number | null;
  shares: number | null;
}

/** Splits `total` into `n` integer parts differing by at most 1. */
export function splitCents(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
}

export function computeRoi(rows: RoiInput[]): { total: RoiRow; byPlatform: RoiRow[] } {
  const byVideo = new Map<string, RoiInput[]>();
  for (const r of rows) byVideo.set(r.videoId, [...(byVideo.get(r.videoId) ?? []), r]);
  const acc = new Map<string, RoiRow>();
  const add = (key: string, cost: number, r: RoiInput) => {
    const a = acc.get(key) ?? { key, costCents: 0, views: 0, engagements: 0, posts: 0, costPer1kViewsCents: null, costPerEngagementCents: null };
    a.costCents += cost;
    a.views += r.views ?? 0;
    a.engagements += (r.likes ?? 0) + (r.comments ?? 0) + (r.shares ?? 0);
    a.posts += 1;
    acc.set(key, a);
  };
  for (const list of byVideo.values()) {
    const parts = splitCents(list[0].costCents ?? 0, list.length);
    list.sort((a, b) => a.postId.localeCompare(b.postId)).forEach((r, i) => {
      add("total", parts[i], r);
      add(r.platform, parts[i], r);
    });
  }
  const finish = (a: RoiRow): RoiRow => ({
    ...a,
    costPer1kViewsCents: a.views > 0 ? Math.round((a.costCents * 1000) / a.views) : null,
    costPerEngagementCents: a.engagements > 0 ? Math.round(a.costCents / a.engagements) : null,
  });
  const total = finish(acc.get("total") ?? { key: "total", costCents: 0, views: 0, engagements: 0, posts: 0, costPer1kViewsCents: null, costPerEngagementCents: null });
  const byPlatform = [...acc.values()].filter((a) => a.key !== "total").map(finish).sort((a, b) => a.key.localeCompare(b.key));
  return { total, byPlatform };
}

export async function workspaceRoi(workspaceId: string, since?: Date) {
  return computeRoi(await latestMetricsWithCost(getDb(), workspaceId, since));
}
