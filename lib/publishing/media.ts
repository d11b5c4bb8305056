/**
 * Media for the platforms: bytes read from storage by range (chunked/resumable uploads), and
 * a signed, expiring public URL for the pull-based ones (Instagram cURLs the video_url at
 * container time). The token names the post, not a storage key, and is HMAC-signed with a key
 * derived from APP_SECRET, so it opens exactly one rendition until it expires.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { storage } from "@/lib/storage";
import { appSecret } from "@/lib/auth/secret";
import { appUrl } from "@/lib/env";
import type { MediaSource } from "./types";

const TTL_SECONDS = 6 * 3600;

function mac(payload: string): string {
  return createHmac("sha256", `${appSecret()}:publishing-media`).update(payload).digest("base64url");
}

export function signMediaToken(workspaceId: string, postId: string, now: Date, ttlSeconds = TTL_SECONDS): string {
  const payload = `${workspaceId}.${postId}.${Math.floor(now.getTime() / 1000) + ttlSeconds}`;
  return `${Buffer.from(payload).toString("base64url")}.${mac(payload)}`;
}

/** → { workspaceId, postId } when the token is genuine and unexpired, else null. */
export function verifyMediaToken(token: string, now: Date): { workspaceId: string; postId: string } | null {
  const [p, sig] = token.split(".");
  if (!p || !sig) return null;
  const payload = Buffer.from(p, "base64url").toString("utf8");
  const want = Buffer.from(mac(payload));
  const got = Buffer.from(sig);
  if (want.length !== got.length || !timingSafeEqual(want, got)) return null;
  const [workspaceId, postId, exp] = payload.split(".");
  if (!workspaceId || !postId || !(Number(exp) * 1000 > now.getTime())) return null;
  return { workspaceId, postId };
}

export function mediaPublicUrl(token: string, base = process.env.PUBLISHING_MEDIA_BASE_URL ?? appUrl()): string {
  return `${base.replace(/\/+$/, "")}/api/publishing/media/${token}`;
}

export async function mediaSource(key: string, publicUrl: string, durationSeconds: number | null): Promise<MediaSource> {
  const st = await storage().stat(key);
  if (!st) throw new Error(`media ${key} is missing from storage`);
  return {
    size: st.size,
    contentType: st.contentType || "video/mp4",
    durationSeconds,
    publicUrl,
    async read(start, end) {
      const chunks: Buffer[] = [];
      for await (const c of await storage().read(key, { start, end })) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c));
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Answers a platform's fetch of a signed media URL (GET/HEAD with Range): the post's rendition
 * only, while the token is valid. 404 for anything else, so a bad token reveals nothing.
 */
export async function serveSignedMedia(req: Request, token: string, now = new Date()): Promise<Response> {
  const { getDb } = await import("@/db/client");
  const { findPost } = await import("@/db/queries/publishing");
  const { serveObject } = await import("@/lib/storage/http");
  const t = verifyMediaToken(token, now);
  const post = t ? await findPost(getDb(), t.workspaceId, t.postId) : null;
  if (!post?.rendition) return new Response("Not found", { status: 404 });
  return serveObject(req, post.rendition, { filename: "video.mp4", cacheSeconds: 0 });
}
