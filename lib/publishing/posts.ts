/**
 * Posts: create (now, scheduled in the workspace's time zone, or automatically when a campaign
 * video completes) and advance — the body of the publish job. Never posts twice: one row per
 * video × account (unique), one worker per row (lease), and a resumed run continues from the
 * platform handle saved before any bytes went out (TikTok publish_id, Instagram container,
 * YouTube session) or stops at the stored platform post id.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { PostStatus, SocialPlatform } from "@/db/schema";
import { findVideoForWorkspace } from "@/db/queries/videos";
import {
  countSubmittedBetween,
  findConnectedAccount,
  findPost,
  insertPostIfAbsent,
  leasePost,
  listConnectedAccounts,
  releasePost,
  updatePost,
  workspaceTimezone,
  autoPostContext,
  type SocialPostRow,
} from "@/db/queries/publishing";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { isValidTimeZone, localDayBounds, localParts, zonedTime } from "@/lib/campaigns/schedule";
import type { Enqueue } from "@/lib/jobs/define";
import { PLATFORM_LABEL, platformConfig } from "./config";
import { accessTokenFor, refreshAccount } from "./accounts";
import { clientFor } from "./clients";
import { isPlatformError, PlatformError } from "./errors";
import { mediaPublicUrl, mediaSource, signMediaToken } from "./media";
import { pickRendition } from "./spec";
import { postText, topicsOf } from "./text";

import { MAX_ATTEMPTS, PUBLISH_JOB } from "./jobs";
export { MAX_ATTEMPTS, PUBLISH_JOB };
const LEASE_MS = 15 * 60_000;

export const TIKTOK_PRIVACY = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"] as const;
export const YOUTUBE_PRIVACY = ["public", "unlisted", "private"] as const;

function pollSeconds(): number {
  const n = Number(process.env.PUBLISHING_POLL_SECONDS);
  return Number.isFinite(n) && n >= 0 ? n : 15;
}

export interface CreatePostInput {
  videoId: string;
  accountId: string;
  caption?: string;
  title?: string;
  /** Required for TikTok: the user's explicit pick among creator_info's privacy_level_options. */
  privacy?: string;
  /** YouTube audience declaration; TikTok interaction toggles. */
  madeForKids?: boolean;
  disableComment?: boolean;
  disableDuet?: boolean;
  disableStitch?: boolean;
  /** Local wall time "YYYY-MM-DDTHH:mm" in the workspace's time zone; omitted = now. */
  scheduledAt?: string;
  source?: "manual" | "scheduled" | "auto";
}

/** "2026-12-01T09:30" in `tz` → the UTC instant. */
export function localToUtc(local: string, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new AppError("bad_request", "scheduledAt must look like 2026-12-01T09:30 (local time of the workspace).");
  const [, y, mo, d, h, mi] = m.map(Number);
  const zone = isValidTimeZone(tz) ? tz : "UTC";
  return new Date(zonedTime(y, mo, d, h, zone).getTime() + mi * 60_000);
}

function resolvePrivacy(platform: SocialPlatform, requested: string | undefined, unaudited: boolean): { privacy: string; notice: string | null } {
  if (platform === "instagram") return { privacy: "PUBLIC", notice: null };
  if (platform === "tiktok") {
    if (!requested) throw new AppError("bad_request", "Choose who can see the TikTok post (one of the privacy options TikTok lists for this account).");
    if (!(TIKTOK_PRIVACY as readonly string[]).includes(requested)) throw new AppError("bad_request", `privacy must be one of ${TIKTOK_PRIVACY.join(", ")}.`);
    if (unaudited && requested !== "SELF_ONLY") return { privacy: "SELF_ONLY", notice: "This TikTok app is not audited yet: the post will be private (SELF_ONLY)." };
    return { privacy: requested, notice: null };
  }
  const p = requested ?? "public";
  if (!(YOUTUBE_PRIVACY as readonly string[]).includes(p)) throw new AppError("bad_request", `privacy must be one of ${YOUTUBE_PRIVACY.join(", ")}.`);
  if (unaudited && p !== "private") return { privacy: "private", notice: "This YouTube API project is not verified yet: the upload will be private." };
  return { privacy: p, notice: null };
}

