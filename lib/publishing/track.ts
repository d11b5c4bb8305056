/**
 * The manual path's second half: a post made by hand, whose link the user pastes, is tracked
 * like an API post (metrics every 6 h, ROI) where the platform lets an app read it:
 *  - YouTube: videos.list?id= reads any public video's statistics with the channel's token.
 *  - TikTok: video.query returns only the connected creator's own videos, so the account must
 *    be connected and the post must be theirs (a foreign id simply gets no numbers).
 *  - Instagram: an app sees only media ids of the connected account, not a link's shortcode;
 *    refused with what to do instead.
 * Sources: developers.google.com/youtube/v3/docs/videos/list; developers.tiktok.com/doc/tiktok-api-v2-video-query;
 * developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media; read 2026-11-30.
 */
import { getDb } from "@/db/client";
import type { SocialPlatform } from "@/db/schema";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { insertPostIfAbsent, listConnectedAccounts } from "@/db/queries/publishing";
import { AppError } from "@/lib/errors";
import { PLATFORM_LABEL } from "./config";

export type ParsedPostUrl = { platform: SocialPlatform; id: string; url: string };

/** A post link → platform and the platform's post id, or an error in words. */
export function parsePostUrl(raw: string): ParsedPostUrl | { error: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { error: "Paste the full link of the post, starting with https://." };
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return { error: "Paste the full link of the post, starting with https://." };
  const host = u.hostname.toLowerCase().replace(/^(www|m)\./, "");
  const url = `https://${u.hostname.toLowerCase()}${u.pathname}${host.endsWith("youtube.com") && u.searchParams.get("v") ? `?v=${u.searchParams.get("v")}` : ""}`;
  if (host === "tiktok.com") {
    const m = /^\/@[\w.-]+\/video\/(\d{5,25})\/?$/.exec(u.pathname);
    return m ? { platform: "tiktok", id: m[1], url } : { error: "A TikTok link looks like https://www.tiktok.com/@name/video/1234567890123456789." };
  }
  if (host === "youtube.com" || host === "youtu.be") {
    const id = host === "youtu.be" ? u.pathname.slice(1) : u.pathname === "/watch" ? u.searchParams.get("v") ?? "" : /^\/shorts\/([\w-]+)\/?$/.exec(u.pathname)?.[1] ?? "";
    return /^[\w-]{11}$/.test(id) ? { platform: "youtube", id, url } : { error: "A YouTube link looks like https://youtube.com/shorts/VIDEO_ID or https://youtu.be/VIDEO_ID." };
  }
  if (host === "instagram.com") return { error: "Instagram does not let apps read a post's numbers from its link. Publish the Reel from here instead to track it." };
  return { error: "Only TikTok and YouTube post links can be tracked." };
}

export async function trackPostUrl(c: { workspaceId: string; userId: string }, input: { videoId: string; url: string }) {
  const p = parsePostUrl(input.url);
  if ("error" in p) throw new AppError("bad_request", p.error);
  const db = getDb();
  const video = await findVideoForWorkspace(db, c.workspaceId, input.videoId);
  if (!video) throw new AppError("not_found", "Video not found.");
  const account = (await listConnectedAccounts(db, c.workspaceId)).find((a) => a.platform === p.platform && a.status === "active");
  if (!account) {
    throw new AppError("bad_request", p.platform === "tiktok"
      ? "Connect the TikTok account that posted it (Settings → Connected accounts): TikTok only shares the numbers of the connected creator's own videos."
      : "Connect a YouTube account (Settings → Connected accounts) so YouTube lets us read the video's numbers.");
  }
  const r = await insertPostIfAbsent(db, c.workspaceId, {
    videoId: video.id, accountId: account.id, platform: p.platform, status: "published", caption: "", privacy: "public",
    platformPostId: p.id, platformUrl: p.url, publishedAt: new Date(), source: "tracked", createdBy: c.userId,
  });
  if (!r.created) throw new AppError("conflict", `This video already has a ${PLATFORM_LABEL[p.platform]} post for ${account.displayName}; its numbers are tracked.`);
  return r.post;
}
