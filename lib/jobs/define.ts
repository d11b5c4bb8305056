import type { z } from "zod";

export interface EnqueueOptions {
  /** pg-boss runs HIGHER priority first. User clicks use 10, batches 0. */
  priority?: number;
  /** At most one queued/active job with this key (idempotent enqueue). */
  singletonKey?: string;
  startAfter?: Date | number;
}

export type Enqueue = <P>(job: JobDefinition<P> | string, payload: P, opts?: EnqueueOptions) => Promise<string | null>;

export interface JobContext {
  jobId: string;
  /** How many times this job has been retried before this run. */
  retryCount: number;
  enqueue: Enqueue;
}

export type JobHandler<P> = (payload: P, ctx: JobContext) => Promise<void>;

/**
 * What a job is: a name, a version and a zod payload, plus queue options. A definition imports
 * nothing heavy, so any process can send it; the handler sits in its own module and is loaded
 * only by processes that work (see lib/jobs/handlers.ts). `handler` stays allowed here for jobs
 * defined next to their handler (domain modules, tests).
 */
export interface JobDefinition<P> {
  name: string;
  /** Bumped when the payload changes incompatibly; logged with every run. */
  version?: number;
  schema: z.ZodType<P>;
  handler?: JobHandler<P>;
  retryLimit?: number;
  /** Seconds before the first retry; doubled each time when retryBackoff. */
  retryDelay?: number;
  retryBackoff?: boolean;
  /** A job running longer than this is considered dead and retried. */
  expireInSeconds?: number;
  /** Parallel handlers per worker process. */
  concurrency?: number;
  /** pg-boss queue policy; "stately" makes singletonKey dedupe (one queued + one active per key). */
  policy?: "standard" | "short" | "singleton" | "stately";
  /** Cron (UTC) to enqueue the job on a schedule. */
  cron?: string;
}

/** Typed constructor: keeps the payload type of each job tied to its zod schema. */
export function defineJob<P>(def: JobDefinition<P>): JobDefinition<P> {
  return def;
}