export async function createPost(
  c: { workspaceId: string; userId: string | null; timezone: string },
  input: CreatePostInput,
  enqueue: Enqueue,
  now = new Date(),
): Promise<{ post: SocialPostRow; created: boolean; notice: string | null }> {
  const db = getDb();
  const video = await findVideoForWorkspace(db, c.workspaceId, input.videoId);
  if (!video) throw new AppError("not_found", "Video not found.");
  if (video.status !== "completed") throw new AppError("conflict", "Only a completed video can be published; wait until it finishes.");
  const acct = await findConnectedAccount(db, c.workspaceId, input.accountId);
  if (!acct) throw new AppError("not_found", "Connected account not found; connect it in Settings → Connected accounts.");
  if (acct.status !== "active") throw new AppError("conflict", `${PLATFORM_LABEL[acct.platform]} account ${acct.displayName} must be connected again before posting.`);
  const spec = pickRendition(acct.platform, video);
  if (!spec.ok) throw new AppError("bad_request", spec.reason);
  const { privacy, notice } = resolvePrivacy(acct.platform, input.privacy, acct.unaudited);
  const text = postText(acct.platform, { title: video.scriptTitle, script: video.scriptContent, topics: topicsOf(video) });
  const caption = (input.caption ?? text.caption).trim();
  const limit = acct.platform === "youtube" ? 5000 : 2200;
  if (caption.length > limit) throw new AppError("bad_request", `The ${PLATFORM_LABEL[acct.platform]} caption is ${caption.length} characters; the limit is ${limit}.`);
  const scheduledAt = input.scheduledAt ? localToUtc(input.scheduledAt, c.timezone) : null;
  if (scheduledAt && scheduledAt.getTime() < now.getTime() - 60_000) throw new AppError("bad_request", "The scheduled time is in the past; pick a later time or publish now.");
  const r = await insertPostIfAbsent(db, c.workspaceId, {
    videoId: video.id, accountId: acct.id, platform: acct.platform,
    status: scheduledAt ? "scheduled" : "queued",
    rendition: spec.key, caption, title: (input.title ?? text.title).slice(0, 100), privacy,
    options: {
      tags: text.hashtags.map((h) => h.slice(1)),
      madeForKids: input.madeForKids === true,
      disableComment: input.disableComment === true, disableDuet: input.disableDuet === true, disableStitch: input.disableStitch === true,
      requestedPrivacy: input.privacy ?? null,
    },
    scheduledAt, source: input.source ?? (scheduledAt ? "scheduled" : "manual"), createdBy: c.userId,
  });
  if (r.created) await enqueuePublish(enqueue, c.workspaceId, r.post.id, scheduledAt ?? undefined);
  return { ...r, notice };
}

export async function enqueuePublish(enqueue: Enqueue, workspaceId: string, postId: string, startAfter?: Date) {
  await enqueue(PUBLISH_JOB, { workspaceId, postId }, { singletonKey: `publish:${postId}`, priority: 5, ...(startAfter ? { startAfter } : {}) });
}

export type AdvanceResult = "published" | "processing" | "deferred" | "failed" | "retry" | "skipped";

export interface AdvanceOptions {
  now?: Date;
  owner?: string;
  enqueue: Enqueue;
}

const DONE: PostStatus[] = ["published", "published_private", "failed"];

/**
 * One run of the publish job for a post. Returns what happened; throws only for a transient
 * error with attempts left (so pg-boss retries with backoff).
 */
