/**
 * Publishing end to end against the platform fakes (e2e/fakes/platforms), through the real
 * services, database and storage. The job queue is the only thing replaced: `enqueue` is a
 * recorder and `drain` runs each queued publish job the way the worker would.
 */
import http from "node:http";
import { spawn } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, connectedAccounts, socialPosts, videoCampaigns, videoGenerations } from "@/db/schema";
import { metricsSeries } from "@/db/queries/publishing";
import { newWorkspace } from "@/lib/testing/fixtures";
import { embedded } from "@/lib/testing/db-kind";
import { storage } from "@/lib/storage";
import type { AuthContext } from "@/lib/auth/context";
import type { Enqueue } from "@/lib/jobs/define";
import { startTikTokFake, tiktokError, type TikTokFake } from "@/e2e/fakes/platforms/tiktok";
import { startInstagramFake, type InstagramFake } from "@/e2e/fakes/platforms/instagram";
import { startYouTubeFake, googleError, type YouTubeFake } from "@/e2e/fakes/platforms/youtube";
import { completeConnect, startConnect } from "./accounts";
import { advancePost, createPost, MAX_ATTEMPTS, onVideoCompleted, PUBLISH_JOB } from "./posts";
import { serveSignedMedia } from "./media";
import { pullWorkspaceMetrics } from "./metrics";
import { workspaceRoi } from "./roi";

let tt: TikTokFake;
let ig: InstagramFake;
let yt: YouTubeFake;
let mediaServer: http.Server;
const sample = readFileSync(path.resolve(import.meta.dirname, "../../e2e/fakes/sample.mp4"));

interface Queued { postId: string; workspaceId: string; startAfter?: Date }
function recorder() {
  const q: Queued[] = [];
  const enqueue: Enqueue = async (job, payload, opts) => {
    const name = typeof job === "string" ? job : job.name;
    if (name === PUBLISH_JOB) q.push({ ...(payload as { postId: string; workspaceId: string }), startAfter: opts?.startAfter ? new Date(opts.startAfter) : undefined });
    return "job";
  };
  return { q, enqueue };
}

/** Runs queued publish jobs (at `now`) until none is left due; returns the outcomes. */
async function drain(r: ReturnType<typeof recorder>, now = new Date(), max = 20) {
  const outcomes: string[] = [];
  for (let i = 0; i < max; i++) {
    const idx = r.q.findIndex((j) => !j.startAfter || j.startAfter <= now);
    if (idx < 0) break;
    const [j] = r.q.splice(idx, 1);
    try {
      outcomes.push(await advancePost(j.workspaceId, j.postId, { enqueue: r.enqueue, now }));
    } catch (e) {
      // Transient: pg-boss would retry this job with backoff.
      outcomes.push(`threw:${(e as Error).message}`);
      r.q.push(j);
    }
  }
  return outcomes;
}

async function connect(ctx: AuthContext, platform: "tiktok" | "instagram" | "youtube") {
  const url = await startConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, platform);
  const res = await fetch(url, { redirect: "manual" });
  const back = new URL(res.headers.get("location")!);
  return completeConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, platform, { code: back.searchParams.get("code"), state: back.searchParams.get("state") });
}

async function completedVideo(ctx: AuthContext, opts: { campaignId?: string; costCents?: number } = {}) {
  const db = getDb();
  const [avatar] = await db.select().from(avatarProfiles).limit(1);
  const key = `test/${ctx.workspace.id}/${Math.random().toString(36).slice(2)}/tiktok.mp4`;
  await storage().putBuffer(key, sample, "video/mp4");
  const [v] = await db.insert(videoGenerations).values({
    workspaceId: ctx.workspace.id, scriptTitle: "Why PostgreSQL wins", scriptContent: "PostgreSQL is everywhere. Here is why it keeps winning. And more.",
    avatarProfileId: avatar.id, background: { type: "color", value: "#000000" } as never, status: "completed", videoKey: key,
    renditions: { tiktok: key, instagram_reels: key, youtube_shorts: key }, durationSeconds: 12, sizeBytes: sample.length,
    costCents: opts.costCents ?? 300, campaignId: opts.campaignId ?? null, originalContent: { topic: "PostgreSQL performance" }, completedAt: new Date(),
  }).returning();
  return v;
}

