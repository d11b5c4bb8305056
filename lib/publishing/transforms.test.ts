/** Pure transforms on example answers copied from each platform's documentation. */
import { describe, expect, it } from "vitest";
import { tiktokChunkPlan, tiktokPostState, unwrapTikTok, creatorOptions } from "./tiktok-transform";
import { containerState, graphError, instagramInsights, publishingQuota } from "./instagram-transform";
import { googleError, nextByteFromRange, youtubeInsertBody, youtubeMetrics } from "./youtube-transform";
import { hashtag, postText } from "./text";
import { pickRendition } from "./spec";
import { computeRoi, splitCents } from "./roi";
import { signMediaToken, verifyMediaToken } from "./media";

const MB = 1024 * 1024;

describe("TikTok", () => {
  it("plans chunks per the Media Transfer Guide", () => {
    // < 5 MB: one chunk of the whole size.
    expect(tiktokChunkPlan(9770)).toMatchObject({ chunkSize: 9770, totalChunkCount: 1, ranges: [[0, 9769]] });
    // 50,000,123 bytes in 10 MB chunks: 4 chunks, the remainder on the last (mutation tried: ceil → 5 chunks; fails).
    const p = tiktokChunkPlan(50_000_123, 10 * MB);
    expect(p.totalChunkCount).toBe(4);
    expect(p.ranges[3]).toEqual([3 * 10 * MB, 50_000_122]);
  });
  it("reads status/fetch and error envelopes", () => {
    expect(tiktokPostState({ status: "PUBLISH_COMPLETE", publicaly_available_post_id: [7123] })).toEqual({ state: "published", postId: "7123" });
    expect(tiktokPostState({ status: "PROCESSING_UPLOAD", uploaded_bytes: 5 })).toEqual({ state: "uploading", uploadedBytes: 5 });
    expect(tiktokPostState({ status: "FAILED", fail_reason: "file_format_check_failed" })).toEqual({ state: "failed", reason: "file_format_check_failed" });
    expect(() => unwrapTikTok(403, { data: {}, error: { code: "spam_risk_too_many_posts", message: "cap", log_id: "x" } })).toThrow(/try again tomorrow/);
    expect(() => unwrapTikTok(429, { error: { code: "rate_limit_exceeded", message: "slow down" } })).toThrow(expect.objectContaining({ kind: "rate_limited" }));
    expect(unwrapTikTok(200, { data: { publish_id: "p" }, error: { code: "ok" } })).toEqual({ publish_id: "p" });
    expect(creatorOptions({ creator_username: "a", privacy_level_options: ["SELF_ONLY"] }).privacyLevelOptions).toEqual(["SELF_ONLY"]);
  });
});

describe("Instagram", () => {
  it("maps container status codes, quota and insights", () => {
    expect(containerState({ status_code: "FINISHED" })).toEqual({ state: "ready" });
    expect(containerState({ status_code: "EXPIRED" }).state).toBe("failed");
    expect(publishingQuota({ data: [{ quota_usage: 3, config: { quota_total: 50 } }] })).toEqual({ used: 3, total: 50 });
    expect(instagramInsights({ data: [{ name: "views", values: [{ value: 10 }] }, { name: "ig_reels_video_view_total_time", values: [{ value: 4500 }] }] }))
      .toMatchObject({ views: 10, watchTimeSeconds: 5 });
  });
  it("classifies Graph errors", () => {
    expect(graphError(400, { error: { code: 9, error_subcode: 2207042, message: "limit" } }).kind).toBe("permanent");
    expect(graphError(401, { error: { code: 190, error_subcode: 463, message: "expired" } }).kind).toBe("auth");
    expect(graphError(400, { error: { code: 4, message: "Application request limit reached" } }).kind).toBe("rate_limited");
    expect(graphError(500, { error: { code: 2, message: "Service temporarily unavailable", is_transient: true } }).kind).toBe("transient");
  });
});

