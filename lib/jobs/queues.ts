/**
 * Queue creation, once per database. pg-boss's create_queue adds a partition table; two
 * processes doing it at once on a fresh database deadlock (issue 11, defect 4). So the queues
 * are created by processes that also migrate (bootstrap, test setup), one at a time under a
 * session advisory lock, and only those missing are created. Send-only engines never call this.
 */
import postgres from "postgres";
import type PgBoss from "pg-boss";
import type { JobDefinition } from "./define";

/** Same key for every process of this app on this database. */
const LOCK_KEY = 0x61767371; // "avsq"

export function queueOptions(job: JobDefinition<unknown>) {
  return {
    name: job.name,
    policy: job.policy ?? "standard",
    retryLimit: job.retryLimit ?? 3,
    retryDelay: job.retryDelay ?? 5,
    retryBackoff: job.retryBackoff ?? true,
    expireInSeconds: job.expireInSeconds ?? 15 * 60,
  };
}

export async function ensureQueues(boss: PgBoss, connectionString: string, jobs: JobDefinition<unknown>[]): Promise<number> {
  const lockConn = postgres(connectionString, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await lockConn`select pg_advisory_lock(${LOCK_KEY})`;
    try {
      const existing = new Set((await boss.getQueues()).map((q) => q.name));
      let created = 0;
      for (const job of jobs) {
        if (existing.has(job.name)) continue;
        await boss.createQueue(job.name, queueOptions(job));
        created += 1;
      }
      return created;
    } finally {
      await lockConn`select pg_advisory_unlock(${LOCK_KEY})`;
    }
  } finally {
    await lockConn.end({ timeout: 5 });
  }
}

/** Creates the product's queues on a database (test setup and tools; bootstrap does it via the engine). */
export async function createJobQueues(connectionString: string): Promise<void> {
  const { default: Boss } = await import("pg-boss");
  const { jobDefinitions } = await import("./definitions");
  const boss = new Boss({ connectionString, max: 2, schedule: false, supervise: false });
  boss.on("error", () => undefined);
  await boss.start();
  try {
    await ensureQueues(boss, connectionString, jobDefinitions());
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
