/**
 * The process-wide engine, and `enqueue` for services. Sending needs only job definitions
 * (lib/jobs/definitions: zod + names), never the handlers, so importing this module pulls in
 * no domain code. Next.js bundles route code separately from server.ts, so the instance lives
 * on globalThis for both module graphs to find.
 */
import { JobEngine } from "./engine";
import type { Enqueue } from "./define";
import { jobDefinitions } from "./definitions";

const g = globalThis as unknown as { __avsJobEngine?: JobEngine; __avsSendEngine?: Promise<JobEngine> };

export function setJobEngine(engine: JobEngine | undefined): void {
  g.__avsJobEngine = engine;
}

export function currentJobEngine(): JobEngine | undefined {
  return g.__avsJobEngine;
}

async function engineForSending(): Promise<JobEngine> {
  if (g.__avsJobEngine) return g.__avsJobEngine;
  // A process without an engine of its own (Next.js route graph, scripts) sends through a
  // send-only engine: it creates no queues and runs no handlers.
  if (!g.__avsSendEngine) {
    const p = (async () => {
      const e = new JobEngine({ connectionString: process.env.DATABASE_URL!, jobs: jobDefinitions(), work: false, schedule: false, createQueues: false });
      await e.start();
      return e;
    })();
    g.__avsSendEngine = p;
    // A failed start (database down) is not cached: the next enqueue tries again.
    p.catch(() => {
      if (g.__avsSendEngine === p) g.__avsSendEngine = undefined;
    });
  }
  return g.__avsSendEngine;
}

export const enqueue: Enqueue = async (job, payload, opts) => (await engineForSending()).enqueue(job, payload, opts);

/** Stops and forgets the send-only engine (tests that switch databases). */
export async function resetJobRuntime(): Promise<void> {
  const pending = g.__avsSendEngine;
  g.__avsSendEngine = undefined;
  const e = await pending?.catch(() => undefined);
  await e?.stop();
}
