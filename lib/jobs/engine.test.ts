import { describe, it, expect, beforeAll } from "vitest";
import { z } from "zod";
import { getSql } from "@/db/client";
import { JobEngine } from "./engine";
import { defineJob } from "./define";

/** The job records each run so the test can count executions across engine restarts. */
const recordRun = defineJob({
  name: "test.record-run",
  schema: z.object({ marker: z.string() }),
  retryLimit: 2,
  policy: "stately",
  async handler({ marker }) {
    await getSql()`insert into test_job_runs (marker) values (${marker})`;
  },
});

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("job engine (pg-boss)", () => {
  beforeAll(async () => {
    await getSql()`create table if not exists test_job_runs (marker text not null, at timestamptz default now())`;
  });

  it("runs a job enqueued before a worker restart after it, exactly once", async () => {
    const marker = `m-${Date.now()}`;
    const url = process.env.DATABASE_URL!;
    // A web process with no worker enqueues, then goes away.
    const sender = new JobEngine({ connectionString: url, jobs: [recordRun as never], work: false, schedule: false });
    await sender.start();
    await sender.enqueue(recordRun, { marker }, { singletonKey: marker });
    // The same key again is refused while the first is queued: idempotent enqueue.
    expect(await sender.enqueue(recordRun, { marker }, { singletonKey: marker })).toBeNull();
    await sender.stop();

    const count = async () => Number((await getSql()`select count(*)::int as n from test_job_runs where marker = ${marker}`)[0].n);
    expect(await count()).toBe(0);

    const worker = new JobEngine({ connectionString: url, jobs: [recordRun as never], work: true, schedule: false, pollingIntervalSeconds: 0.5 });
    await worker.start();
    try {
      expect(await waitFor(count, (n) => n >= 1)).toBe(1);
      await new Promise((r) => setTimeout(r, 1500));
      expect(await count()).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it("rejects a payload that does not match the job's schema before it is queued", async () => {
    const e = new JobEngine({ connectionString: process.env.DATABASE_URL!, jobs: [recordRun as never], work: false, schedule: false });
    await e.start();
    try {
      await expect(e.enqueue(recordRun, { marker: 42 } as never)).rejects.toThrow();
    } finally {
      await e.stop();
    }
  });
});
