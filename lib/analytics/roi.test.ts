/**
 * ROI by every dimension, best/worst, views per day and the CSV — pure — and the whole
 * analytics report from real rows (posts, metrics samples) in PostgreSQL.
 */
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { avatarProfiles, connectedAccounts, postMetrics, socialPosts, videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { analyticsReport } from "./queries";
import { computeRoiBreakdown, csvCell, dayKeyIn, roiCsv, viewsByDay, type RoiFact } from "./roi";

const fact = (o: Partial<RoiFact> & Pick<RoiFact, "postId" | "videoId">): RoiFact => ({
  platform: "tiktok", title: o.videoId, costCents: 0, provider: "heygen", template: null, campaign: null, source: null, topic: null,
  views: 0, likes: 0, comments: 0, shares: 0, ...o,
});

describe("computeRoiBreakdown", () => {
  const facts = [
    // Video A ($3.01) on TikTok and YouTube: the cost splits 151 + 150, adding up exactly.
    fact({ postId: "p1", videoId: "A", costCents: 301, platform: "tiktok", views: 1000, likes: 90, comments: 5, shares: 5, source: "reddit", topic: "PostgreSQL", campaign: "Daily tips", template: "Bold" }),
    fact({ postId: "p2", videoId: "A", costCents: 301, platform: "youtube", views: 2000, likes: 100, source: "reddit", topic: "PostgreSQL", campaign: "Daily tips", template: "Bold" }),
    // Video B ($1.00) on TikTok, 100 views: the worst with views.
    fact({ postId: "p3", videoId: "B", costCents: 100, platform: "tiktok", views: 100, provider: "kling", source: "hackernews", topic: "Rust" }),
    // Video C ($0.50), posted, nobody watched yet: worst of all.
    fact({ postId: "p4", videoId: "C", costCents: 50, platform: "instagram", views: null, likes: null, comments: null, shares: null, provider: "kling" }),
  ];
  const r = computeRoiBreakdown(facts);

  it("totals and cost per 1,000 views / per engagement in integer cents", () => {
    expect(r.total).toMatchObject({ costCents: 451, views: 3100, engagements: 200, posts: 4, costPer1kViewsCents: 145, costPerEngagementCents: 2 });
  });

  it("splits a video's cost across its posts so platform rows add up to the total", () => {
    // Mutation tried: charging the full video cost to every post (no splitCents) → tiktok 401, sum 752; fails here.
    const byPlatform = Object.fromEntries(r.by.platform.map((g) => [g.key, g]));
    expect(byPlatform.tiktok).toMatchObject({ costCents: 251, views: 1100, costPer1kViewsCents: 228 });
    expect(byPlatform.youtube).toMatchObject({ costCents: 150, views: 2000, costPer1kViewsCents: 75 });
    expect(byPlatform.instagram).toMatchObject({ costCents: 50, views: 0, costPer1kViewsCents: null, costPerEngagementCents: null });
    expect(r.by.platform.reduce((a, g) => a + g.costCents, 0)).toBe(r.total.costCents);
  });

  it("breaks down by provider, template, research source, topic and campaign, with (none) for missing ones", () => {
    const keys = (d: keyof typeof r.by) => r.by[d].map((g) => `${g.key}:${g.costCents}:${g.views}`);
    expect(keys("provider")).toEqual(["heygen:301:3000", "kling:150:100"]);
    expect(keys("template")).toEqual(["Bold:301:3000", "(none):150:100"]);
    expect(keys("source")).toEqual(["reddit:301:3000", "hackernews:100:100", "(none):50:0"]);
    expect(keys("topic")).toEqual(["PostgreSQL:301:3000", "Rust:100:100", "(none):50:0"]);
    expect(keys("campaign")).toEqual(["Daily tips:301:3000", "(none):150:100"]);
  });

  it("ranks best by lowest cost per 1,000 views and worst with unwatched spend first", () => {
    expect(r.best.map((v) => [v.videoId, v.costPer1kViewsCents])).toEqual([["A", 100], ["B", 1000]]);
    // Mutation tried: leaving out the no-views list → C (spent, 0 views) disappears from worst; fails here.
    expect(r.worst.map((v) => v.videoId)).toEqual(["C"]);
    // A video is never both best and worst; with one slot each, B (the costliest watched) is worst.
    expect(computeRoiBreakdown(facts.filter((f) => f.videoId !== "C"), 1).worst.map((v) => v.videoId)).toEqual(["B"]);
  });

  it("with no posts: zeros and nulls, no division by zero", () => {
    const e = computeRoiBreakdown([]);
    expect(e.total).toEqual({ key: "total", costCents: 0, views: 0, engagements: 0, posts: 0, costPer1kViewsCents: null, costPerEngagementCents: null });
    expect(e.best).toEqual([]);
  });
});

describe("viewsByDay", () => {
  it("counts the views gained per local day from cumulative samples, from the pre-window baseline", () => {
    const at = (s: string) => new Date(s);
    const m = viewsByDay(
      [
        { postId: "p1", views: 1500, capturedAt: at("2026-11-28T10:00:00Z") },
        { postId: "p1", views: 1800, capturedAt: at("2026-11-28T16:00:00Z") },
        { postId: "p1", views: 1700, capturedAt: at("2026-11-29T10:00:00Z") }, // platform corrected itself: no negative gain
        { postId: "p2", views: 40, capturedAt: at("2026-11-29T10:00:00Z") },
      ],
      [{ postId: "p1", views: 1000 }],
      dayKeyIn("UTC"),
    );
    // Mutation tried: ignoring the baseline → 28th shows 1800 instead of 800; fails here.
    expect(Object.fromEntries(m)).toEqual({ "2026-11-28": 800, "2026-11-29": 40 });
  });
});

describe("CSV", () => {
  it("quotes, escapes and neutralises formulas in user-named rows", () => {
    expect(csvCell('Say "hi", world')).toBe('"Say ""hi"", world"');
    // Mutation tried: removing the formula guard → "=HYPERLINK(...)" reaches a spreadsheet as a formula; fails here.
    expect(csvCell("=HYPERLINK(\"http://x\")")).toBe("\"'=HYPERLINK(\"\"http://x\"\")\"");
    expect(csvCell(-5)).toBe("-5");
    expect(csvCell(null)).toBe("");
    const r = computeRoiBreakdown([fact({ postId: "p", videoId: "v", costCents: 250, views: 5000, likes: 10, campaign: "+Launch, day 1" })]);
    const lines = roiCsv(r).trimEnd().split("\r\n");
    expect(lines[0]).toBe("dimension,key,posts,cost_usd,views,engagements,cost_per_1000_views_usd,cost_per_engagement_usd");
    expect(lines[1]).toBe("total,total,1,2.50,5000,10,0.50,0.25");
    expect(lines).toContain("campaign,\"'+Launch, day 1\",1,2.50,5000,10,0.50,0.25");
  });
});

describe("analytics report with platform numbers", () => {
  it("serves cost per 1,000 views by platform and spend vs views per day, for its own workspace only", async () => {
    const db = getDb();
    const [avatar] = await db.select({ id: avatarProfiles.id }).from(avatarProfiles).limit(1);
    const setup = async () => {
      const ctx = await newWorkspace();
      const ws = ctx.workspace.id;
      const [v] = await db.insert(videoGenerations).values({
        workspaceId: ws, scriptTitle: "Posted", scriptContent: "s", avatarProfileId: avatar.id, background: { type: "color", value: "#000000" },
        status: "completed", costCents: 400, provider: "heygen", originalContent: { source: "reddit", topic: "Indexes" },
      }).returning();
      const [acct] = await db.insert(connectedAccounts).values({
        workspaceId: ws, platform: "tiktok", externalAccountId: `ext-${ws}`, displayName: "Creator", scopes: [], accessTokenEnc: "v1.x", dailyCap: 10,
      }).returning();
      const [p] = await db.insert(socialPosts).values({
        workspaceId: ws, videoId: v.id, accountId: acct.id, platform: "tiktok", status: "published", caption: "c", privacy: "PUBLIC_TO_EVERYONE",
        options: {}, source: "manual", publishedAt: new Date(Date.now() - 3 * 3_600_000), platformPostId: "1",
      }).returning();
      await db.insert(postMetrics).values([
        { workspaceId: ws, postId: p.id, views: 1000, likes: 30, comments: 5, shares: 5, capturedAt: new Date(Date.now() - 2 * 3_600_000) },
        { workspaceId: ws, postId: p.id, views: 2000, likes: 60, comments: 10, shares: 10, capturedAt: new Date(Date.now() - 60_000) },
      ]);
      return ctx;
    };
    const a = await setup();
    const b = await setup();
    const r = await analyticsReport(a.workspace.id, { days: 7, timezone: "UTC" });
    // The latest sample counts (2,000 views), not the sum of samples.
    expect(r.roi.total).toMatchObject({ costCents: 400, views: 2000, engagements: 80, costPer1kViewsCents: 200, costPerEngagementCents: 5 });
    expect(r.roi.by.source.map((g) => g.key)).toEqual(["reddit"]);
    expect(r.roi.by.topic.map((g) => g.key)).toEqual(["Indexes"]);
    expect(r.spendVsViews.reduce((s, d) => s + d.views, 0)).toBe(2000);
    expect(r.spendVsViews).toHaveLength(7);
    // Tenancy: b's identical post is not in a's numbers.
    expect(r.roi.total.posts).toBe(1);
    expect((await analyticsReport(b.workspace.id, { days: 7, timezone: "UTC" })).roi.total.posts).toBe(1);
  });
});
