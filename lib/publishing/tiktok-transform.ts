/**
 * Pure transforms of TikTok Content Posting API / Login Kit answers.
 * Source: developers.tiktok.com — "Content Posting API: Direct Post" (content-posting-api-reference-direct-post),
 * "Query Creator Info" (…-query-creator-info), "Get Post Status" (…-get-video-status), "Media Transfer Guide",
 * "OAuth user access token management"; read 2026-11-30.
 * Every answer is { data, error: { code, message, log_id } } with code "ok" on success.
 */
import { PlatformError, kindOfStatus, type PlatformErrorKind } from "./errors";
import type { PostMetricsSample, TokenSet } from "./types";

const MB = 1024 * 1024;

interface TikTokEnvelope<T> {
  data?: T;
  error?: { code?: string; message?: string; log_id?: string };
}

/** TikTok error codes we act on differently from their HTTP status. */
const KIND_BY_CODE: Record<string, PlatformErrorKind> = {
  rate_limit_exceeded: "rate_limited",
  access_token_invalid: "auth",
  scope_not_authorized: "permanent",
  spam_risk_too_many_posts: "permanent",
  spam_risk_user_banned_from_posting: "permanent",
  unaudited_client_can_only_post_to_private_accounts: "permanent",
  privacy_level_option_mismatch: "permanent",
  reached_active_user_cap: "permanent",
  url_ownership_unverified: "permanent",
  internal_error: "transient",
};

const HINT: Record<string, string> = {
  spam_risk_too_many_posts: "TikTok's daily post limit for this account is reached; try again tomorrow.",
  unaudited_client_can_only_post_to_private_accounts: "This app is not audited by TikTok yet, so it can only post privately (SELF_ONLY).",
  privacy_level_option_mismatch: "Pick one of the privacy options TikTok offers for this account.",
  access_token_invalid: "Reconnect the TikTok account in Settings → Connected accounts.",
};

/** Throws a PlatformError for a non-"ok" envelope; returns `data` otherwise. */
export function unwrapTikTok<T>(status: number, body: unknown): T {
  const b = (body ?? {}) as TikTokEnvelope<T>;
  const code = b.error?.code ?? (status >= 400 ? `http_${status}` : "ok");
  if (code === "ok" && status < 400) return (b.data ?? {}) as T;
  const kind = KIND_BY_CODE[code] ?? kindOfStatus(status);
  const msg = [`TikTok: ${b.error?.message || code} (${code})`, HINT[code]].filter(Boolean).join(" — ");
  throw new PlatformError("tiktok", kind, code, msg);
}

export interface TikTokTokenAnswer {
  access_token?: string;
  expires_in?: number;
  open_id?: string;
  refresh_token?: string;
  refresh_expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
}

export function tiktokTokenSet(status: number, b: TikTokTokenAnswer, now: Date): TokenSet {
  if (status >= 400 || b.error || !b.access_token) {
    const code = b.error ?? `http_${status}`;
    const kind: PlatformErrorKind = code === "invalid_grant" ? "auth" : status >= 500 ? "transient" : status === 429 ? "rate_limited" : "permanent";
    throw new PlatformError("tiktok", kind, code, `TikTok sign-in failed: ${b.error_description || code}.`);
  }
  return {
    accessToken: b.access_token,
    refreshToken: b.refresh_token ?? null,
    expiresAt: b.expires_in ? new Date(now.getTime() + b.expires_in * 1000) : null,
    refreshExpiresAt: b.refresh_expires_in ? new Date(now.getTime() + b.refresh_expires_in * 1000) : null,
    scopes: (b.scope ?? "").split(/[ ,]+/).filter(Boolean),
    externalAccountId: b.open_id,
  };
}

export interface TikTokCreatorInfo {
  creator_username?: string;
  creator_nickname?: string;
  privacy_level_options?: string[];
  comment_disabled?: boolean;
  duet_disabled?: boolean;
  stitch_disabled?: boolean;
  max_video_post_duration_sec?: number;
}

export interface CreatorOptions {
  username: string;
  nickname: string;
  privacyLevelOptions: string[];
  commentDisabled: boolean;
  duetDisabled: boolean;
  stitchDisabled: boolean;
  maxDurationSec: number;
}

export function creatorOptions(d: TikTokCreatorInfo): CreatorOptions {
  return {
    username: d.creator_username ?? "",
    nickname: d.creator_nickname ?? d.creator_username ?? "",
    privacyLevelOptions: d.privacy_level_options ?? [],
    commentDisabled: !!d.comment_disabled,
    duetDisabled: !!d.duet_disabled,
    stitchDisabled: !!d.stitch_disabled,
    maxDurationSec: d.max_video_post_duration_sec ?? 600,
  };
}

/**
 * Chunking rules of the Media Transfer Guide: chunks of 5–64 MB, the last one may hold the
 * remainder up to 128 MB; a video under 5 MB goes in one chunk of its own size. The chunk count
 * is floor(size / chunk), the remainder riding on the last chunk.
 */
export function tiktokChunkPlan(size: number, preferred = 10 * MB): { chunkSize: number; totalChunkCount: number; ranges: Array<[number, number]> } {
  if (size <= 0) throw new Error("empty video");
  const chunkSize = size < 5 * MB ? size : Math.min(Math.max(preferred, 5 * MB), 64 * MB, size);
  const totalChunkCount = Math.max(1, Math.floor(size / chunkSize));
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < totalChunkCount; i++) {
    const start = i * chunkSize;
    const end = i === totalChunkCount - 1 ? size - 1 : start + chunkSize - 1;
    ranges.push([start, end]);
  }
  return { chunkSize, totalChunkCount, ranges };
}

export interface TikTokStatus {
  status?: "PROCESSING_UPLOAD" | "PROCESSING_DOWNLOAD" | "SEND_TO_USER_INBOX" | "PUBLISH_COMPLETE" | "FAILED";
  fail_reason?: string;
  /** Spelled this way in TikTok's API. */
  publicaly_available_post_id?: Array<string | number>;
  uploaded_bytes?: number;
}

export type TikTokPostState =
  | { state: "uploading"; uploadedBytes: number }
  | { state: "processing" }
  | { state: "published"; postId: string | null }
  | { state: "failed"; reason: string };

export function tiktokPostState(d: TikTokStatus): TikTokPostState {
  switch (d.status) {
    case "PROCESSING_UPLOAD":
      return { state: "uploading", uploadedBytes: d.uploaded_bytes ?? 0 };
    case "PROCESSING_DOWNLOAD":
      return { state: "processing" };
    case "PUBLISH_COMPLETE":
    case "SEND_TO_USER_INBOX": {
      const id = d.publicaly_available_post_id?.[0];
      return { state: "published", postId: id === undefined ? null : String(id) };
    }
    case "FAILED":
      return { state: "failed", reason: d.fail_reason || "unknown" };
    default:
      return { state: "processing" };
  }
}

export interface TikTokVideoRow {
  id?: string;
  view_count?: number;
  like_count?: number;
  comment_count?: number;
  share_count?: number;
}

export function tiktokMetrics(videos: TikTokVideoRow[]): Map<string, PostMetricsSample> {
  const m = new Map<string, PostMetricsSample>();
  for (const v of videos) {
    if (!v.id) continue;
    m.set(String(v.id), {
      views: v.view_count ?? 0, likes: v.like_count ?? 0, comments: v.comment_count ?? 0, shares: v.share_count ?? 0, watchTimeSeconds: null,
    });
  }
  return m;
}
