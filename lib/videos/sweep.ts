import { and, inArray, isNull, lt, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import type { Enqueue } from "@/lib/jobs/define";
import { LEASE_SECONDS } from "./lease";
import { PROCESS_VIDEO_JOB } from "./job-names";
import { sweepPendingDeliveries } from "@/lib/webhooks";
import { logger } from "@/lib/logger";

/**
 * Finds videos that are not final and that nobody holds (a killed worker's lease ran out, or
 * an enqueue was lost after commit) and queues them again. The job is idempotent, so a video
 * queued twice is still processed once.
 */
export async function sweepStalledVideos(enqueue: Enqueue, now = new Date()): Promise<number> {
  const staleBefore = new Date(now.getTime() - LEASE_SECONDS * 1000);
  const rows = await getDb()
    .select({ id: videoGenerations.id, priority: videoGenerations.priority })
    .from(videoGenerations)
    .where(
      and(
        inArray(videoGenerations.status, ["queued", "submitting", "rendering", "processing"]),
        lt(videoGenerations.updatedAt, staleBefore),
        or(isNull(videoGenerations.leaseUntil), lt(videoGenerations.leaseUntil, now)),
      ),
    )
    .limit(200);
  for (const r of rows) await enqueue(PROCESS_VIDEO_JOB, { videoId: r.id }, { priority: r.priority, singletonKey: r.id });
  // The same tick (bootstrap's timer and the video.sweep cron) re-queues webhook deliveries
  // whose job was lost when a worker died right after a video's final transition.
  await sweepPendingDeliveries(enqueue, now).catch((err) => logger.warn({ err }, "webhook sweep failed"));
  return rows.length;
}