beforeAll(async () => {
  [tt, ig, yt] = await Promise.all([startTikTokFake(), startInstagramFake(), startYouTubeFake()]);
  // The signed media link, served by the same function the Next route calls.
  mediaServer = http.createServer(async (req, res) => {
    const token = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
    const r = await serveSignedMedia(new Request(`http://x${req.url}`, { method: req.method, headers: req.headers as Record<string, string> }), token);
    res.writeHead(r.status, Object.fromEntries(r.headers));
    res.end(Buffer.from(await r.arrayBuffer()));
  });
  await new Promise<void>((r) => mediaServer.listen(0, "127.0.0.1", () => r()));
  Object.assign(process.env, {
    TIKTOK_CLIENT_KEY: tt.clientKey, TIKTOK_CLIENT_SECRET: tt.clientSecret, TIKTOK_BASE_URL: tt.baseUrl,
    META_APP_ID: ig.appId, META_APP_SECRET: ig.appSecret, INSTAGRAM_BASE_URL: ig.baseUrl,
    GOOGLE_CLIENT_ID: yt.clientId, GOOGLE_CLIENT_SECRET: yt.clientSecret, YOUTUBE_BASE_URL: yt.baseUrl,
    PUBLISHING_POLL_SECONDS: "0", PUBLISHING_REDIRECT_BASE_URL: "http://app.test",
    PUBLISHING_MEDIA_BASE_URL: `http://127.0.0.1:${(mediaServer.address() as AddressInfo).port}`,
  });
});

afterAll(async () => {
  await Promise.all([tt?.close(), ig?.close(), yt?.close()]);
  await new Promise((r) => mediaServer?.close(r));
});

describe("connect (OAuth against the fakes)", () => {
  it("connects each platform with state + PKCE, storing tokens encrypted and the unaudited state", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const y = await connect(ctx, "youtube");
    const i = await connect(ctx, "instagram");
    expect(a.externalAccountId).toBe(tt.openId);
    expect(y.externalAccountId).toBe(yt.channelId);
    expect(i.externalAccountId).toBe(ig.igUserId);
    // Unaudited TikTok app / unverified YouTube project: shown, not hidden.
    expect(a.unaudited).toBe(true);
    expect(y.unaudited).toBe(true);
    // Tokens are ciphertext (v1.salt.iv.tag.ct), never the token itself.
    expect(a.accessTokenEnc.startsWith("v1.")).toBe(true);
    expect(a.refreshTokenEnc).toBeTruthy();
    // PKCE: the fakes check S256(verifier) == challenge (mutation tried: sending no code_verifier
    // in TikTokClient.exchangeCode → the fake answers invalid_grant and this test fails).
    expect(tt.requests.some((r) => r.path === "/v2/oauth/token/" && typeof r.body.code_verifier === "string")).toBe(true);
  });

  it("refuses a callback whose state belongs to another user or was already used", async () => {
    const ctx = await newWorkspace();
    const other = await newWorkspace();
    const url = await startConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "tiktok");
    const back = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
    const q = { code: back.searchParams.get("code"), state: back.searchParams.get("state") };
    // Mutation tried: dropping the userId condition in takeOAuthState → the other user connects; fails here.
    await expect(completeConnect({ workspaceId: ctx.workspace.id, userId: other.user.id }, "tiktok", q)).rejects.toThrow(/started by someone else/);
    await completeConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "tiktok", q);
    await expect(completeConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "tiktok", q)).rejects.toThrow(/expired/);
  });
});

