/**
 * Publishing job definitions: names, zod payloads, queue options — and handlers that load
 * their module lazily, so a process that only sends never imports the platform clients.
 * Registered in lib/jobs/definitions.ts with one spread (`...publishingJobs`).
 *  - publish: one per post, retried with backoff on transient errors; a worker killed mid-upload
 *    lets the job expire, the retry resumes from the saved upload handle.
 *  - sweep: scheduled posts that are due but whose delayed job was lost.
 *  - metrics: the platforms' numbers every 6 h.
 */
import { z } from "zod";
import { defineJob, type JobDefinition } from "@/lib/jobs/define";

export const PUBLISH_JOB = "publishing.publish";
export const SWEEP_JOB = "publishing.sweep";
export const METRICS_JOB = "publishing.metrics";
/** Transient failures (5xx, timeouts, malformed answers) are tried this many times, then the post fails. */
export const MAX_ATTEMPTS = 5;

export const publishJob = defineJob({
  name: PUBLISH_JOB,
  version: 1,
  schema: z.object({ workspaceId: z.string().uuid(), postId: z.string().uuid() }),
  // One queued job per post; an active one may queue its own follow-up (status polls).
  policy: "short",
  retryLimit: MAX_ATTEMPTS,
  retryDelay: 15,
  retryBackoff: true,
  expireInSeconds: 20 * 60,
  concurrency: 2,
  handler: async (p, ctx) => (await import("./job-handlers")).runPublish(p, ctx),
});

export const publishSweepJob = defineJob({
  name: SWEEP_JOB,
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "*/10 * * * *",
  retryLimit: 0,
  handler: async (p, ctx) => (await import("./job-handlers")).runSweep(p, ctx),
});

export const metricsJob = defineJob({
  name: METRICS_JOB,
  version: 1,
  schema: z.object({}).passthrough(),
  cron: "0 */6 * * *",
  retryLimit: 1,
  expireInSeconds: 55 * 60,
  handler: async () => (await import("./job-handlers")).runMetrics(),
});

export const publishingJobs = [publishJob, publishSweepJob, metricsJob] as JobDefinition<unknown>[];
