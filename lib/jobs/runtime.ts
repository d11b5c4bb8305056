/**
 * The process-wide engine. Next.js bundles route code separately from server.ts, so the
 * instance lives on globalThis for both module graphs to find.
 */
import { JobEngine } from "./engine";
import type { Enqueue } from "./define";

const g = globalThis as unknown as { __avsJobEngine?: JobEngine; __avsSendEngine?: Promise<JobEngine> };

export function setJobEngine(engine: JobEngine | undefined): void {
  g.__avsJobEngine = engine;
}

export function currentJobEngine(): JobEngine | undefined {
  return g.__avsJobEngine;
}

async function engineForSending(): Promise<JobEngine> {
  if (g.__avsJobEngine) return g.__avsJobEngine;
  // A web process without a worker still needs to send: a send-only engine on the same DB.
  g.__avsSendEngine ??= (async () => {
    const { jobCatalog } = await import("./catalog");
    const e = new JobEngine({ connectionString: process.env.DATABASE_URL!, jobs: jobCatalog(), work: false, schedule: false });
    await e.start();
    return e;
  })();
  return g.__avsSendEngine;
}

export const enqueue: Enqueue = async (job, payload, opts) => (await engineForSending()).enqueue(job, payload, opts);

/** Stops and forgets the send-only engine (tests that switch databases). */
export async function resetJobRuntime(): Promise<void> {
  const pending = g.__avsSendEngine;
  g.__avsSendEngine = undefined;
  if (pending) await (await pending).stop();
}
