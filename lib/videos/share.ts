/**
 * Share links: a signed token naming a share_links row. The signature stops guessing; the row
 * makes links expire and revocable (410 Gone) without rotating any secret.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { shareLinks, shareViews, videoAnalyticsEvents, videoGenerations } from "@/db/schema";
import { appSecret } from "@/lib/auth/secret";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { appUrl } from "@/lib/env";

function sign(id: string): string {
  return createHmac("sha256", appSecret()).update(`share:${id}`).digest("base64url").slice(0, 22);
}

export function tokenFor(id: string): string {
  return `${Buffer.from(id.replace(/-/g, ""), "hex").toString("base64url")}.${sign(id)}`;
}

function idFromToken(token: string): string | null {
  const [raw, sig] = token.split(".");
  if (!raw || !sig) return null;
  const hex = Buffer.from(raw, "base64url").toString("hex");
  if (hex.length !== 32) return null;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const a = Buffer.from(sign(id));
  const b = Buffer.from(sig);
  return a.length === b.length && timingSafeEqual(a, b) ? id : null;
}

export const shareInput = z.object({ expiresInHours: z.number().int().min(1).max(24 * 365).nullable().default(24 * 7) });

export async function createShareLink(ctx: AuthContext, videoId: string, input: unknown) {
  const { expiresInHours } = shareInput.parse(input ?? {});
  const v = await findVideoForWorkspace(getDb(), ctx.workspace.id, videoId);
  if (!v) throw new AppError("not_found", "Video not found.");
  if (v.status !== "completed") throw new AppError("conflict", "Only finished videos can be shared; wait until it is ready.");
  const [row] = await getDb()
    .insert(shareLinks)
    .values({ workspaceId: ctx.workspace.id, videoId, createdBy: ctx.user.id, expiresAt: expiresInHours ? new Date(Date.now() + expiresInHours * 3600_000) : null })
    .returning();
  await getDb().insert(videoAnalyticsEvents).values({ workspaceId: ctx.workspace.id, videoId, type: "share", meta: { expiresInHours } });
  return { id: row.id, url: `${appUrl()}/s/${tokenFor(row.id)}`, path: `/s/${tokenFor(row.id)}`, expiresAt: row.expiresAt, createdAt: row.createdAt };
}

export async function listShareLinks(ctx: AuthContext, videoId: string) {
  const rows = await getDb()
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.workspaceId, ctx.workspace.id), eq(shareLinks.videoId, videoId)))
    .orderBy(desc(shareLinks.createdAt));
  return rows.map((r) => ({ id: r.id, path: `/s/${tokenFor(r.id)}`, expiresAt: r.expiresAt, revokedAt: r.revokedAt, createdAt: r.createdAt }));
}

export async function revokeShareLink(ctx: AuthContext, shareId: string): Promise<void> {
  const rows = await getDb()
    .update(shareLinks)
    .set({ revokedAt: new Date() })
    .where(and(eq(shareLinks.workspaceId, ctx.workspace.id), eq(shareLinks.id, shareId), isNull(shareLinks.revokedAt)))
    .returning({ id: shareLinks.id });
  if (!rows.length) throw new AppError("not_found", "Share link not found or already revoked.");
}

/** Resolves a public token to the video; unknown → 404, expired or revoked → 410. */
export async function resolveShareToken(token: string) {
  const id = idFromToken(token);
  if (!id) throw new AppError("not_found", "This share link does not exist.");
  const [row] = await getDb()
    .select({ link: shareLinks, video: videoGenerations })
    .from(shareLinks)
    .innerJoin(videoGenerations, eq(videoGenerations.id, shareLinks.videoId))
    .where(eq(shareLinks.id, id));
  if (!row) throw new AppError("not_found", "This share link does not exist.");
  if (row.link.revokedAt) throw new AppError("gone", "This share link was revoked by its owner.");
  if (row.link.expiresAt && row.link.expiresAt.getTime() < Date.now()) throw new AppError("gone", "This share link has expired. Ask the owner for a new one.");
  if (row.video.deletedAt || !row.video.videoKey) throw new AppError("gone", "This video is no longer available.");
  return row;
}

/** A viewer is counted once per link per window, however many (Range) requests they make. */
export const SHARE_VIEW_WINDOW_MS = 30 * 60_000;

/**
 * An opaque viewer id: HMAC of the client address (as server.ts recorded it from the socket)
 * and the user agent. The raw address is never stored.
 */
export function shareViewerKey(headers: Headers): string {
  const ip = headers.get("x-avs-client-ip") ?? "";
  const ua = (headers.get("user-agent") ?? "").slice(0, 300);
  return createHmac("sha256", appSecret()).update(`share-viewer:${ip}|${ua}`).digest("base64url").slice(0, 32);
}

/** Counts a view unless this viewer was already counted for this link in the current window. Returns whether it counted. */
export async function recordShareView(
  link: { id: string; workspaceId: string; videoId: string },
  viewer: string,
  platform: string | null,
  now: Date = new Date(),
): Promise<boolean> {
  const windowStart = new Date(Math.floor(now.getTime() / SHARE_VIEW_WINDOW_MS) * SHARE_VIEW_WINDOW_MS);
  const fresh = await getDb()
    .insert(shareViews)
    .values({ shareLinkId: link.id, viewer, windowStart })
    .onConflictDoNothing()
    .returning({ viewer: shareViews.viewer });
  if (!fresh.length) return false;
  const p = platform && /^[a-z0-9_-]{1,32}$/i.test(platform) ? platform : null;
  await getDb().insert(videoAnalyticsEvents).values({ workspaceId: link.workspaceId, videoId: link.videoId, type: "share_view", platform: p });
  return true;
}
