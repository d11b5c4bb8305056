/**
 * The pg-boss driver. One engine per process: it can only send (web with WORKER=off) or
 * also work. State lives in PostgreSQL (schema `pgboss`), so a killed process loses nothing:
 * an active job whose worker died expires and is retried by whichever worker is alive.
 */
import PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import type { Enqueue, EnqueueOptions, JobDefinition } from "./define";
import { handlerFor } from "./handlers";
import { ensureQueues } from "./queues";

export interface EngineOptions {
  connectionString: string;
  jobs: JobDefinition<unknown>[];
  work: boolean;
  /**
   * Create missing queues at start (under an advisory lock). Default true; the lazy send-only
   * engine of lib/jobs/runtime passes false: queues belong to the processes that migrate.
   */
  createQueues?: boolean;
  /** Overrides each job's concurrency (tests use 1). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  schedule?: boolean;
}

export class JobEngine {
  readonly boss: PgBoss;
  private readonly jobs = new Map<string, JobDefinition<unknown>>();
  private starting: Promise<void> | undefined;
  private started = false;
  working = false;

  constructor(private readonly opts: EngineOptions) {
    for (const j of opts.jobs) this.jobs.set(j.name, j);
    this.boss = new PgBoss({
      connectionString: opts.connectionString,
      max: 4,
      schedule: opts.schedule ?? opts.work,
      supervise: opts.work,
      // Short maintenance cycle so expired (crashed) jobs come back quickly.
      maintenanceIntervalSeconds: 30,
    });
    this.boss.on("error", (err) => logger.error({ err }, "job engine error"));
  }

  /** Idempotent while it succeeds; a start that failed is forgotten, so the next call retries. */
  start(): Promise<void> {
    if (this.started) return Promise.resolve();
    this.starting ??= this.doStart().then(
      () => {
        this.started = true;
      },
      async (err) => {
        this.starting = undefined;
        await this.boss.stop({ graceful: false, wait: true }).catch(() => undefined);
        throw err;
      },
    );
    return this.starting;
  }

  private async doStart(): Promise<void> {
    await this.boss.start();
    if (this.opts.createQueues ?? true) await ensureQueues(this.boss, this.opts.connectionString, [...this.jobs.values()]);
    if (this.opts.work) await this.startWorkers();
  }

  private async startWorkers(): Promise<void> {
    for (const job of this.jobs.values()) {
      const n = this.opts.concurrency ?? job.concurrency ?? 1;
      for (let i = 0; i < n; i++) {
        await this.boss.work<unknown>(
          job.name,
          { batchSize: 1, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1, includeMetadata: true },
          async ([raw]) => {
            const payload = job.schema.parse(raw.data);
            const log = logger.child({ job: job.name, version: job.version ?? 1, jobId: raw.id, retry: raw.retryCount });
            log.debug("job start");
            try {
              const handler = await handlerFor(job);
              await handler(payload, { jobId: raw.id, retryCount: raw.retryCount, enqueue: this.enqueue });
            } catch (err) {
              log.warn({ err }, "job failed; pg-boss will retry if attempts remain");
              throw err;
            }
          },
        );
      }
      if (job.cron && (this.opts.schedule ?? true)) {
        await this.boss.schedule(job.name, job.cron, {}, { singletonKey: `cron:${job.name}` });
      }
    }
    this.working = true;
  }

  enqueue: Enqueue = async (job, payload, opts: EnqueueOptions = {}) => {
    const name = typeof job === "string" ? job : job.name;
    const def = this.jobs.get(name);
    if (!def) throw new Error(`Unknown job "${name}"`);
    const data = def.schema.parse(payload) as object;
    // pg-boss rejects keys that are present but undefined.
    const sendOpts = Object.fromEntries(
      // expireInSeconds per job as well as per queue: a queue created before a definition changed
      // keeps its old default, the job gets the definition's.
      Object.entries({ priority: opts.priority, singletonKey: opts.singletonKey, startAfter: opts.startAfter, expireInSeconds: def.expireInSeconds }).filter(([, v]) => v !== undefined),
    );
    return this.boss.send(name, data, sendOpts);
  };

  /** Waits for running handlers to finish (up to `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 20_000): Promise<void> {
    const pending = this.starting;
    if (!pending) return;
    await pending.catch(() => undefined);
    if (!this.started) return;
    this.started = false;
    this.starting = undefined;
    this.working = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
  }
}