describe("publish a completed video", () => {
  it("posts to TikTok (forced SELF_ONLY while unaudited, AI label on) and YouTube (private lock, disclosures set)", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: ctx.workspace.timezone };
    const p1 = await createPost(c, { videoId: v.id, accountId: a.id, privacy: "PUBLIC_TO_EVERYONE" }, r.enqueue);
    expect(p1.notice).toMatch(/not audited/);
    const p2 = await createPost(c, { videoId: v.id, accountId: y.id, privacy: "public", madeForKids: false }, r.enqueue);
    expect(p2.notice).toMatch(/not verified/);
    await drain(r);
    const [t1] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, p1.post.id));
    const [t2] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, p2.post.id));
    expect(t1.status).toBe("published_private");
    expect(t1.platformPostId).toBeTruthy();
    expect(t2.status).toBe("published_private");
    expect(t2.lastError).toMatch(/not verified/);
    expect(t1.lastError).toMatch(/not audited/);
    const tp = [...tt.posts.values()].find((x) => x.title === t1.caption)!;
    expect(tp.privacy).toBe("SELF_ONLY");
    expect(tp.isAigc).toBe(true);
    expect(tp.received).toBe(sample.length);
    const up = yt.published().find((u) => u.videoId === t2.platformPostId)!;
    // Mutation tried: leaving containsSyntheticMedia out of youtubeInsertBody → fails here.
    expect(up.metadata.status).toMatchObject({ selfDeclaredMadeForKids: false, containsSyntheticMedia: true, privacyStatus: "private" });
    expect(t1.caption).toContain("#PostgreSQLPerformance");
  });

  it("posts to TikTok by PULL_FROM_URL from our signed media URL when its domain is verified, and refuses an unverified one", async () => {
    process.env.TIKTOK_PULL_FROM_URL = "1";
    const savedPrefixes = tt.options.verifiedUrlPrefixes;
    try {
      const ctx = await newWorkspace();
      const a = await connect(ctx, "tiktok");
      const v = await completedVideo(ctx);
      const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
      // Not verified with TikTok: init answers url_ownership_unverified, reported once, not retried.
      tt.options.verifiedUrlPrefixes = [];
      const r1 = recorder();
      const refused = (await createPost(c, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r1.enqueue)).post;
      expect(await drain(r1)).toEqual(["failed"]);
      const [bad] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, refused.id));
      expect(bad.lastErrorCode).toBe("url_ownership_unverified");

      // Verified: TikTok downloads the signed link (served by serveSignedMedia), no chunk is PUT.
      tt.options.verifiedUrlPrefixes = [process.env.PUBLISHING_MEDIA_BASE_URL!];
      const ctx2 = await newWorkspace();
      const a2 = await connect(ctx2, "tiktok");
      const v2 = await completedVideo(ctx2);
      const r2 = recorder();
      const puts = () => tt.requests.filter((x) => x.method === "PUT").length;
      const puts0 = puts();
      const post = (await createPost({ workspaceId: ctx2.workspace.id, userId: ctx2.user.id, timezone: "UTC" }, { videoId: v2.id, accountId: a2.id, privacy: "SELF_ONLY" }, r2.enqueue)).post;
      expect(await drain(r2)).toContain("published");
      const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
      expect(row.status).toBe("published_private");
      const ref = JSON.parse(row.uploadRef!) as { publishId: string; pull?: boolean };
      expect(ref.pull).toBe(true);
      const init = tt.requests.filter((x) => x.path === "/v2/post/publish/video/init/").pop()!;
      const src = init.body.source_info as { source: string; video_url: string };
      // Mutation tried: ignoring cfg.pullFromUrl in TikTokClient.publish → FILE_UPLOAD and a PUT; fails here.
      expect(src.source).toBe("PULL_FROM_URL");
      expect(src.video_url).toMatch(/\/api\/publishing\/media\/[\w-]+\.[\w-]+$/);
      expect(puts() - puts0).toBe(0);
      // TikTok got the whole file through the signed link.
      expect(tt.posts.get(ref.publishId)!.received).toBe(sample.length);
    } finally {
      delete process.env.TIKTOK_PULL_FROM_URL;
      tt.options.verifiedUrlPrefixes = savedPrefixes;
    }
  });

  it("posts a Reel to Instagram from the signed media URL, polling the container", async () => {
    const ctx = await newWorkspace();
    const i = await connect(ctx, "instagram");
    const v = await completedVideo(ctx);
    const r = recorder();
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: i.id }, r.enqueue);
    const outcomes = await drain(r);
    expect(outcomes).toContain("processing");
    const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
    expect(row.status).toBe("published");
    expect(row.platformUrl).toMatch(/instagram\.com\/reel/);
    const c = ig.containers.get(row.uploadRef!)!;
    // Meta's crawler fetched our signed link and got the whole file.
    expect(c.fetchedBytes).toBe(sample.length);
  });

  it("creating the same video × account twice gives one post and one job", async () => {
    const ctx = await newWorkspace();
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
    const a = await createPost(c, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    const b = await createPost(c, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    // Mutation tried: onConflictDoNothing removed in insertPostIfAbsent → unique violation thrown here.
    expect(b.post.id).toBe(a.post.id);
    expect(b.created).toBe(false);
    expect(r.q).toHaveLength(1);
  });
});

