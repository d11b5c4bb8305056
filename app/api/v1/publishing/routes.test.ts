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

  it("disconnect: another workspace gets 404 (not 403), the owner disconnects", async () => {
    const other = await newWorkspace();
    const otherKey = await keyFor(other);
    expect((await call(accountRoute.DELETE, `/publishing/accounts/${accountId}`, { key: otherKey, params: { id: accountId } })).status).toBe(404);
    const d = await call(accountRoute.DELETE, `/publishing/accounts/${accountId}`, { key, params: { id: accountId } });
    expect(d.status).toBe(200);
    expect((await call(accountsRoute.GET, "/publishing/accounts", { key })).json.accounts).toHaveLength(0);
  });
});