export async function advancePost(workspaceId: string, postId: string, o: AdvanceOptions): Promise<AdvanceResult> {
  const now = o.now ?? new Date();
  const owner = o.owner ?? randomUUID();
  const db = getDb();
  const existing = await findPost(db, workspaceId, postId);
  if (!existing || DONE.includes(existing.status) || existing.platformPostId) return "skipped";
  if (existing.scheduledAt && existing.scheduledAt > now) {
    await enqueuePublish(o.enqueue, workspaceId, postId, existing.scheduledAt);
    return "deferred";
  }
  const post = await leasePost(db, workspaceId, postId, owner, now, new Date(now.getTime() + LEASE_MS));
  if (!post) return "skipped"; // another worker holds it, or it just finished
  try {
    if (!post.submittedAt) {
      const gate = await claimDailySlot(post, now);
      if (gate) {
        await enqueuePublish(o.enqueue, workspaceId, postId, gate);
        return "deferred";
      }
    }
    return await step(post, now, o.enqueue);
  } finally {
    await releasePost(db, workspaceId, postId, owner);
  }
}

/**
 * The daily cap, under an advisory lock per account so two workers cannot both take the last
 * slot. Returns null when the post may go now, else when to try again (next local midnight).
 */
async function claimDailySlot(post: SocialPostRow, now: Date): Promise<Date | null> {
  return getDb().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`publish-cap:${post.accountId}`}))`);
    const acct = await findConnectedAccount(tx, post.workspaceId, post.accountId);
    if (!acct) throw new AppError("not_found", "The connected account was removed.");
    const timezone = await workspaceTimezone(tx, post.workspaceId);
    const day = localDayBounds(now, timezone);
    const used = await countSubmittedBetween(tx, post.workspaceId, post.accountId, day.start, day.end);
    if (used >= acct.dailyCap) {
      const p = localParts(day.end, isValidTimeZone(timezone) ? timezone : "UTC");
      await updatePost(tx, post.workspaceId, post.id, {
        status: "scheduled", scheduledAt: day.end,
        lastError: `Daily limit of ${acct.dailyCap} posts for ${acct.displayName} reached; moved to ${p.y}-${String(p.m).padStart(2, "0")}-${String(p.d).padStart(2, "0")} 00:00 (${timezone}).`,
        lastErrorCode: "daily_cap",
      });
      return day.end;
    }
    await updatePost(tx, post.workspaceId, post.id, { submittedAt: now, status: "uploading" });
    return null;
  });
}

async function step(post: SocialPostRow, now: Date, enqueue: Enqueue): Promise<AdvanceResult> {
  const db = getDb();
  const ws = post.workspaceId;
  let uploadRef = post.uploadRef;
  const run = async (token: string, acct: { externalAccountId: string; unaudited: boolean }) => {
    const video = await findVideoForWorkspace(db, ws, post.videoId);
    if (!video || !post.rendition) throw new PlatformError(post.platform, "permanent", "video_missing", "The video or its file was deleted.");
    const media = await mediaSource(post.rendition, mediaPublicUrl(signMediaToken(ws, post.id, now)), video.durationSeconds);
    return clientFor(post.platform, () => now).publish(token, acct.externalAccountId, {
      caption: post.caption, title: post.title ?? video.scriptTitle, privacy: post.privacy, options: post.options, media,
      uploadRef, unaudited: acct.unaudited,
      saveUploadRef: async (ref) => {
        uploadRef = ref;
        await updatePost(db, ws, post.id, { uploadRef: ref, status: "uploading" });
      },
    });
  };
  try {
    if (!platformConfig(post.platform)) throw new PlatformError(post.platform, "permanent", "not_configured", `${PLATFORM_LABEL[post.platform]} publishing is not configured on this server.`);
    let { token, account } = await accessTokenFor(ws, post.accountId, now);
    let r;
    try {
      r = await run(token, account);
    } catch (e) {
      // An access token the platform no longer takes: refresh once and go again.
      if (!isPlatformError(e) || e.kind !== "auth") throw e;
      ({ token, account } = await refreshAccount(ws, post.accountId, now, true));
      r = await run(token, account);
    }
    if (r.state === "processing") {
      await updatePost(db, ws, post.id, { status: "processing" });
      await enqueuePublish(enqueue, ws, post.id, new Date(now.getTime() + pollSeconds() * 1000));
      return "processing";
    }
    await updatePost(db, ws, post.id, {
      status: r.visibility === "public" ? "published" : "published_private",
      platformPostId: r.platformPostId, platformUrl: r.url, publishedAt: now,
      lastError: r.note ?? null, lastErrorCode: null,
    });
    return "published";
  } catch (e) {
    if (!isPlatformError(e)) throw e;
    const attempts = post.attempts + 1;
    if (e.kind === "permanent" || e.kind === "auth" || attempts >= MAX_ATTEMPTS) {
      await updatePost(db, ws, post.id, { status: "failed", attempts, lastError: e.message, lastErrorCode: e.code });
      logger.warn({ postId: post.id, platform: post.platform, code: e.code }, "post failed");
      return "failed";
    }
    await updatePost(db, ws, post.id, { attempts, lastError: e.message, lastErrorCode: e.code });
    if (e.kind === "rate_limited") {
      // Come back when the platform says, not on pg-boss's own clock.
      await enqueuePublish(enqueue, ws, post.id, new Date(now.getTime() + Math.max(e.retryAfterSeconds ?? 60, 1) * 1000));
      return "retry";
    }
    throw e;
  }
}

/**
 * The hook for the generation pipeline: call after a video reaches `completed`. When the video
 * belongs to a campaign with auto_post on, posts it to every active connected account of the
 * campaign's target platforms (each exactly once: the unique video × account row).
 */
export async function onVideoCompleted(workspaceId: string, videoId: string, enqueue: Enqueue): Promise<string[]> {
  const db = getDb();
  // A batch row with a `schedule` is posted at that time (or says on the row why not).
  const { publishBatchRow } = await import("@/lib/batches/schedule");
  const batchPublish = await publishBatchRow(workspaceId, videoId, enqueue);
  if (batchPublish) return batchPublish.posts.map((p) => p.postId);
  const c = await autoPostContext(db, workspaceId, videoId);
  if (!c?.autoPost) return [];
  const wanted = new Set(c.targetPlatforms.map(platformOfTarget).filter(Boolean));
  const accounts = (await listConnectedAccounts(db, workspaceId)).filter((a) => a.status === "active" && (wanted.size === 0 || wanted.has(a.platform)));
  const ids: string[] = [];
  for (const a of accounts) {
    try {
      const r = await createPost(
        { workspaceId, userId: null, timezone: c.timezone },
        // Auto-posts never widen visibility on their own: TikTok asks for an explicit choice,
        // so without one the post goes out private for the owner to review.
        { videoId, accountId: a.id, privacy: a.platform === "tiktok" ? "SELF_ONLY" : undefined, source: "auto" },
        enqueue,
      );
      ids.push(r.post.id);
    } catch (err) {
      logger.warn({ err, videoId, accountId: a.id }, "auto-post skipped");
    }
  }
  return ids;
}

/** Campaign target platforms are rendition presets ("instagram_reels", "tiktok", "youtube_shorts") or platform names. */
export function platformOfTarget(t: string): SocialPlatform | null {
  if (t.startsWith("tiktok")) return "tiktok";
  if (t.startsWith("instagram")) return "instagram";
  if (t.startsWith("youtube")) return "youtube";
  return null;
}

/** Posts of a video as the UI lists them. */
export async function postsForVideo(workspaceId: string, videoId: string) {
  const { listPostsForVideo } = await import("@/db/queries/publishing");
  const rows = await listPostsForVideo(getDb(), workspaceId, videoId);
  return rows.map(({ post: p, accountName }) => ({
    id: p.id, platform: p.platform, accountId: p.accountId, accountName, status: p.status, privacy: p.privacy, caption: p.caption,
    scheduledAt: p.scheduledAt, publishedAt: p.publishedAt, platformPostId: p.platformPostId, platformUrl: p.platformUrl,
    attempts: p.attempts, lastError: p.lastError, lastErrorCode: p.lastErrorCode, source: p.source, createdAt: p.createdAt,
  }));
}