describe("retries and refusals", () => {
  it("retries a TikTok chunk upload after a 500 and a YouTube upload cut mid-way, posting each once", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
    const beforeInit = tt.requests.filter((x) => x.path === "/v2/post/publish/video/init/").length;
    const beforeInsert = yt.requests.filter((x) => x.path === "/upload/youtube/v3/videos").length;
    tt.fail("upload", { status: 500, raw: Buffer.from("upstream error") });
    yt.fail("upload", googleError(503, "backendError", "Backend Error"));
    const p1 = await createPost(c, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r.enqueue);
    const p2 = await createPost(c, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    const outcomes = await drain(r);
    expect(outcomes.filter((o) => o.startsWith("threw"))).toHaveLength(2);
    const rows = await getDb().select().from(socialPosts).where(eq(socialPosts.workspaceId, ctx.workspace.id));
    expect(rows.map((x) => x.status).sort()).toEqual(["published_private", "published_private"]);
    expect(rows.every((x) => x.attempts === 1)).toBe(true);
    // Resumed from the saved publish_id / session, never a second init or insert.
    // Mutation tried: not calling saveUploadRef in TikTokClient.publish → a second init happens; fails here.
    expect(tt.requests.filter((x) => x.path === "/v2/post/publish/video/init/").length - beforeInit).toBe(1);
    expect(yt.requests.filter((x) => x.path === "/upload/youtube/v3/videos").length - beforeInsert).toBe(1);
    expect(tt.published().filter((x) => x.publishId === JSON.parse(rows.find((x) => x.id === p1.post.id)!.uploadRef!).publishId)).toHaveLength(1);
    expect(yt.uploads.get(rows.find((x) => x.id === p2.post.id)!.uploadRef!.split("/").pop()!)!.received).toBe(sample.length);
  });

  it("reports spam_risk_too_many_posts with TikTok's words and does not retry it", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const v = await completedVideo(ctx);
    const r = recorder();
    tt.fail("init", tiktokError(403, "spam_risk_too_many_posts", "The daily post cap from the API is reached for the current user."));
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r.enqueue);
    // Mutation tried: mapping spam_risk_too_many_posts to "transient" → the job throws and is re-queued; fails here.
    expect(await drain(r)).toEqual(["failed"]);
    const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
    expect(row.status).toBe("failed");
    expect(row.lastErrorCode).toBe("spam_risk_too_many_posts");
    expect(row.lastError).toMatch(/daily post cap/);
    expect(r.q).toHaveLength(0);
  });

  it("reports TikTok's private-only refusal of an unaudited app with its reason, once, no retry", async () => {
    // The operator says the app is audited (TIKTOK_AUDITED=1) but TikTok has not audited it yet:
    // our side lets PUBLIC through, TikTok refuses it.
    process.env.TIKTOK_AUDITED = "1";
    try {
      const ctx = await newWorkspace();
      const a = await connect(ctx, "tiktok");
      expect(a.unaudited).toBe(false);
      const v = await completedVideo(ctx);
      const r = recorder();
      const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: a.id, privacy: "PUBLIC_TO_EVERYONE" }, r.enqueue);
      // Mutation tried: mapping unaudited_client_can_only_post_to_private_accounts to "transient" in
      // tiktok-transform → the job throws and is queued again; fails here.
      expect(await drain(r)).toEqual(["failed"]);
      const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
      expect(row).toMatchObject({ status: "failed", attempts: 1, lastErrorCode: "unaudited_client_can_only_post_to_private_accounts" });
      expect(row.lastError).toMatch(/not audited by TikTok yet.*SELF_ONLY/);
      expect(r.q).toHaveLength(0);
    } finally {
      delete process.env.TIKTOK_AUDITED;
    }
  });

  it("reports YouTube's quotaExceeded with its reason and does not retry it", async () => {
    const ctx = await newWorkspace();
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    yt.fail("insert", googleError(403, "quotaExceeded", "The request cannot be completed because you have exceeded your quota."));
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    expect(await drain(r)).toEqual(["failed"]);
    const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
    expect(row).toMatchObject({ status: "failed", lastErrorCode: "quotaExceeded" });
    expect(row.lastError).toMatch(/quota/);
    expect(r.q).toHaveLength(0);
  });

  it("gives up on a platform that keeps failing after MAX_ATTEMPTS, with the last reason", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const v = await completedVideo(ctx);
    const r = recorder();
    tt.fail("creator_info", tiktokError(500, "internal_error", "Something went wrong on TikTok's side."), 50);
    try {
      const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r.enqueue);
      const outcomes = await drain(r, new Date(), 20);
      // Mutation tried: `attempts >= MAX_ATTEMPTS` → `attempts > 99` in posts.ts → it never stops (20 throws); fails here.
      expect(outcomes.filter((o) => o.startsWith("threw"))).toHaveLength(MAX_ATTEMPTS - 1);
      expect(outcomes[outcomes.length - 1]).toBe("failed");
      const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
      expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
      expect(row.lastError).toBeTruthy();
    } finally {
      tt.faults.splice(0);
    }
  });

  it("stops at Instagram's publishing limit with the reason", async () => {
    const ctx = await newWorkspace();
    const i = await connect(ctx, "instagram");
    const v = await completedVideo(ctx);
    const r = recorder();
    const saved = ig.options.quotaUsed;
    ig.options.quotaUsed = ig.options.quotaTotal;
    try {
      const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: i.id }, r.enqueue);
      expect(await drain(r)).toEqual(["failed"]);
      const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
      expect(row.lastError).toMatch(/50 of its 50/);
    } finally {
      ig.options.quotaUsed = saved;
    }
  });

  it("refreshes an access token the platform no longer takes, then posts", async () => {
    const ctx = await newWorkspace();
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    yt.expireAccessTokens();
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    expect(await drain(r)).toEqual(["published"]);
    const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, post.id));
    expect(row.status).toBe("published_private");
    const [acct] = await getDb().select().from(connectedAccounts).where(eq(connectedAccounts.id, y.id));
    expect(acct.accessTokenEnc).not.toBe(y.accessTokenEnc);
  });
});

