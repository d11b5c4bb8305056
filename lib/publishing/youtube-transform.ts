/**
 * Pure transforms of YouTube Data API v3 and Google OAuth 2.0 answers.
 * Source: developers.google.com/youtube/v3/docs/videos/insert ("All videos uploaded via the
 * videos.insert endpoint from unverified API projects created after 28 July 2020 will be
 * restricted to private viewing mode"), /youtube/v3/guides/using_resumable_upload_protocol,
 * /youtube/v3/docs/videos (status.selfDeclaredMadeForKids, status.containsSyntheticMedia),
 * /youtube/v3/docs/errors (quotaExceeded, uploadLimitExceeded), developers.google.com/identity/protocols/oauth2/web-server;
 * read 2026-11-30.
 */
import { PlatformError, kindOfStatus, type PlatformErrorKind } from "./errors";
import type { PostMetricsSample, TokenSet } from "./types";

export interface GoogleApiError {
  error?: { code?: number; message?: string; errors?: Array<{ reason?: string; domain?: string; message?: string }> } | string;
  error_description?: string;
}

const KIND_BY_REASON: Record<string, PlatformErrorKind> = {
  quotaExceeded: "permanent",
  uploadLimitExceeded: "permanent",
  rateLimitExceeded: "rate_limited",
  userRateLimitExceeded: "rate_limited",
  authError: "auth",
  backendError: "transient",
  invalid_grant: "auth",
};

const HINT: Record<string, string> = {
  quotaExceeded: "The operator's daily YouTube API quota is used up; it resets at midnight Pacific time.",
  uploadLimitExceeded: "This channel reached YouTube's upload limit for now; try again tomorrow.",
  invalid_grant: "Reconnect the YouTube account in Settings → Connected accounts.",
};

export function googleError(status: number, body: unknown, retryAfter?: number): PlatformError {
  const b = (body ?? {}) as GoogleApiError;
  let reason: string;
  let message: string;
  if (typeof b.error === "string") {
    reason = b.error;
    message = b.error_description || b.error;
  } else {
    reason = b.error?.errors?.[0]?.reason ?? `http_${status}`;
    message = b.error?.message || b.error?.errors?.[0]?.message || `HTTP ${status}`;
  }
  const kind = KIND_BY_REASON[reason] ?? kindOfStatus(status);
  return new PlatformError("youtube", kind, reason, [`YouTube: ${message} (${reason})`, HINT[reason]].filter(Boolean).join(" — "), retryAfter);
}

export function googleTokenSet(b: { access_token?: string; expires_in?: number; refresh_token?: string; scope?: string }, now: Date, previousRefresh: string | null = null): TokenSet {
  if (!b.access_token) throw new PlatformError("youtube", "permanent", "no_access_token", "Google answered without an access token.");
  return {
    accessToken: b.access_token,
    // A refresh answer usually carries no new refresh token: keep the one we have.
    refreshToken: b.refresh_token ?? previousRefresh,
    expiresAt: b.expires_in ? new Date(now.getTime() + b.expires_in * 1000) : null,
    refreshExpiresAt: null,
    scopes: (b.scope ?? "").split(" ").filter(Boolean),
  };
}

export interface YouTubeInsertBody {
  snippet: { title: string; description: string; tags: string[]; categoryId: string };
  status: { privacyStatus: string; selfDeclaredMadeForKids: boolean; containsSyntheticMedia: boolean };
}

/** Title ≤ 100 chars without < or >, description ≤ 5000 bytes: YouTube rejects the upload otherwise. */
export function youtubeInsertBody(p: { title: string; caption: string; tags: string[]; privacy: string; madeForKids: boolean }): YouTubeInsertBody {
  const clean = (s: string) => s.replace(/[<>]/g, "");
  let description = clean(p.caption);
  while (Buffer.byteLength(description, "utf8") > 5000) description = description.slice(0, -1);
  return {
    snippet: { title: clean(p.title).slice(0, 100) || "Video", description, tags: p.tags.slice(0, 15), categoryId: "22" },
    status: {
      privacyStatus: p.privacy,
      // Both set explicitly: YouTube requires the audience declaration, and a presenter
      // made by a video model is realistic altered/synthetic content that must be disclosed.
      selfDeclaredMadeForKids: p.madeForKids,
      containsSyntheticMedia: true,
    },
  };
}

/** "bytes=0-524287" from a 308 answer → next byte to send. */
export function nextByteFromRange(range: string | null): number {
  const m = /bytes=(\d+)-(\d+)/.exec(range ?? "");
  return m ? Number(m[2]) + 1 : 0;
}

export function youtubeMetrics(b: { items?: Array<{ id?: string; statistics?: { viewCount?: string; likeCount?: string; commentCount?: string } }> }): Map<string, PostMetricsSample> {
  const m = new Map<string, PostMetricsSample>();
  for (const it of b.items ?? []) {
    if (!it.id) continue;
    const s = it.statistics ?? {};
    m.set(it.id, { views: Number(s.viewCount ?? 0), likes: Number(s.likeCount ?? 0), comments: Number(s.commentCount ?? 0), shares: 0, watchTimeSeconds: null });
  }
  return m;
}
