/**
 * A batch row's `schedule` acted on (issue 16): when the row's video completes, it is posted to
 * the row's platforms (the video's target platforms) at the scheduled time, through the
 * publishing service (createPost with scheduledAt: one post per video × account, so a second
 * call changes nothing). A platform without an active connected account is reported on the
 * batch row with what to do; a schedule that passed while the video rendered posts now. TikTok
 * posts go out SELF_ONLY, as campaign auto-posts do: nobody picked a privacy level for them.
 */
import { getDb } from "@/db/client";
import { findBatchByVideo, setBatchRowPublish } from "@/db/queries/batches";
import { listConnectedAccounts, workspaceTimezone } from "@/db/queries/publishing";
import { findVideoForWorkspace } from "@/db/queries/videos";
import type { BatchPublish, SocialPlatform } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { localParts } from "@/lib/campaigns/schedule";
import type { Enqueue } from "@/lib/jobs/define";
import { createPost, platformOfTarget } from "@/lib/publishing/posts";
import { PLATFORM_LABEL } from "@/lib/publishing/config";

const pad = (n: number) => String(n).padStart(2, "0");

/** createPost takes the workspace's local wall time (minute precision). */
function localMinute(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.h)}:${pad(p.min)}`;
}

/** Schedules the completed video's batch row, once; null when the video is not a scheduled batch row. */
export async function publishBatchRow(workspaceId: string, videoId: string, enqueue: Enqueue, now = new Date()): Promise<BatchPublish | null> {
  const db = getDb();
  const batch = await findBatchByVideo(db, workspaceId, videoId);
  const item = batch?.items.find((i) => i.videoId === videoId);
  if (!batch || !item?.schedule) return null;
  if (item.publish) return item.publish;
  const video = await findVideoForWorkspace(db, workspaceId, videoId);
  if (!video || video.status !== "completed") return null;

  const wanted = [...new Set(video.targetPlatforms.map(platformOfTarget).filter((p): p is SocialPlatform => p !== null))];
  const scheduled = new Date(item.schedule);
  const at = scheduled.getTime() > now.getTime() + 60_000 ? scheduled : null;
  const publish: BatchPublish = { status: "not_scheduled", at: (at ?? now).toISOString(), posts: [], problems: [] };
  if (!wanted.length) {
    publish.problems.push({ platform: "none", reason: "The row names no platforms to publish to; add platforms (e.g. tiktok;youtube_shorts) to schedule it." });
  } else {
    const tz = await workspaceTimezone(db, workspaceId);
    const accounts = (await listConnectedAccounts(db, workspaceId)).filter((a) => a.status === "active");
    for (const platform of wanted) {
      const mine = accounts.filter((a) => a.platform === platform);
      if (!mine.length) {
        publish.problems.push({ platform, reason: `No connected ${PLATFORM_LABEL[platform]} account; connect one in Settings → Connected accounts, then post the video from its page.` });
        continue;
      }
      for (const a of mine) {
        try {
          const r = await createPost(
            { workspaceId, userId: batch.createdBy, timezone: tz },
            { videoId, accountId: a.id, privacy: platform === "tiktok" ? "SELF_ONLY" : undefined, source: "scheduled", ...(at ? { scheduledAt: localMinute(at, tz) } : {}) },
            enqueue,
            now,
          );
          publish.posts.push({ platform, accountId: a.id, postId: r.post.id });
        } catch (err) {
          if (!isAppError(err)) throw err;
          publish.problems.push({ platform, reason: `${a.displayName ?? PLATFORM_LABEL[platform]}: ${err.message}` });
        }
      }
    }
  }
  publish.status = publish.posts.length === 0 ? "not_scheduled" : publish.problems.length ? "partly_scheduled" : "scheduled";
  await setBatchRowPublish(db, workspaceId, batch.id, videoId, publish);
  return publish;
}