describe("when", () => {
  it("publishes a scheduled post at the workspace's local time, not before", async () => {
    const ctx = await newWorkspace();
    await getDb().execute(`update workspaces set timezone = 'Europe/Paris' where id = '${ctx.workspace.id}'` as never);
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "Europe/Paris" },
      { videoId: v.id, accountId: y.id, privacy: "private", scheduledAt: "2099-06-01T09:30" }, r.enqueue, new Date("2026-11-30T12:00:00Z"));
    // 09:30 in Paris in June (UTC+2) is 07:30 UTC.
    expect(post.scheduledAt?.toISOString()).toBe("2099-06-01T07:30:00.000Z");
    expect(r.q[0].startAfter?.toISOString()).toBe("2099-06-01T07:30:00.000Z");
    // A job that runs early defers itself (mutation tried: removing the scheduledAt check in advancePost → publishes now; fails here).
    expect(await advancePost(ctx.workspace.id, post.id, { enqueue: r.enqueue, now: new Date("2099-06-01T07:00:00Z") })).toBe("deferred");
    r.q.splice(0, 1);
    expect(await drain(r, new Date("2099-06-01T07:31:00Z"))).toContain("published");
  });

  it("holds a post over the account's daily cap until the next local day", async () => {
    const ctx = await newWorkspace();
    const y = await connect(ctx, "youtube");
    await getDb().update(connectedAccounts).set({ dailyCap: 1 }).where(eq(connectedAccounts.id, y.id));
    const v1 = await completedVideo(ctx);
    const v2 = await completedVideo(ctx);
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
    const now = new Date("2026-11-30T15:00:00Z");
    await createPost(c, { videoId: v1.id, accountId: y.id, privacy: "private" }, r.enqueue, now);
    const { post: second } = await createPost(c, { videoId: v2.id, accountId: y.id, privacy: "private" }, r.enqueue, now);
    const out = await drain(r, now);
    // Mutation tried: `used >= acct.dailyCap` → `used > acct.dailyCap` → both go out; fails here.
    expect(out).toEqual(["published", "deferred"]);
    const [row] = await getDb().select().from(socialPosts).where(eq(socialPosts.id, second.id));
    expect(row.status).toBe("scheduled");
    expect(row.scheduledAt?.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(row.lastErrorCode).toBe("daily_cap");
    expect(await drain(r, new Date("2026-12-01T00:01:00Z"))).toEqual(["published"]);
  });

  it("auto-posts a campaign video on completion to its target platforms, exactly once", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    await connect(ctx, "youtube");
    const [avatar] = await getDb().select().from(avatarProfiles).limit(1);
    const [camp] = await getDb().insert(videoCampaigns).values({
      workspaceId: ctx.workspace.id, name: "Daily", avatarProfileId: avatar.id, autoPost: true, targetPlatforms: ["tiktok"],
    }).returning();
    const v = await completedVideo(ctx, { campaignId: camp.id });
    const r = recorder();
    const first = await onVideoCompleted(ctx.workspace.id, v.id, r.enqueue);
    const again = await onVideoCompleted(ctx.workspace.id, v.id, r.enqueue);
    expect(first).toHaveLength(1);
    expect(again).toEqual(first);
    expect(r.q).toHaveLength(1);
    await drain(r);
    const rows = await getDb().select().from(socialPosts).where(eq(socialPosts.videoId, v.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ accountId: a.id, source: "auto", privacy: "SELF_ONLY", status: "published_private" });
    // auto_post off: nothing happens (mutation tried: ignoring auto_post → a post is created; fails here).
    await getDb().update(videoCampaigns).set({ autoPost: false }).where(eq(videoCampaigns.id, camp.id));
    const v2 = await completedVideo(ctx, { campaignId: camp.id });
    expect(await onVideoCompleted(ctx.workspace.id, v2.id, r.enqueue)).toEqual([]);
  });
});

