/** Cron jobs of campaigns: the hourly tick (due campaigns and scheduled research) and the 6-hourly trend scan. */
import { defineJob } from "@/lib/jobs/define";
import { campaignsTickDef, trendsScanDef } from "@/lib/jobs/definitions";
import { logger } from "@/lib/logger";
import { runDueResearchSchedules } from "@/lib/research/service";
import { processDueCampaigns, processTrendScans } from "./process";

export const CAMPAIGNS_TICK_JOB = "campaigns.tick";
export const TRENDS_SCAN_JOB = "trends.scan";

// Definitions (name, version, payload, cron, policy) live in lib/jobs/definitions; these add handlers.
export const campaignsTickJob = defineJob({
  ...campaignsTickDef,
  async handler(_p, ctx) {
    const now = new Date();
    const runs = await processDueCampaigns(now);
    const research = await runDueResearchSchedules(now, ctx.enqueue);
    logger.info({ campaigns: runs.length, videos: runs.reduce((n, r) => n + r.videosCreated, 0), scheduledResearch: research }, "campaigns tick");
  },
});

export const trendsScanJob = defineJob({
  ...trendsScanDef,
  async handler() {
    const runs = await processTrendScans(new Date());
    logger.info({ campaigns: runs.length, videos: runs.reduce((n, r) => n + r.videosCreated, 0) }, "trend scan");
  },
});
