/**
 * Pure transforms of Instagram API (Instagram Login) answers.
 * Source: developers.facebook.com/docs/instagram-platform — content-publishing guide, reference/ig-user/media,
 * reference/ig-container (status_code EXPIRED | ERROR | FINISHED | IN_PROGRESS | PUBLISHED; updated Jul 23 2024),
 * reference/ig-user/content_publishing_limit, instagram-api-with-instagram-login/business-login (tokens),
 * reference/ig-media/insights, graph-api error handling; read 2026-11-30.
 * Errors: { error: { message, type, code, error_subcode, is_transient, fbtrace_id } }.
 */
import { PlatformError, kindOfStatus, type PlatformErrorKind } from "./errors";
import type { PostMetricsSample } from "./types";

export interface GraphErrorBody {
  error?: { message?: string; type?: string; code?: number; error_subcode?: number; is_transient?: boolean; error_user_msg?: string };
}

/** Graph error codes: 190 token invalid/expired; 4/17/32/613 rate limits; 9 + 2207042 publishing limit; 1/2 transient. */
export function graphError(status: number, body: unknown, retryAfter?: number): PlatformError {
  const e = (body as GraphErrorBody)?.error ?? {};
  const code = e.code ?? 0;
  const sub = e.error_subcode;
  let kind: PlatformErrorKind;
  let hint = "";
  if (code === 190 || code === 102) {
    kind = "auth";
    hint = "Reconnect the Instagram account in Settings → Connected accounts.";
  } else if (code === 9 || sub === 2207042) {
    kind = "permanent";
    hint = "Instagram's 24-hour publishing limit for this account is reached; try again tomorrow.";
  } else if ([4, 17, 32, 613].includes(code)) kind = "rate_limited";
  else if (e.is_transient || code === 1 || code === 2) kind = "transient";
  else kind = kindOfStatus(status);
  const platformCode = sub ? `${code}/${sub}` : String(code || `http_${status}`);
  const msg = [`Instagram: ${e.error_user_msg || e.message || `HTTP ${status}`} (code ${platformCode})`, hint].filter(Boolean).join(" — ");
  return new PlatformError("instagram", kind, platformCode, msg, retryAfter);
}

export type ContainerState = { state: "processing" } | { state: "ready" } | { state: "published" } | { state: "failed"; reason: string };

export function containerState(b: { status_code?: string; status?: string }): ContainerState {
  switch (b.status_code) {
    case "FINISHED":
      return { state: "ready" };
    case "PUBLISHED":
      return { state: "published" };
    case "ERROR":
      return { state: "failed", reason: b.status || "ERROR" };
    case "EXPIRED":
      return { state: "failed", reason: "The container expired (not published within 24 hours)." };
    default:
      return { state: "processing" };
  }
}

export function publishingQuota(b: { data?: Array<{ quota_usage?: number; config?: { quota_total?: number } }> }): { used: number; total: number } {
  const d = b.data?.[0];
  return { used: d?.quota_usage ?? 0, total: d?.config?.quota_total ?? 50 };
}

export function instagramInsights(b: { data?: Array<{ name?: string; values?: Array<{ value?: number }>; total_value?: { value?: number } }> }): PostMetricsSample {
  const v = (n: string) => {
    const row = b.data?.find((r) => r.name === n);
    return row?.total_value?.value ?? row?.values?.[0]?.value;
  };
  const watchMs = v("ig_reels_video_view_total_time");
  return {
    views: v("views") ?? v("plays") ?? 0,
    likes: v("likes") ?? 0,
    comments: v("comments") ?? 0,
    shares: v("shares") ?? 0,
    watchTimeSeconds: watchMs === undefined ? null : Math.round(watchMs / 1000),
  };
}
