/** Cron jobs of campaigns: the hourly tick (due campaigns and scheduled research) and the 6-hourly trend scan. */
import { z } from "zod";
import { defineJob } from "@/lib/jobs/define";
import { logger } from "@/lib/logger";
import { runDueResearchSchedules } from "@/lib/research/service";
import { processDueCampaigns, processTrendScans } from "./process";

export const CAMPAIGNS_TICK_JOB = "campaigns.tick";
export const TRENDS_SCAN_JOB = "trends.scan";

export const campaignsTickJob = defineJob({
  name: CAMPAIGNS_TICK_JOB,
  schema: z.object({}).passthrough(),
  cron: "0 * * * *",
  // The slot claim makes a retry safe; a failed tick is picked up by the next hour anyway.
  retryLimit: 1,
  expireInSeconds: 55 * 60,
  async handler(_p, ctx) {
    const now = new Date();
    const runs = await processDueCampaigns(now);
    const research = await runDueResearchSchedules(now, ctx.enqueue);
    logger.info({ campaigns: runs.length, videos: runs.reduce((n, r) => n + r.videosCreated, 0), scheduledResearch: research }, "campaigns tick");
  },
});

export const trendsScanJob = defineJob({
  name: TRENDS_SCAN_JOB,
  schema: z.object({}).passthrough(),
  cron: "0 */6 * * *",
  retryLimit: 1,
  expireInSeconds: 55 * 60,
  async handler() {
    const runs = await processTrendScans(new Date());
    logger.info({ campaigns: runs.length, videos: runs.reduce((n, r) => n + r.videosCreated, 0) }, "trend scan");
  },
});
