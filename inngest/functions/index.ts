/**
 * Every job of lib/jobs as an Inngest function: same name, same zod payload, same handler.
 * Enqueueing from inside a handler becomes an Inngest event, so the flow is identical to the
 * pg-boss driver's. Business logic stays in lib/.
 */
import { inngest, eventName } from "../client";
import { jobCatalog } from "@/lib/jobs/catalog";
import type { Enqueue, JobDefinition } from "@/lib/jobs/define";
import { handlerFor } from "@/lib/jobs/handlers";

const enqueue: Enqueue = async (job, payload, opts) => {
  const name = typeof job === "string" ? job : job.name;
  const ts = opts?.startAfter ? new Date(opts.startAfter).getTime() : undefined;
  const { ids } = await inngest.send({ name: eventName(name), data: payload as Record<string, unknown>, ...(ts ? { ts } : {}), ...(opts?.singletonKey ? { id: `${name}:${opts.singletonKey}` } : {}) });
  return ids[0] ?? null;
};

export function functionFor(job: JobDefinition<unknown>) {
  const triggers = job.cron ? [{ event: eventName(job.name) }, { cron: job.cron }] : [{ event: eventName(job.name) }];
  return inngest.createFunction(
    { id: job.name.replace(/\./g, "-"), retries: Math.min(job.retryLimit ?? 3, 20) as 3, triggers },
    async ({ event, step, attempt }) => {
      const payload = job.schema.parse((event as { data?: unknown }).data ?? {});
      await step.run(job.name, async () => (await handlerFor(job))(payload, { jobId: String((event as { id?: string }).id ?? job.name), retryCount: attempt, enqueue }));
      return { ok: true };
    },
  );
}

export const functions = jobCatalog().map(functionFor);
