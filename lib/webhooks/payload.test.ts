/**
 * Issue 17: webhook payloads carry absolute, signed, expiring media URLs that work without a
 * bearer key; and "Send test event" goes through the normal (signed, logged) delivery path.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/media/signed/[token]/route";
import { getDb } from "@/db/client";
import { avatarProfiles, videoGenerations, webhookDeliveries } from "@/db/schema";
import { appUrl } from "@/lib/env";
import type { GuardOptions } from "@/lib/net/egress";
import { storage } from "@/lib/storage";
import { newWorkspace } from "@/lib/testing/fixtures";
import { createEndpoint } from "@/lib/webhooks";
import { verifySignature } from "@/lib/webhooks/sign";
import { signMediaToken, webhookVideoPayload, SIGNED_MEDIA_TTL_MS } from "./payload";
import { sendTestEvent } from "./test-event";

const allowLoopback: GuardOptions = { policy: { allowPrivate: true, allowHosts: [] } };
const VIDEO_BYTES = Buffer.from("not really an mp4 but bytes all the same ".repeat(50));

async function completedVideo(workspaceId: string) {
  const [avatar] = await getDb().select().from(avatarProfiles).where(eq(avatarProfiles.slug, "sarah"));
  const [v] = await getDb()
    .insert(videoGenerations)
    .values({ workspaceId, scriptTitle: "Signed URLs", scriptContent: "Hello", avatarProfileId: avatar.id, background: { type: "color", value: "#ffffff" }, status: "completed" })
    .returning();
  const keys = { videoKey: `test-signed/${v.id}/video.mp4`, thumbnailKey: `test-signed/${v.id}/thumb.jpg`, renditions: { youtube_shorts: `test-signed/${v.id}/yt.mp4` } };
  await storage().putBuffer(keys.videoKey, VIDEO_BYTES, "video/mp4");
  await storage().putBuffer(keys.thumbnailKey, Buffer.alloc(64, 7), "image/jpeg");
  await storage().putBuffer(keys.renditions.youtube_shorts, Buffer.alloc(32, 3), "video/mp4");
  const [done] = await getDb().update(videoGenerations).set(keys).where(eq(videoGenerations.id, v.id)).returning();
  return done;
}

/** GETs a payload URL the way a consumer would: no cookie, no Authorization header. */
async function fetchUnauthenticated(url: string): Promise<Response> {
  const token = new URL(url).pathname.split("/").pop()!;
  return GET(new Request(url), { params: Promise.resolve({ token }) });
}

describe("webhook video payload", () => {
  it("has absolute signed URLs that serve the bytes without a key", async () => {
    const ctx = await newWorkspace();
    const v = await completedVideo(ctx.workspace.id);
    const p = webhookVideoPayload(v);
    expect(p.urls.self).toBe(`${appUrl()}/api/v1/videos/${v.id}`);
    for (const u of [p.urls.video, p.urls.download, p.urls.thumbnail, p.urls.renditions.youtube_shorts]) expect(u).toMatch(/^https?:\/\/[^/]+\/api\/media\/signed\//);

    const res = await fetchUnauthenticated(p.urls.download!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="signed-urls.mp4"/);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(VIDEO_BYTES);
    const thumb = await fetchUnauthenticated(p.urls.thumbnail!);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
  });

  it("refuses an expired URL with 410 and a forged or re-pointed one with 404", async () => {
    const ctx = await newWorkspace();
    const other = await newWorkspace();
    const v = await completedVideo(ctx.workspace.id);
    // Issued 8 days ago with a 7-day life.
    // Mutation tried: dropping the `parsed.e * 1000 <= now` check in verifyMediaToken → 200, test fails.
    const old = webhookVideoPayload(v, new Date(Date.now() - SIGNED_MEDIA_TTL_MS - 24 * 3600_000));
    const expired = await fetchUnauthenticated(old.urls.video!);
    expect(expired.status).toBe(410);
    expect((await expired.json()).error.message).toMatch(/expired/);

    // Same claims, another workspace's id swapped in without re-signing.
    // Mutation tried: comparing only the signature length (not timingSafeEqual) → 200, test fails.
    const good = new URL(webhookVideoPayload(v).urls.video!);
    const [body, sig] = good.pathname.split("/").pop()!.split(".");
    const claims = JSON.parse(Buffer.from(body, "base64url").toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, e: claims.e + 10 ** 6 })).toString("base64url");
    expect((await fetchUnauthenticated(`${appUrl()}/api/media/signed/${forgedBody}.${sig}`)).status).toBe(404);

    // A genuine token naming the video under the wrong workspace: the row is looked up by the token's workspace.
    // Mutation tried: looking the video up by id alone → another tenant's bytes are served, test fails.
    const cross = signMediaToken({ w: other.workspace.id, v: v.id, k: "video", e: claims.e });
    expect((await fetchUnauthenticated(`${appUrl()}/api/media/signed/${cross}`)).status).toBe(410);

    // Deleted videos stop serving at once, whatever the URL's expiry.
    await getDb().update(videoGenerations).set({ deletedAt: new Date() }).where(eq(videoGenerations.id, v.id));
    expect((await fetchUnauthenticated(good.toString())).status).toBe(410);
  });
});

describe("send test event", () => {
  it("delivers a signed `test` event through the normal path and logs it; another workspace gets 404", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const ctx = await newWorkspace();
      const port = (receiver.address() as AddressInfo).port;
      const ep = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/hook`, events: ["video.completed"] }, allowLoopback);
      const d = await sendTestEvent(ctx, ep.id, { egress: allowLoopback });
      expect(d).toMatchObject({ event: "test", status: "delivered", statusCode: 204, error: null, attempts: 1 });
      expect(received).toHaveLength(1);
      expect(received[0].headers["x-avs-event"]).toBe("test");
      expect(verifySignature(ep.secret, received[0].body, String(received[0].headers["x-avs-signature"]))).toBe(true);
      expect(JSON.parse(received[0].body)).toMatchObject({ type: "test", workspaceId: ctx.workspace.id });
      const [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(row.workspaceId).toBe(ctx.workspace.id);

      // Mutation tried: selecting the endpoint by id alone → the other workspace's test is sent, test fails.
      const stranger = await newWorkspace();
      await expect(sendTestEvent(stranger, ep.id, { egress: allowLoopback })).rejects.toMatchObject({ status: 404 });
      expect(received).toHaveLength(1);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });

  it("a failing endpoint is tried once and logged as failed with its status", async () => {
    const receiver = http.createServer((_req, res) => res.writeHead(500).end());
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const ctx = await newWorkspace();
      const port = (receiver.address() as AddressInfo).port;
      const ep = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/hook` }, allowLoopback);
      // Mutation tried: not catching attemptDelivery's retry signal → the call rejects, test fails.
      const d = await sendTestEvent(ctx, ep.id, { egress: allowLoopback });
      expect(d).toMatchObject({ status: "failed", statusCode: 500, error: "Endpoint answered HTTP 500", attempts: 1 });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});