describe("a worker killed mid-upload", () => {
  /** Runs one publish job in a child process and SIGKILLs it once `fake` sees the upload request. */
  async function killMidUpload(workspaceId: string, postId: string, fake: { events: import("node:events").EventEmitter }, isUpload: (p: { method: string; path: string }) => boolean) {
    const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "lib/publishing/test-worker.ts", workspaceId, postId], { env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const exited = once(child, "exit");
    const uploading = new Promise<void>((resolve) => {
      const on = (p: { method: string; path: string }) => {
        if (!isUpload(p)) return;
        fake.events.off("request", on);
        resolve();
      };
      fake.events.on("request", on);
    });
    await Promise.race([uploading, exited.then(() => { throw new Error(`worker exited before uploading: ${out}`); })]);
    child.kill("SIGKILL");
    await exited;
  }

  it.skipIf(embedded)("resumes TikTok and YouTube uploads after the kill and posts each exactly once", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
    const p1 = (await createPost(c, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r.enqueue)).post;
    const p2 = (await createPost(c, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue)).post;
    const inits = () => tt.requests.filter((x) => x.path === "/v2/post/publish/video/init/").length;
    const inserts = () => yt.requests.filter((x) => x.path === "/upload/youtube/v3/videos").length;
    const [init0, insert0] = [inits(), inserts()];

    // The upload request arrives and is never answered; the worker is killed while it waits.
    tt.fail("upload", { status: 0, hang: true });
    await killMidUpload(ctx.workspace.id, p1.id, tt, (q) => q.method === "PUT" && q.path.startsWith("/upload/"));
    yt.fail("upload", { status: 0, hang: true });
    await killMidUpload(ctx.workspace.id, p2.id, yt, (q) => q.method === "PUT" && q.path.startsWith("/upload/session/"));

    const rows = async () => getDb().select().from(socialPosts).where(eq(socialPosts.workspaceId, ctx.workspace.id));
    // What the dead worker left: the platform handle saved before any byte went out, and its lease.
    for (const row of await rows()) {
      expect(row.status).toBe("uploading");
      expect(row.uploadRef).toBeTruthy();
      expect(row.platformPostId).toBeNull();
    }
    // pg-boss retries the job: while the dead worker's lease runs, the retry stands aside
    // (mutation tried: leasePost ignoring lease_until → a second upload would start now).
    expect(await advancePost(ctx.workspace.id, p1.id, { enqueue: r.enqueue })).toBe("skipped");

    // After the lease (15 min) the job expires and is retried: it resumes from the saved handle.
    const later = new Date(Date.now() + 16 * 60_000);
    r.q.splice(0);
    r.q.push({ workspaceId: ctx.workspace.id, postId: p1.id }, { workspaceId: ctx.workspace.id, postId: p2.id });
    await drain(r, later);
    const done = await rows();
    expect(done.map((x) => x.status).sort()).toEqual(["published_private", "published_private"]);
    // Exactly once on each platform: one init / one videos.insert (mutation tried: clearing
    // uploadRef when leasing a post → the resumed run inits again; fails here), one published post.
    expect(inits() - init0).toBe(1);
    expect(inserts() - insert0).toBe(1);
    const ref = JSON.parse(done.find((x) => x.id === p1.id)!.uploadRef!) as { publishId: string };
    expect(tt.published().filter((x) => x.publishId === ref.publishId)).toHaveLength(1);
    expect(tt.posts.get(ref.publishId)!.received).toBe(sample.length);
    expect([...yt.uploads.values()].filter((u) => u.session === done.find((x) => x.id === p2.id)!.uploadRef!.split("/").pop()).map((u) => u.received)).toEqual([sample.length]);
    // And a further retry of either job is a no-op.
    expect(await advancePost(ctx.workspace.id, p1.id, { enqueue: r.enqueue, now: later })).toBe("skipped");
  }, 120_000);
});

