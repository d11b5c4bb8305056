/**
 * Operator app credentials for the three platforms, read here (not lib/env.ts) so publishing
 * stays one folder. Each *_BASE_URL override points a platform at its fake in tests; in
 * production they are unset and the official hosts are used.
 *
 *   TIKTOK_CLIENT_KEY / TIKTOK_CLIENT_SECRET    TikTok for Developers app (Login Kit + Content Posting API)
 *   TIKTOK_AUDITED=1                            the app passed TikTok's audit (else posts are forced SELF_ONLY)
 *   TIKTOK_BASE_URL                             default https://open.tiktokapis.com ; TIKTOK_AUTH_URL default https://www.tiktok.com
 *   TIKTOK_PULL_FROM_URL=1                      the media host (PUBLISHING_MEDIA_BASE_URL) is a verified domain/URL prefix in the
 *                                               TikTok developer portal: TikTok pulls our signed, expiring media URL instead of chunked upload
 *   META_APP_ID / META_APP_SECRET               Meta app with Instagram API (Instagram Login)
 *   INSTAGRAM_BASE_URL                          default https://graph.instagram.com ; INSTAGRAM_AUTH_URL default https://www.instagram.com
 *   GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET     Google Cloud OAuth client with YouTube Data API v3
 *   YOUTUBE_VERIFIED=1                          the API project passed Google's audit (else uploads are locked private)
 *   YOUTUBE_BASE_URL                            default https://www.googleapis.com ; GOOGLE_AUTH_URL default https://accounts.google.com ; GOOGLE_TOKEN_URL default https://oauth2.googleapis.com
 */
import { AppError } from "@/lib/errors";
import type { SocialPlatform } from "@/db/schema";

export interface PlatformAppConfig {
  platform: SocialPlatform;
  clientId: string;
  clientSecret: string;
  /** API host (Content Posting / Graph / Data API). */
  apiBase: string;
  /** Where the user is sent to consent. */
  authBase: string;
  /** Token endpoint host (differs from the API host on Google and Instagram). */
  tokenBase: string;
  /** The app is unaudited/unverified: posts end up private whatever the user picks. */
  unaudited: boolean;
  /** TikTok only: send the video by PULL_FROM_URL (our media URL's domain is verified with TikTok). */
  pullFromUrl?: boolean;
}

const trim = (u: string) => u.replace(/\/+$/, "");

export const PLATFORMS: readonly SocialPlatform[] = ["tiktok", "instagram", "youtube"];

export const PLATFORM_LABEL: Record<SocialPlatform, string> = { tiktok: "TikTok", instagram: "Instagram", youtube: "YouTube" };

export function platformConfig(platform: SocialPlatform, e: NodeJS.ProcessEnv = process.env): PlatformAppConfig | null {
  switch (platform) {
    case "tiktok": {
      if (!e.TIKTOK_CLIENT_KEY || !e.TIKTOK_CLIENT_SECRET) return null;
      const api = trim(e.TIKTOK_BASE_URL ?? "https://open.tiktokapis.com");
      return {
        platform, clientId: e.TIKTOK_CLIENT_KEY, clientSecret: e.TIKTOK_CLIENT_SECRET,
        apiBase: api, tokenBase: api, authBase: trim(e.TIKTOK_AUTH_URL ?? e.TIKTOK_BASE_URL ?? "https://www.tiktok.com"),
        unaudited: e.TIKTOK_AUDITED !== "1",
        pullFromUrl: e.TIKTOK_PULL_FROM_URL === "1",
      };
    }
    case "instagram": {
      if (!e.META_APP_ID || !e.META_APP_SECRET) return null;
      const api = trim(e.INSTAGRAM_BASE_URL ?? "https://graph.instagram.com");
      return {
        platform, clientId: e.META_APP_ID, clientSecret: e.META_APP_SECRET,
        apiBase: api, tokenBase: trim(e.INSTAGRAM_BASE_URL ?? "https://api.instagram.com"),
        authBase: trim(e.INSTAGRAM_AUTH_URL ?? e.INSTAGRAM_BASE_URL ?? "https://www.instagram.com"),
        // Meta's App Review gates who can grant the permission, not the visibility of posts.
        unaudited: false,
      };
    }
    case "youtube": {
      if (!e.GOOGLE_CLIENT_ID || !e.GOOGLE_CLIENT_SECRET) return null;
      const api = trim(e.YOUTUBE_BASE_URL ?? "https://www.googleapis.com");
      return {
        platform, clientId: e.GOOGLE_CLIENT_ID, clientSecret: e.GOOGLE_CLIENT_SECRET,
        apiBase: api,
        tokenBase: trim(e.GOOGLE_TOKEN_URL ?? e.YOUTUBE_BASE_URL ?? "https://oauth2.googleapis.com"),
        authBase: trim(e.GOOGLE_AUTH_URL ?? e.YOUTUBE_BASE_URL ?? "https://accounts.google.com"),
        unaudited: e.YOUTUBE_VERIFIED !== "1",
      };
    }
  }
}

export function requirePlatformConfig(platform: SocialPlatform): PlatformAppConfig {
  const c = platformConfig(platform);
  if (!c) {
    const vars = { tiktok: "TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET", instagram: "META_APP_ID and META_APP_SECRET", youtube: "GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET" }[platform];
    throw new AppError("bad_request", `${PLATFORM_LABEL[platform]} publishing is not configured on this server: the operator must set ${vars}.`);
  }
  return c;
}

export function isPlatform(p: unknown): p is SocialPlatform {
  return typeof p === "string" && (PLATFORMS as readonly string[]).includes(p);
}

/**
 * Posts per account per local day we allow ourselves, under each platform's own limit:
 * TikTok caps direct posts per creator per day (spam_risk_too_many_posts beyond it, ~15),
 * Instagram allows 50 API-published posts per 24 h (content_publishing_limit), and a default
 * YouTube project has 10,000 quota units a day where one videos.insert costs 1,600.
 */
export const DAILY_CAP: Record<SocialPlatform, number> = { tiktok: 10, instagram: 25, youtube: 5 };
