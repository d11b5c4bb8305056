import { z } from "zod";
import { defineJob, type JobDefinition } from "./define";
import { processVideo } from "@/lib/videos/process";
import { sweepStalledVideos } from "@/lib/videos/sweep";
import { PROCESS_VIDEO_JOB, SWEEP_VIDEOS_JOB } from "@/lib/videos/job-names";
import { attemptDelivery, DELIVER_WEBHOOK_JOB, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks";
import { env } from "@/lib/env";
import { researchRunJob } from "@/lib/research/jobs";
import { campaignsTickJob, trendsScanJob } from "@/lib/campaigns/jobs";
import { housekeepingJob } from "@/lib/housekeeping";

export const processVideoJob = defineJob({
  name: PROCESS_VIDEO_JOB,
  schema: z.object({ videoId: z.string().uuid() }),
  // "short": one queued job per video. Active jobs are not gated, so a job orphaned by a
  // killed worker cannot block the resumed one; the video lease keeps the work single.
  policy: "short",
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 60 * 60,
  concurrency: env().WORKER_CONCURRENCY,
  async handler({ videoId }, ctx) {
    const r = await processVideo(videoId);
    // The workspace is at its concurrency cap: come back shortly, behind its other videos.
    if (r === "deferred") await ctx.enqueue(PROCESS_VIDEO_JOB, { videoId }, { startAfter: new Date(Date.now() + 5000) });
  },
});

export const sweepVideosJob = defineJob({
  name: SWEEP_VIDEOS_JOB,
  schema: z.object({}).passthrough(),
  cron: "* * * * *",
  retryLimit: 0,
  async handler(_p, ctx) {
    await sweepStalledVideos(ctx.enqueue);
  },
});

export const deliverWebhookJob = defineJob({
  name: DELIVER_WEBHOOK_JOB,
  schema: z.object({ deliveryId: z.string().uuid() }),
  retryLimit: WEBHOOK_MAX_ATTEMPTS - 1,
  retryDelay: 10,
  retryBackoff: true,
  concurrency: 2,
  async handler({ deliveryId }) {
    await attemptDelivery(deliveryId);
  },
});

/**
 * Every job the product runs. Handlers live with their domain in lib/; this list is what a
 * worker process (pg-boss) or the Inngest functions register.
 */
export function jobCatalog(): JobDefinition<unknown>[] {
  return [processVideoJob, sweepVideosJob, deliverWebhookJob, researchRunJob, campaignsTickJob, trendsScanJob, housekeepingJob] as JobDefinition<unknown>[];
}
