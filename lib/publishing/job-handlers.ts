/** Bodies of the publishing jobs; loaded lazily by lib/publishing/jobs.ts, only in processes that work. */
import { getDb } from "@/db/client";
import { duePostIds } from "@/db/queries/publishing";
import { logger } from "@/lib/logger";
import type { JobContext } from "@/lib/jobs/define";
import { advancePost, enqueuePublish } from "./posts";
import { pullAllMetrics } from "./metrics";

export async function runPublish({ workspaceId, postId }: { workspaceId: string; postId: string }, ctx: JobContext): Promise<void> {
  await advancePost(workspaceId, postId, { enqueue: ctx.enqueue, owner: ctx.jobId });
}

export async function runSweep(_p: unknown, ctx: JobContext): Promise<void> {
  const due = await duePostIds(getDb(), new Date());
  for (const d of due) await enqueuePublish(ctx.enqueue, d.workspaceId, d.id);
  if (due.length) logger.info({ due: due.length }, "publishing sweep");
}

export async function runMetrics(): Promise<void> {
  const n = await pullAllMetrics();
  logger.info({ samples: n }, "publishing metrics pulled");
}