describe("metrics and ROI", () => {
  it("pulls each platform's numbers as a time series and computes cost per 1,000 views", async () => {
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const y = await connect(ctx, "youtube");
    const i = await connect(ctx, "instagram");
    const v = await completedVideo(ctx, { costCents: 301 });
    const r = recorder();
    const c = { workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" };
    const pt = await createPost(c, { videoId: v.id, accountId: a.id, privacy: "SELF_ONLY" }, r.enqueue);
    await createPost(c, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    await createPost(c, { videoId: v.id, accountId: i.id }, r.enqueue);
    await drain(r);
    expect((await pullWorkspaceMetrics(ctx.workspace.id)).samples).toBe(3);
    expect((await pullWorkspaceMetrics(ctx.workspace.id)).samples).toBe(3);
    const series = await metricsSeries(getDb(), ctx.workspace.id, pt.post.id);
    expect(series).toHaveLength(2);
    expect(series[1].views).toBeGreaterThan(series[0].views);
    const roi = await workspaceRoi(ctx.workspace.id);
    // 301 cents split 101/100/100 over three posts; the latest sample of each counts.
    expect(roi.total.costCents).toBe(301);
    expect(roi.byPlatform.reduce((s, p) => s + p.costCents, 0)).toBe(301);
    const views = roi.total.views;
    expect(views).toBeGreaterThan(0);
    expect(roi.total.costPer1kViewsCents).toBe(Math.round((301 * 1000) / views));
  });
});

describe("tenancy and media links", () => {
  it("never lets one workspace post to, or read, another's accounts and posts", async () => {
    const a = await newWorkspace();
    const b = await newWorkspace();
    const acctA = await connect(a, "youtube");
    const vB = await completedVideo(b);
    const r = recorder();
    // Mutation tried: dropping the workspace condition in findConnectedAccount → B posts with A's account; fails here.
    await expect(createPost({ workspaceId: b.workspace.id, userId: b.user.id, timezone: "UTC" }, { videoId: vB.id, accountId: acctA.id, privacy: "private" }, r.enqueue))
      .rejects.toThrow(/Connected account not found/);
    const vA = await completedVideo(a);
    const { post } = await createPost({ workspaceId: a.workspace.id, userId: a.user.id, timezone: "UTC" }, { videoId: vA.id, accountId: acctA.id, privacy: "private" }, r.enqueue);
    expect(await advancePost(b.workspace.id, post.id, { enqueue: r.enqueue })).toBe("skipped");
  });

  it("serves the signed media link only with a genuine token", async () => {
    const { signMediaToken } = await import("./media");
    const ctx = await newWorkspace();
    const y = await connect(ctx, "youtube");
    const v = await completedVideo(ctx);
    const r = recorder();
    const { post } = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: "UTC" }, { videoId: v.id, accountId: y.id, privacy: "private" }, r.enqueue);
    const good = signMediaToken(ctx.workspace.id, post.id, new Date());
    const ok = await serveSignedMedia(new Request("http://x/", { headers: { range: "bytes=0-9" } }), good);
    expect(ok.status).toBe(206);
    expect(Buffer.from(await ok.arrayBuffer())).toEqual(sample.subarray(0, 10));
    const other = await newWorkspace();
    // A token minted for another workspace with this post's id finds nothing.
    expect((await serveSignedMedia(new Request("http://x/"), signMediaToken(other.workspace.id, post.id, new Date()))).status).toBe(404);
    expect((await serveSignedMedia(new Request("http://x/"), `${good}x`)).status).toBe(404);
  });
});

