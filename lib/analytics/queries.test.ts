import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, gte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, budgetAlerts, costLedger, generationAttempts, videoAnalyticsEvents, videoGenerations, type VideoStatus } from "@/db/schema";
import { signUp } from "@/lib/auth/signup";
import { computeProviderPerformance } from "@/lib/providers/performance";
import type { ProviderId } from "@/lib/providers/types";
import { periodStarts } from "@/lib/budget/periods";
import { analyticsReport, providerPerformance, windowDays } from "./queries";
import { listAlerts } from "./alerts";

const H = 3_600_000;
const D = 24 * H;
const email = (t: string) => `${t}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;

async function workspace(tag: string): Promise<string> {
  const r = await signUp({ name: `Analyst ${tag}`, email: email(tag), password: "analytics-pass-1" });
  if (!r.ok) throw new Error("sign up failed");
  return r.workspaceId;
}

let avatarId: string;
/** Noon (UTC) `daysAgo` days before today: far from any day boundary. */
const noon = (daysAgo: number) => new Date(periodStarts(new Date(), "UTC").dayStart.getTime() - daysAgo * D + 12 * H);

async function video(ws: string, status: VideoStatus, createdAt: Date, title = `Video ${status}`) {
  const [v] = await getDb()
    .insert(videoGenerations)
    .values({ workspaceId: ws, scriptTitle: title, scriptContent: "Script", avatarProfileId: avatarId, background: { type: "color", value: "#000000" }, status, createdAt })
    .returning({ id: videoGenerations.id });
  return v.id;
}

let attemptN = 0;
async function attempt(ws: string, videoId: string, provider: ProviderId, outcome: string, startedAt: Date, durationMs: number | null, costCents = 0) {
  await getDb()
    .insert(generationAttempts)
    .values({
      workspaceId: ws,
      videoId,
      attemptNumber: ++attemptN,
      provider,
      outcome: outcome as never,
      startedAt,
      finishedAt: durationMs == null ? null : new Date(startedAt.getTime() + durationMs),
      costCents,
    });
}

async function ledger(ws: string, kind: "reserve" | "release" | "charge", cents: number, provider: string | null, at: Date) {
  await getDb()
    .insert(costLedger)
    .values({ workspaceId: ws, kind, amountCents: cents, provider, accruedAt: at, dedupeKey: `${kind}:${Math.random()}` });
}

async function events(ws: string, videoId: string | null, type: string, n: number, at: Date) {
  if (n === 0) return;
  await getDb()
    .insert(videoAnalyticsEvents)
    .values(Array.from({ length: n }, () => ({ workspaceId: ws, videoId, type: type as never, createdAt: at })));
}

let A: string;
let B: string;
let topVideo: string;

beforeAll(async () => {
  [{ id: avatarId }] = await getDb().select({ id: avatarProfiles.id }).from(avatarProfiles).limit(1);
  A = await workspace("a");
  B = await workspace("b");

  // Workspace A: 4 completed, 1 failed, 1 timeout, 1 queued in the last days; one completed 40 days ago.
  const v1 = await video(A, "completed", noon(2), "How PostgreSQL percentiles work");
  const v2 = await video(A, "completed", noon(2), "Budget caps explained");
  const v3 = await video(A, "completed", noon(1));
  const v4 = await video(A, "completed", noon(1));
  const v5 = await video(A, "failed", noon(1));
  const v6 = await video(A, "timeout", noon(0));
  await video(A, "queued", noon(0));
  const old = await video(A, "completed", noon(40));
  topVideo = v1;

  // HeyGen: 5 successes of 10/20/30/40/100 s costing 70..700, one failure, one timeout, one skipped, one running.
  const secs = [10, 20, 30, 40, 100];
  for (const [i, s] of secs.entries()) await attempt(A, [v1, v2, v3, v4, v1][i], "heygen", "succeeded", noon(2), s * 1000, s * 7);
  await attempt(A, v5, "heygen", "failed", noon(1), 5_000);
  await attempt(A, v6, "heygen", "timeout", noon(0), 600_000);
  await attempt(A, v5, "heygen", "skipped", noon(1), 0);
  await attempt(A, v6, "heygen", "running", noon(0), null);
  // Kling: 60 s and 90 s successes at 28 ¢, two failures.
  await attempt(A, v3, "kling", "succeeded", noon(1), 60_000, 28);
  await attempt(A, v4, "kling", "succeeded", noon(1), 90_000, 28);
  await attempt(A, v5, "kling", "failed", noon(1), 2_000);
  await attempt(A, v6, "kling", "failed", noon(0), 3_000);
  // Outside a 30-day window.
  await attempt(A, old, "kling", "succeeded", noon(40), 1_000, 999);

  // Charges: HeyGen 700 two days ago and 700 yesterday, Kling 56 yesterday; holds and releases are not spend.
  await ledger(A, "charge", 700, "heygen", noon(2));
  await ledger(A, "charge", 700, "heygen", noon(1));
  await ledger(A, "charge", 56, "kling", noon(1));
  await ledger(A, "reserve", 5000, null, noon(1));
  await ledger(A, "release", 3000, null, noon(1));
  await ledger(A, "charge", 999, "kling", noon(40));

  await events(A, v1, "view", 10, noon(1));
  await events(A, v1, "share_view", 2, noon(0));
  await events(A, v1, "download", 3, noon(1));
  await events(A, v1, "share", 2, noon(1));
  await events(A, v2, "view", 3, noon(0));
  await events(A, v2, "download", 1, noon(0));
  await events(A, v2, "completed", 5, noon(0)); // lifecycle events are not engagement
  await events(A, old, "view", 50, noon(40));

  // Workspace B: bigger numbers everywhere; none of it may show up in A.
  const b1 = await video(B, "completed", noon(1), "Workspace B secret video");
  const b2 = await video(B, "failed", noon(1));
  for (let i = 0; i < 3; i++) await attempt(B, b1, "heygen", "succeeded", noon(1), 1_000, 5);
  await attempt(B, b2, "runway", "failed", noon(1), 1_000);
  await ledger(B, "charge", 12345, "runway", noon(1));
  await events(B, b1, "view", 500, noon(1));
  await getDb().insert(budgetAlerts).values({ workspaceId: B, period: "daily", periodKey: "2026-01-01", threshold: 90, spentCents: 1, capCents: 1 });
});

describe("analyticsReport", () => {
  it("computes exact provider performance with percentile_cont over successful attempts", async () => {
    const r = await analyticsReport(A, { days: 30, timezone: "UTC" });
    expect(r.providers).toEqual([
      {
        provider: "heygen", attempts: 9, succeeded: 5, failed: 1, timedOut: 1, skipped: 1, cancelled: 0,
        successRate: 5 / 7,
        p50Ms: 30_000,
        // 0.95 × (5 − 1) = 3.8 → 40 s + 0.8 × (100 s − 40 s)
        p95Ms: 88_000,
        avgCostCents: 280, // (70 + 140 + 210 + 280 + 700) / 5
        totalCostCents: 1400,
      },
      {
        provider: "kling", attempts: 4, succeeded: 2, failed: 2, timedOut: 0, skipped: 0, cancelled: 0,
        successRate: 0.5, p50Ms: 75_000, p95Ms: 88_500, avgCostCents: 28, totalCostCents: 56,
      },
    ]);
  });

  it("agrees with the pure computeProviderPerformance on counts, rates and costs", async () => {
    const { since } = windowDays(30, "UTC");
    const recs = await getDb()
      .select()
      .from(generationAttempts)
      .where(and(eq(generationAttempts.workspaceId, A), gte(generationAttempts.startedAt, since)));
    const pure = computeProviderPerformance(recs.map((r) => ({ ...r, provider: r.provider as ProviderId })));
    const sqlRows = await providerPerformance({ workspaceId: A, since, timezone: "UTC" });
    expect(sqlRows.map((r) => r.provider)).toEqual(pure.map((p) => p.provider));
    for (const [i, p] of pure.entries()) {
      const s = sqlRows[i];
      for (const k of ["attempts", "succeeded", "failed", "timedOut", "skipped", "cancelled", "successRate", "avgCostCents", "totalCostCents"] as const) {
        expect(s[k], `${p.provider}.${k}`).toBe(p[k]);
      }
      // Interpolated percentiles never exceed the nearest-rank ones (which are actual samples).
      expect(s.p95Ms!).toBeLessThanOrEqual(p.p95Ms!);
    }
    // With an odd number of samples the median is the same sample either way.
    expect(sqlRows[0].p50Ms).toBe(pure[0].p50Ms);
  });

  it("sums spend per provider and per day from charges only, and derives ROI", async () => {
    const r = await analyticsReport(A, { days: 30, timezone: "UTC" });
    expect(r.range.dayKeys).toHaveLength(30);
    expect(r.spendByProvider).toEqual([{ provider: "heygen", cents: 1400 }, { provider: "kling", cents: 56 }]);
    const day = (n: number) => noon(n).toISOString().slice(0, 10);
    expect(r.spendByDay.find((d) => d.day === day(2))).toEqual({ day: day(2), totalCents: 700, byProvider: { heygen: 700 } });
    expect(r.spendByDay.find((d) => d.day === day(1))).toEqual({ day: day(1), totalCents: 756, byProvider: { heygen: 700, kling: 56 } });
    expect(r.spendByDay.reduce((a, d) => a + d.totalCents, 0)).toBe(1456);
    expect(r.kpis).toEqual({
      videos: 7,
      completed: 4,
      failed: 2,
      successRate: 4 / 6,
      spendCents: 1456,
      costPerCompletedVideoCents: 364,
      viewsPerDollar: 1.03, // 15 views / $14.56
      engagementPerDollar: 1.44, // 21 events / $14.56
    });
    expect(r.videosByStatus).toEqual([
      { status: "completed", count: 4 },
      { status: "failed", count: 1 },
      { status: "queued", count: 1 },
      { status: "timeout", count: 1 },
    ]);
    expect(r.successByDay.find((d) => d.day === day(1))).toEqual({ day: day(1), total: 3, completed: 2, failed: 1, rate: 2 / 3 });
    expect(r.successByDay.find((d) => d.day === day(5))).toEqual({ day: day(5), total: 0, completed: 0, failed: 0, rate: null });
  });

  it("counts engagement and ranks top videos by views", async () => {
    const r = await analyticsReport(A, { days: 30, timezone: "UTC" });
    expect(r.engagement).toEqual({ views: 13, downloads: 4, shares: 2, shareViews: 2, total: 21 });
    expect(r.topVideos.map((v) => [v.id, v.title, v.views, v.downloads, v.shares])).toEqual([
      [topVideo, "How PostgreSQL percentiles work", 12, 3, 2],
      [expect.any(String), "Budget caps explained", 3, 1, 0],
    ]);
  });

  it("widens to 90 days to include older rows", async () => {
    const r = await analyticsReport(A, { days: 90, timezone: "UTC" });
    expect(r.kpis.videos).toBe(8);
    expect(r.kpis.spendCents).toBe(1456 + 999);
    expect(r.providers.find((p) => p.provider === "kling")!.succeeded).toBe(3);
    expect(r.engagement.views).toBe(63);
  });

  it("never leaks another workspace's rows", async () => {
    const a = JSON.stringify(await analyticsReport(A, { days: 90, timezone: "UTC" }));
    expect(a).not.toContain("runway");
    expect(a).not.toContain("Workspace B secret video");
    expect(a).not.toContain("12345");
    const b = await analyticsReport(B, { days: 30, timezone: "UTC" });
    expect(b.kpis).toMatchObject({ videos: 2, completed: 1, failed: 1, spendCents: 12345 });
    expect(b.providers.map((p) => [p.provider, p.attempts])).toEqual([["heygen", 3], ["runway", 1]]);
    expect(b.engagement.views).toBe(500);
    expect(b.topVideos.map((v) => v.title)).toEqual(["Workspace B secret video"]);
  });

  it("is empty, not broken, for a workspace without data", async () => {
    const r = await analyticsReport(await workspace("empty"), { days: 7, timezone: "Europe/Berlin" });
    expect(r.kpis).toEqual({ videos: 0, completed: 0, failed: 0, successRate: null, spendCents: 0, costPerCompletedVideoCents: null, viewsPerDollar: null, engagementPerDollar: null });
    expect(r.providers).toEqual([]);
    expect(r.spendByDay).toHaveLength(7);
    expect(r.topVideos).toEqual([]);
  });

  it("buckets days in the workspace time zone", async () => {
    const ws = await workspace("tz");
    // 23:30 UTC yesterday is already today in Tokyo (UTC+9).
    const lateYesterdayUtc = new Date(periodStarts(new Date(), "UTC").dayStart.getTime() - 30 * 60_000);
    await ledger(ws, "charge", 42, "heygen", lateYesterdayUtc);
    const utc = await analyticsReport(ws, { days: 7, timezone: "UTC" });
    const tokyo = await analyticsReport(ws, { days: 7, timezone: "Asia/Tokyo" });
    expect(utc.spendByDay.at(-2)!.totalCents).toBe(42);
    const tokyoDay = periodStarts(lateYesterdayUtc, "Asia/Tokyo").dayKey;
    expect(tokyo.spendByDay.find((d) => d.day === tokyoDay)!.totalCents).toBe(42);
    expect(tokyoDay).not.toBe(utc.spendByDay.at(-2)!.day);
  });
});

describe("windowDays", () => {
  it("lists the last N calendar days, today last", () => {
    const now = new Date("2026-03-02T10:00:00Z");
    const w = windowDays(3, "UTC", now);
    expect(w.dayKeys).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(w.since.toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });
});

describe("listAlerts", () => {
  it("returns the workspace's alerts newest first and nothing of others", async () => {
    const ws = await workspace("alerts");
    await getDb().insert(budgetAlerts).values([
      { workspaceId: ws, period: "daily", periodKey: "2026-11-20", threshold: 75, spentCents: 1500, capCents: 2000, createdAt: new Date(Date.now() - H) },
      { workspaceId: ws, period: "daily", periodKey: "2026-11-20", threshold: 90, spentCents: 1800, capCents: 2000, createdAt: new Date() },
    ]);
    const alerts = await listAlerts(ws);
    expect(alerts.map((a) => [a.threshold, a.spentCents, a.capCents, a.period])).toEqual([
      [90, 1800, 2000, "daily"],
      [75, 1500, 2000, "daily"],
    ]);
    expect(await listAlerts(A)).toEqual([]);
  });
});
