/**
 * The pg-boss driver. One engine per process: it can only send (web with WORKER=off) or
 * also work. State lives in PostgreSQL (schema `pgboss`), so a killed process loses nothing:
 * an active job whose worker died expires and is retried by whichever worker is alive.
 */
import PgBoss from "pg-boss";
import { logger } from "@/lib/logger";
import type { Enqueue, EnqueueOptions, JobDefinition } from "./define";

export interface EngineOptions {
  connectionString: string;
  jobs: JobDefinition<unknown>[];
  work: boolean;
  /** Overrides each job's concurrency (tests use 1). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  schedule?: boolean;
}

export class JobEngine {
  readonly boss: PgBoss;
  private readonly jobs = new Map<string, JobDefinition<unknown>>();
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

  async start(): Promise<void> {
    if (this.started) return;
    await this.boss.start();
    for (const job of this.jobs.values()) {
      await this.boss.createQueue(job.name, {
        name: job.name,
        policy: job.policy ?? "standard",
        retryLimit: job.retryLimit ?? 3,
        retryDelay: job.retryDelay ?? 5,
        retryBackoff: job.retryBackoff ?? true,
        expireInSeconds: job.expireInSeconds ?? 15 * 60,
      });
    }
    this.started = true;
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
            const log = logger.child({ job: job.name, jobId: raw.id, retry: raw.retryCount });
            log.debug("job start");
            try {
              await job.handler(payload, { jobId: raw.id, retryCount: raw.retryCount, enqueue: this.enqueue });
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
      Object.entries({ priority: opts.priority, singletonKey: opts.singletonKey, startAfter: opts.startAfter }).filter(([, v]) => v !== undefined),
    );
    return this.boss.send(name, data, sendOpts);
  };

  /** Waits for running handlers to finish (up to `timeoutMs`), then disconnects. */
  async stop(timeoutMs = 20_000): Promise<void> {
    if (!this.started) return;
    this.started = false;
    this.working = false;
    await this.boss.stop({ graceful: true, timeout: timeoutMs, wait: true });
  }
}
