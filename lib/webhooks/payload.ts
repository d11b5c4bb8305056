/**
 * What webhook consumers get for a video: absolute URLs that work without a bearer key.
 * Zapier-style receivers cannot hold an API key, so the media URLs are capability URLs:
 * `/api/media/signed/<token>`, where the token names (workspace, video, what to serve, expiry)
 * and carries an HMAC of exactly that under APP_SECRET. Stateless on purpose: one URL per
 * delivery, nothing to store or clean up; a wrong signature is 404, an expired one 410, and a
 * deleted video 410 (the row is re-read, scoped by the token's workspace, on every request).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { appSecret } from "@/lib/auth/secret";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { publicVideo } from "@/lib/videos/public";
import type { Video } from "@/lib/videos/state";

/** Long enough for a queued automation to fetch the file; short enough that a leaked log ages out. */
export const SIGNED_MEDIA_TTL_MS = 7 * 24 * 3600_000;

const claims = z.object({
  w: z.string().uuid(),
  v: z.string().uuid(),
  /** "video" (inline), "download" (attachment), "thumbnail", or a rendition name: a platform or, for composed shorts, an aspect ("9:16"). */
  k: z.string().regex(/^[a-z0-9_:]{1,40}$/),
  /** Expiry, Unix seconds. */
  e: z.number().int().positive(),
});
export type SignedMediaClaims = z.infer<typeof claims>;

function mac(body: string): Buffer {
  // Its own prefix: a share-link or mail-token signature can never pass for one of these.
  return createHmac("sha256", appSecret()).update(`signed-media:${body}`).digest();
}

export function signMediaToken(c: SignedMediaClaims): string {
  const body = Buffer.from(JSON.stringify(claims.parse(c))).toString("base64url");
  return `${body}.${mac(body).toString("base64url")}`;
}

/** The claims of a genuine, unexpired token; 404 for anything forged or malformed, 410 once expired. */
export function verifyMediaToken(token: string, now = new Date()): SignedMediaClaims {
  const bad = () => new AppError("not_found", "This download link is not valid. Copy the whole URL from the webhook payload.");
  const [body, sig] = typeof token === "string" ? token.split(".") : [];
  if (!body || !sig || body.length > 400) throw bad();
  const want = mac(body);
  const got = Buffer.from(sig, "base64url");
  if (got.length !== want.length || !timingSafeEqual(got, want)) throw bad();
  let parsed: SignedMediaClaims;
  try {
    parsed = claims.parse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")));
  } catch {
    throw bad();
  }
  if (parsed.e * 1000 <= now.getTime()) {
    throw new AppError("gone", "This download link has expired. Fetch the video again with your API key, or from a newer webhook delivery.");
  }
  return parsed;
}

/** The storage key a token may serve, re-checked against the video's current row. */
export async function resolveSignedMedia(token: string, now = new Date()) {
  const c = verifyMediaToken(token, now);
  const v = await findVideoForWorkspace(getDb(), c.w, c.v);
  if (!v || v.deletedAt || !v.videoKey) throw new AppError("gone", "This video is no longer available.");
  const key = c.k === "video" || c.k === "download" ? v.videoKey : c.k === "thumbnail" ? v.thumbnailKey : v.renditions[c.k];
  if (!key) throw new AppError("gone", "This file is no longer available for the video.");
  return { video: v, key, kind: c.k, download: c.k !== "video" && c.k !== "thumbnail" };
}

function signedUrl(v: Pick<Video, "id" | "workspaceId">, k: string, exp: number): string {
  return `${appUrl()}/api/media/signed/${signMediaToken({ w: v.workspaceId, v: v.id, k, e: exp })}`;
}

/** Absolute, signed, expiring URLs for a video's files (null where the file does not exist). */
export function signedVideoUrls(v: Video, now = new Date(), ttlMs = SIGNED_MEDIA_TTL_MS) {
  const exp = Math.floor((now.getTime() + ttlMs) / 1000);
  const ready = !!v.videoKey;
  return {
    video: ready ? signedUrl(v, "video", exp) : null,
    download: ready ? signedUrl(v, "download", exp) : null,
    thumbnail: ready && v.thumbnailKey ? signedUrl(v, "thumbnail", exp) : null,
    renditions: ready ? Object.fromEntries(Object.keys(v.renditions).map((p) => [p, signedUrl(v, p, exp)])) : {},
    expiresAt: ready ? new Date(exp * 1000).toISOString() : null,
  };
}

/**
 * The video as a webhook sends it: the API shape, with `urls` made absolute; media URLs are
 * signed (no key needed), `self` is the API resource (needs a key, as any API call).
 */
export function webhookVideoPayload(v: Video, now = new Date()) {
  const base = publicVideo(v);
  return { ...base, urls: { self: `${appUrl()}${base.urls.self}`, ...signedVideoUrls(v, now) } };
}