describe("token refresh", () => {
  it("refreshes a TikTok token shortly before it expires and keeps the rotated refresh token", async () => {
    const { accessTokenFor } = await import("./accounts");
    const ctx = await newWorkspace();
    const a = await connect(ctx, "tiktok");
    const now = new Date();
    const first = await accessTokenFor(ctx.workspace.id, a.id, now);
    expect(first.account.accessTokenEnc).toBe(a.accessTokenEnc);
    await getDb().update(connectedAccounts).set({ accessTokenExpiresAt: new Date(now.getTime() + 5 * 60_000) }).where(eq(connectedAccounts.id, a.id));
    // Mutation tried: MARGIN_MS.tiktok = 0 → no refresh; the token stays the same and this fails.
    const second = await accessTokenFor(ctx.workspace.id, a.id, now);
    expect(second.token).not.toBe(first.token);
    expect(second.account.refreshTokenEnc).not.toBe(a.refreshTokenEnc);
    expect(second.account.accessTokenExpiresAt!.getTime()).toBeGreaterThan(now.getTime() + 3600_000);
    // The rotated refresh token works: a forced refresh succeeds again.
    const { refreshAccount } = await import("./accounts");
    await expect(refreshAccount(ctx.workspace.id, a.id, now, true)).resolves.toMatchObject({ account: { status: "active" } });
  });
});
