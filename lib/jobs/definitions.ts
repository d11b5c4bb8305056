/**
 * Every job the product runs, as definitions only: name, version, zod payload and queue options.
 * This module imports zod and env alone, so a process that only sends (a web process with
 * WORKER=off, a route, a service) never loads a handler — which is what broke the old cycle
 * runtime → catalog → videos/process → webhooks → runtime. Handlers: lib/jobs/handlers.ts.
 * Names here must match the constants the domains export (checked in definitions.test.ts).
 */
import { z } from "zod";
import { env } from "@/lib/env";
import { defineJob, type JobDefinition } from "./define";
import { publishingJobs } from "@/lib/publishing/jobs";

export const processVideoDef = defineJob({
  name: "video.process",
  version: 1,
  schema: z.object({ videoId: z.string().uuid() }),
  // "short": one queued job per video. Active jobs are not gated, so a job orphaned by a
  // killed worker cannot block the resumed one; the video lease keeps the work single.
  policy: "short",
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  expireInSeconds: 60 * 60,
  concurrency: env().WORKER_CONCURRENCY,
});

export const sweepVideosDef = defineJob({
  name: "video.sweep",
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "* * * * *",
  retryLimit: 0,
});

export const deliverWebhookDef = defineJob({
  name: "webhook.deliver",
  version: 1,
  schema: z.object({ deliveryId: z.string().uuid() }),
  // WEBHOOK_MAX_ATTEMPTS (6) - 1 retries after the first try.
  retryLimit: 5,
  retryDelay: 10,
  retryBackoff: true,
  // One try takes at most 10 s (attemptDelivery's timeout): a job whose worker was killed
  // comes back after 2 minutes, not the 15-minute default (sent per job, see engine.enqueue).
  expireInSeconds: 120,
  concurrency: 2,
});

export const researchRunDef = defineJob({
  name: "research.run",
  version: 1,
  schema: z.object({ workspaceId: z.string().uuid(), researchJobId: z.string().uuid(), attempt: z.number().int().min(0).default(0) }),
  policy: "stately",
  retryLimit: 3,
  retryDelay: 15,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  concurrency: 2,
});

export const campaignsTickDef = defineJob({
  name: "campaigns.tick",
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "0 * * * *",
  retryLimit: 1,
  expireInSeconds: 55 * 60,
});

export const trendsScanDef = defineJob({
  name: "trends.scan",
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "0 */6 * * *",
  retryLimit: 1,
  expireInSeconds: 55 * 60,
});

export const housekeepingDef = defineJob({
  name: "housekeeping.weekly",
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "0 3 * * 0",
  retryLimit: 1,
  expireInSeconds: 60 * 60,
});

export function jobDefinitions(): JobDefinition<unknown>[] {
  return [processVideoDef, sweepVideosDef, deliverWebhookDef, researchRunDef, campaignsTickDef, trendsScanDef, housekeepingDef, ...publishingJobs] as JobDefinition<unknown>[];
}