describe("YouTube", () => {
  it("builds videos.insert metadata with both declarations set explicitly", () => {
    const b = youtubeInsertBody({ title: "<b>Hi</b>".repeat(30), caption: "x", tags: [], privacy: "public", madeForKids: false });
    expect(b.snippet.title.length).toBeLessThanOrEqual(100);
    expect(b.snippet.title).not.toMatch(/[<>]/);
    expect(b.status).toEqual({ privacyStatus: "public", selfDeclaredMadeForKids: false, containsSyntheticMedia: true });
  });
  it("reads 308 ranges, statistics and errors", () => {
    expect(nextByteFromRange("bytes=0-524287")).toBe(524288);
    expect(nextByteFromRange(null)).toBe(0);
    expect(youtubeMetrics({ items: [{ id: "a", statistics: { viewCount: "12", likeCount: "3", commentCount: "1" } }] }).get("a")).toMatchObject({ views: 12, likes: 3 });
    expect(googleError(403, { error: { code: 403, message: "quota", errors: [{ reason: "quotaExceeded" }] } }).kind).toBe("permanent");
    expect(googleError(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." }).kind).toBe("auth");
  });
});

describe("post text, spec, ROI, media links", () => {
  it("makes hashtags and keeps each platform's limit", () => {
    expect(hashtag("Rust's new borrow-checker!")).toBe("#RustsNewBorrowChecker");
    expect(hashtag("2024")).toBe("");
    const long = { title: "T", script: "word ".repeat(3000), topics: ["AI video", "AI video", "Postgres"] };
    for (const p of ["tiktok", "instagram", "youtube"] as const) {
      const t = postText(p, long);
      expect(t.caption.length).toBeLessThanOrEqual(p === "youtube" ? 5000 : 2200);
      expect(t.hashtags).toEqual(["#AIVideo", "#Postgres"]);
    }
  });
  it("picks the platform's rendition and refuses what cannot fit", () => {
    const v = { videoKey: "m.mp4", renditions: { instagram_reels: "ig.mp4", youtube_shorts: "ys.mp4" }, aspectRatio: "landscape" as const, durationSeconds: 30, sizeBytes: 1000 };
    expect(pickRendition("instagram", v)).toEqual({ ok: true, key: "ig.mp4", rendition: "instagram_reels" });
    expect(pickRendition("tiktok", v)).toMatchObject({ ok: true, rendition: "youtube_shorts" });
    expect(pickRendition("instagram", { ...v, durationSeconds: 120 })).toMatchObject({ ok: false });
    expect(pickRendition("tiktok", { ...v, renditions: {} })).toMatchObject({ ok: false, reason: expect.stringMatching(/vertical/) });
  });
  it("splits cost in integer cents that add up", () => {
    expect(splitCents(301, 3)).toEqual([101, 100, 100]);
    const r = computeRoi([
      { postId: "a", videoId: "v", platform: "tiktok", costCents: 301, views: 1000, likes: 1, comments: 0, shares: 0 },
      { postId: "b", videoId: "v", platform: "youtube", costCents: 301, views: 0, likes: 0, comments: 0, shares: 0 },
    ]);
    expect(r.total).toMatchObject({ costCents: 301, views: 1000, costPer1kViewsCents: 301 });
    expect(r.byPlatform.find((p) => p.key === "youtube")!.costPer1kViewsCents).toBeNull();
  });
  it("signs media links that expire and cannot be altered", () => {
    process.env.APP_SECRET ??= "x".repeat(40);
    const now = new Date("2026-11-30T12:00:00Z");
    const t = signMediaToken("11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222", now, 60);
    expect(verifyMediaToken(t, now)).toEqual({ workspaceId: "11111111-1111-1111-1111-111111111111", postId: "22222222-2222-2222-2222-222222222222" });
    expect(verifyMediaToken(t, new Date(now.getTime() + 61_000))).toBeNull();
    expect(verifyMediaToken(`${t.slice(0, 5)}A${t.slice(6)}`, now)).toBeNull();
  });
});
