/**
 * The publishing and analytics routes through their real handlers (API key auth, zod parsing,
 * error mapping) against the TikTok fake: what a caller sees for good and bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { getDb } from "@/db/client";
import { avatarProfiles, videoGenerations } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { storage } from "@/lib/storage";
import { call, keyFor } from "@/lib/http/test-helpers";
import type { AuthContext } from "@/lib/auth/context";
import { completeConnect, startConnect } from "@/lib/publishing/accounts";
import { startTikTokFake, type TikTokFake } from "@/e2e/fakes/platforms/tiktok";
import * as accountsRoute from "./accounts/route";
import * as accountRoute from "./accounts/[id]/route";
import * as creatorInfoRoute from "./accounts/[id]/creator-info/route";
import * as postsRoute from "./posts/route";
import * as metricsRoute from "./metrics/route";
import * as postKitRoute from "./post-kit/route";
import * as trackRoute from "./posts/track/route";
import { parsePostUrl } from "@/lib/publishing/track";
import * as roiRoute from "./roi/route";
import * as analyticsRoute from "../analytics/route";
import * as exportRoute from "../analytics/export/route";

let tt: TikTokFake;
let ctx: AuthContext;
let key: string;
let accountId: string;
let videoId: string;
let renderingId: string;

beforeAll(async () => {
  tt = await startTikTokFake();
  Object.assign(process.env, { TIKTOK_CLIENT_KEY: tt.clientKey, TIKTOK_CLIENT_SECRET: tt.clientSecret, TIKTOK_BASE_URL: tt.baseUrl, PUBLISHING_REDIRECT_BASE_URL: "http://app.test" });
  ctx = await newWorkspace();
  key = await keyFor(ctx);
  const url = await startConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "tiktok");
  const back = new URL((await fetch(url, { redirect: "manual" })).headers.get("location")!);
  accountId = (await completeConnect({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, "tiktok", { code: back.searchParams.get("code"), state: back.searchParams.get("state") })).id;
  const [avatar] = await getDb().select().from(avatarProfiles).limit(1);
  const k = `test/${ctx.workspace.id}/routes.mp4`;
  await storage().putBuffer(k, readFileSync(path.resolve(import.meta.dirname, "../../../../e2e/fakes/sample.mp4")), "video/mp4");
  const base = { workspaceId: ctx.workspace.id, scriptTitle: "Routes", scriptContent: "A script long enough.", avatarProfileId: avatar.id, background: { type: "color" as const, value: "#000000" } };
  [{ id: videoId }] = await getDb().insert(videoGenerations).values({ ...base, status: "completed", videoKey: k, durationSeconds: 12, sizeBytes: 9770 }).returning();
  [{ id: renderingId }] = await getDb().insert(videoGenerations).values({ ...base, status: "processing" }).returning();
});

afterAll(async () => {
  await tt?.close();
});

describe("publishing routes", () => {
  it("lists accounts without tokens, and the TikTok creator's privacy options", async () => {
    const r = await call(accountsRoute.GET, "/publishing/accounts", { key });
    expect(r.status).toBe(200);
    expect(r.json.accounts).toHaveLength(1);
    expect(JSON.stringify(r.json)).not.toMatch(/accessTokenEnc|refreshTokenEnc|act\./);
    expect(r.json.platforms.find((p: { platform: string }) => p.platform === "tiktok").configured).toBe(true);
    const c = await call(creatorInfoRoute.GET, `/publishing/accounts/${accountId}/creator-info`, { key, params: { id: accountId } });
    expect(c.status).toBe(200);
    expect(c.json.privacyLevelOptions).toContain("SELF_ONLY");
  });

  it("answers bad input with a 4xx that says what to do", async () => {
    const cases: Array<[unknown, number, RegExp]> = [
      [{ videoId: "nope", accountId }, 400, /videoId/i],
      [{ videoId, accountId }, 400, /Choose who can see the TikTok post/],
      [{ videoId, accountId, privacy: "EVERYBODY" }, 400, /privacy must be one of/],
      [{ videoId, accountId, privacy: "SELF_ONLY", scheduledAt: "tomorrow" }, 400, /scheduledAt must look like/],
      [{ videoId, accountId, privacy: "SELF_ONLY", scheduledAt: "2020-01-01T09:00" }, 400, /in the past/],
      [{ videoId, accountId, privacy: "SELF_ONLY", caption: "x".repeat(2300) }, 400, /limit is 2200/],
      [{ videoId: renderingId, accountId, privacy: "SELF_ONLY" }, 409, /Only a completed video/],
      [{ videoId: "00000000-0000-4000-8000-000000000000", accountId, privacy: "SELF_ONLY" }, 404, /Video not found/],
      [{ videoId, accountId: "00000000-0000-4000-8000-000000000000", privacy: "SELF_ONLY" }, 404, /connect it in Settings/],
    ];
    for (const [body, status, msg] of cases) {
      const r = await call(postsRoute.POST, "/publishing/posts", { key, body });
      expect({ body, status: r.status }).toEqual({ body, status });
      expect(r.json.error.message).toMatch(msg);
    }
    expect((await call(postsRoute.GET, "/publishing/posts", { key, query: "videoId=abc" })).status).toBe(400);
    expect((await call(roiRoute.GET, "/publishing/roi", { key, query: "days=0" })).status).toBe(400);
    const a = await call(analyticsRoute.GET, "/analytics", { key, query: "days=1000" });
    expect(a.status).toBe(400);
    expect(a.json.error.message).toMatch(/at most 365/);
    expect((await call(exportRoute.GET, "/analytics/export", { key, query: "days=x" })).status).toBe(400);
  });

  it("creates a post once (201, then 200 for the same video × account) and lists it", async () => {
    const first = await call(postsRoute.POST, "/publishing/posts", { key, body: { videoId, accountId, privacy: "SELF_ONLY" } });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ created: true, post: { status: "queued", privacy: "SELF_ONLY" } });
    const again = await call(postsRoute.POST, "/publishing/posts", { key, body: { videoId, accountId, privacy: "SELF_ONLY" } });
    // Mutation tried: answering 201 whatever `created` says (posts/route.ts) → fails here.
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(again.json.post.id).toBe(first.json.post.id);
    const list = await call(postsRoute.GET, "/publishing/posts", { key, query: `videoId=${videoId}` });
    expect(list.json.posts.map((p: { id: string }) => p.id)).toEqual([first.json.post.id]);
  });

  it("pulls metrics on demand, serves ROI and the CSV export", async () => {
    const m = await call(metricsRoute.POST, "/publishing/metrics", { key });
    expect(m.status).toBe(200);
    expect(m.json).toEqual({ samples: 0, errors: [] });
    const roi = await call(roiRoute.GET, "/publishing/roi", { key, query: "days=30" });
    expect(roi.status).toBe(200);
    expect(roi.json.total.costPer1kViewsCents).toBeNull();
    const csv = await call(exportRoute.GET, "/analytics/export", { key, query: "days=30" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/roi-last-30-days\.csv/);
    expect(String(csv.json)).toMatch(/^dimension,key,posts,cost_usd,views/);
    const a = await call(analyticsRoute.GET, "/analytics", { key, query: "days=7" });
    expect(a.status).toBe(200);
    expect(a.json.roi.total.posts).toBe(0);
    expect(a.json.spendVsViews).toHaveLength(7);
  });

  it("serves the post kit: per platform the video and caption, plus a README; 409 while rendering, 404 elsewhere", async () => {
    const r = await postKitRoute.GET(new Request(`http://studio.test/api/v1/publishing/post-kit?videoId=${videoId}`, { headers: { authorization: `Bearer ${key}` } }), { params: Promise.resolve({}) });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/zip");
    expect(r.headers.get("content-disposition")).toBe('attachment; filename="routes-post-kit.zip"');
    const zip = Buffer.from(await r.arrayBuffer());
    expect(zip.length).toBe(Number(r.headers.get("content-length")));
    // Names from the central directory (signature 0x02014b50, name length at +28, name at +46).
    const names: string[] = [];
    for (let i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
      names.push(zip.subarray(i + 46, i + 46 + zip.readUInt16LE(i + 28)).toString("utf8"));
    }
    expect(names).toEqual(["README.txt", "tiktok/caption.txt", "tiktok/video.mp4", "instagram/caption.txt", "instagram/video.mp4", "youtube/caption.txt", "youtube/video.mp4"]);
    expect(zip.toString("utf8")).toContain("TikTok: upload tiktok/video.mp4");
    expect((await call(postKitRoute.GET, "/publishing/post-kit", { key, query: `videoId=${renderingId}` })).status).toBe(409);
    const other = await newWorkspace();
    expect((await call(postKitRoute.GET, "/publishing/post-kit", { key: await keyFor(other), query: `videoId=${videoId}` })).status).toBe(404);
  });

  it("parses TikTok and YouTube post links, refuses Instagram and others with what to do", () => {
    expect(parsePostUrl("https://www.tiktok.com/@fake.creator/video/7312345678901234567?lang=en")).toEqual({ platform: "tiktok", id: "7312345678901234567", url: "https://www.tiktok.com/@fake.creator/video/7312345678901234567" });
    expect(parsePostUrl("https://youtube.com/shorts/dQw4w9WgXcQ?feature=share")).toMatchObject({ platform: "youtube", id: "dQw4w9WgXcQ" });
    expect(parsePostUrl("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3")).toMatchObject({ platform: "youtube", id: "dQw4w9WgXcQ", url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" });
    expect(parsePostUrl("https://youtu.be/dQw4w9WgXcQ")).toMatchObject({ platform: "youtube", id: "dQw4w9WgXcQ" });
    expect(parsePostUrl("https://www.instagram.com/reel/Cabc123/")).toMatchObject({ error: expect.stringMatching(/Publish the Reel from here/) });
    expect(parsePostUrl("https://www.tiktok.com/@x/photo/1")).toMatchObject({ error: expect.stringMatching(/looks like/) });
    expect(parsePostUrl("javascript:alert(1)")).toMatchObject({ error: expect.stringMatching(/full link/) });
    expect(parsePostUrl("tiktok")).toMatchObject({ error: expect.stringMatching(/full link/) });
  });

  it("tracks a pasted TikTok link once (201, then 409), refuses a platform with no connected account", async () => {
    const url = "https://www.tiktok.com/@fake.creator/video/7312345678901234567";
    const t = await call(trackRoute.POST, "/publishing/posts/track", { key, body: { videoId: renderingId, url } });
    expect(t.status).toBe(201);
    expect(t.json.post).toMatchObject({ platform: "tiktok", status: "published", platformPostId: "7312345678901234567", platformUrl: url, source: "tracked" });
    const again = await call(trackRoute.POST, "/publishing/posts/track", { key, body: { videoId: renderingId, url } });
    expect(again.status).toBe(409);
    const yt = await call(trackRoute.POST, "/publishing/posts/track", { key, body: { videoId: renderingId, url: "https://youtu.be/dQw4w9WgXcQ" } });
    expect(yt.status).toBe(400);
    expect(yt.json.error.message).toMatch(/Connect a YouTube account/);
    const ig = await call(trackRoute.POST, "/publishing/posts/track", { key, body: { videoId: renderingId, url: "https://instagram.com/reel/Cabc123" } });
    expect(ig.status).toBe(400);
    // The metrics pull asks TikTok for it (TikTok answers only for the creator's own videos).
    const before = tt.requests.filter((x) => x.path === "/v2/video/query/").length;
    await call(metricsRoute.POST, "/publishing/metrics", { key });
    const q = tt.requests.filter((x) => x.path === "/v2/video/query/");
    expect(q.length).toBe(before + 1);
    expect((q[q.length - 1].body.filters as { video_ids: string[] }).video_ids).toContain("7312345678901234567");
  });

  it("disconnect: another workspace gets 404 (not 403), the owner disconnects", async () => {
    const other = await newWorkspace();
    const otherKey = await keyFor(other);
    expect((await call(accountRoute.DELETE, `/publishing/accounts/${accountId}`, { key: otherKey, params: { id: accountId } })).status).toBe(404);
    const d = await call(accountRoute.DELETE, `/publishing/accounts/${accountId}`, { key, params: { id: accountId } });
    expect(d.status).toBe(200);
    expect((await call(accountsRoute.GET, "/publishing/accounts", { key })).json.accounts).toHaveLength(0);
  });
});
