import type { z } from "zod";

export interface EnqueueOptions {
  /** Lower runs first? No: pg-boss runs HIGHER priority first. User clicks use 10, batches 0. */
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

export interface JobDefinition<P> {
  name: string;
  schema: z.ZodType<P>;
  handler: (payload: P, ctx: JobContext) => Promise<void>;
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
