/**
 * Videos made from research: one stored job → script (extraction rule) → createVideo (the one
 * create path: budget reservation, queue), or a batch over every job completed recently.
 */
import { z } from "zod";
import { getDb } from "@/db/client";
import { completedJobsWithoutVideo } from "@/db/queries/research";
import type { AuthContext } from "@/lib/auth/context";
import { AppError, isAppError } from "@/lib/errors";
import { createVideo } from "@/lib/videos/create";
import { createVideoSchema } from "@/lib/videos/input";
import { findJobRow, scriptFromJobRow } from "./service";

/** Video settings a from-research request may carry (title/script default to the generated ones). */
const settingsSchema = createVideoSchema
  .omit({ title: true, script: true, idempotencyKey: true })
  .extend({
    title: createVideoSchema.shape.title.optional(),
    script: createVideoSchema.shape.script.optional(),
    insightIds: z.array(z.string().min(1)).max(20).optional(),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
  });

export const fromResearchSchema = settingsSchema.extend({ researchJobId: z.string().trim().min(1, "Pick a research run.") });
export const fromResearchBatchSchema = settingsSchema
  .omit({ title: true, script: true, insightIds: true, idempotencyKey: true })
  .extend({ sinceHours: z.number().int().min(1, "sinceHours is at least 1.").max(24 * 30, "sinceHours is at most 720 (30 days).") });

async function createFromJob(ctx: AuthContext, jobId: string, input: z.infer<typeof settingsSchema>, requestHash?: string) {
  const row = await findJobRow(ctx.workspace.id, jobId);
  if (!row) throw new AppError("not_found", "Research job not found.");
  const generated = await scriptFromJobRow(ctx.workspace.id, row, input.insightIds);
  const { insightIds: _ignored, title, script, ...settings } = input;
  void _ignored;
  const { video, created } = await createVideo(
    ctx,
    { ...settings, title: title ?? generated.title, script: script ?? generated.script },
    {
      researchJobId: row.id,
      requestHash,
      originalContent: {
        kind: "research",
        researchJobId: row.id,
        source: generated.source,
        topic: generated.topic,
        citations: generated.citations,
        insightIds: generated.insightIds,
        generatedTitle: generated.title,
        generatedScript: generated.script,
      },
    },
  );
  return { video, created };
}

export async function createVideoFromResearch(ctx: AuthContext, body: unknown, opts: { requestHash?: string } = {}) {
  const v = fromResearchSchema.parse(body);
  const { researchJobId, ...rest } = v;
  return createFromJob(ctx, researchJobId, rest, opts.requestHash);
}

export interface BatchResult {
  created: string[];
  errors: Array<{ researchJobId: string; name: string; code: string; message: string }>;
}

/** One video per job completed in the last `sinceHours` hours that has no video yet. */
export async function createVideosFromRecentResearch(ctx: AuthContext, body: unknown, now = new Date()): Promise<BatchResult> {
  const { sinceHours, ...settings } = fromResearchBatchSchema.parse(body);
  const jobs = await completedJobsWithoutVideo(getDb(), ctx.workspace.id, new Date(now.getTime() - sinceHours * 3600_000));
  const out: BatchResult = { created: [], errors: [] };
  for (const job of jobs) {
    try {
      const { video } = await createFromJob(ctx, job.id, { ...settings, idempotencyKey: `research-batch:${job.id}` });
      out.created.push(video.id);
    } catch (err) {
      if (!isAppError(err)) throw err;
      out.errors.push({ researchJobId: job.id, name: job.name, code: err.code, message: err.message });
    }
  }
  return out;
}

export function isBatchRequest(body: unknown): boolean {
  return typeof body === "object" && body !== null && "sinceHours" in body;
}
