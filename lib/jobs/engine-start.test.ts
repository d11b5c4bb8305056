/**
 * Issue 11, defect 4: the job engine's start.
 *
 * Mutations tried:
 * - lib/jobs/queues.ts: ensureQueues without the advisory lock and the "already exists" check
 *   (every process calling createQueue for every job, as before): tried once on the 2-core
 *   test machine; the run did not report a clear `deadlock detected` (the race is timing
 *   dependent), so this case guards the fixed path rather than proving the race each run.
 * - lib/jobs/runtime.ts: the `p.catch(() => … = undefined)` removed (the rejected start
 *   memoised, as before) → "a failed start is retried" fails: the second enqueue rejects too.
 */
import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { embedded, EMBEDDED_SKIP_REASON } from "@/lib/testing/db-kind";
import { freePort } from "@/lib/testing/pg-cluster";
import { JobEngine } from "./engine";
import { jobDefinitions } from "./definitions";
import { enqueue, resetJobRuntime } from "./runtime";

async function freshDatabase(server: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `avs_eng_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

describe("job engine start", () => {
  it.skipIf(embedded || !process.env.TEST_DATABASE_URL)(
    `two engines starting at once on a fresh database do not deadlock, and create each queue once (${embedded ? `skipped: ${EMBEDDED_SKIP_REASON}` : "real server"})`,
    async () => {
      for (let round = 0; round < 3; round++) {
        const db = await freshDatabase(process.env.TEST_DATABASE_URL!);
        const engines = [0, 1].map(() => new JobEngine({ connectionString: db.url, jobs: jobDefinitions(), work: false, schedule: false }));
        try {
          await Promise.all(engines.map((e) => e.start()));
          const sql = postgres(db.url, { max: 1, onnotice: () => {} });
          const [{ n }] = await sql`select count(*)::int as n from pgboss.queue`;
          await sql.end();
          expect(n).toBe(jobDefinitions().length);
        } finally {
          await Promise.all(engines.map((e) => e.stop()));
          await db.drop();
        }
      }
    },
  );

  it("a failed start is retried on the next enqueue, not remembered", async () => {
    const good = process.env.DATABASE_URL!;
    await resetJobRuntime();
    // A port nobody listens on: the start fails fast (connection refused).
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    try {
      await expect(enqueue("video.sweep", {})).rejects.toThrow();
    } finally {
      process.env.DATABASE_URL = good;
    }
    const id = await enqueue("video.sweep", {});
    expect(typeof id === "string" || id === null).toBe(true);
    await resetJobRuntime();
  });
});
