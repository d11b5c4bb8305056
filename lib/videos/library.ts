/** Reading and managing a workspace's videos (the library, the player page, the API). */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { videoGenerations, videoAnalyticsEvents } from "@/db/schema";
import { findVideoForWorkspace, listAttempts, listVideos } from "@/db/queries/videos";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { publicVideo, requestCancel } from "./process";

export const listQuery = z.object({
  status: z.string().optional().transform((s) => (s ? s.split(",").filter(Boolean) : undefined)),
  provider: z.string().optional(),
  campaignId: z.string().uuid().optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

export async function listWorkspaceVideos(ctx: AuthContext, query: unknown) {
  const f = listQuery.parse(query);
  const { total, rows } = await listVideos(getDb(), ctx.workspace.id, f);
  return { total, page: f.page, pageSize: f.pageSize, videos: rows.map(publicVideo) };
}

export async function getVideo(ctx: AuthContext, id: string) {
  const v = await findVideoForWorkspace(getDb(), ctx.workspace.id, id);
  if (!v) throw new AppError("not_found", "Video not found.");
  const attempts = await listAttempts(getDb(), ctx.workspace.id, id);
  return {
    ...publicVideo(v),
    script: v.scriptContent,
    background: v.background,
    avatarProfileId: v.avatarProfileId,
    templateId: v.templateId,
    attempts: attempts.map((a) => ({
      attemptNumber: a.attemptNumber,
      provider: a.provider,
      outcome: a.outcome,
      error: a.error,
      costCents: a.costCents,
      estimatedCostCents: a.estimatedCostCents,
      startedAt: a.startedAt,
      finishedAt: a.finishedAt,
    })),
  };
}

export async function cancelVideo(ctx: AuthContext, id: string) {
  const v = await requestCancel(ctx.workspace.id, id);
  if (!v) throw new AppError("not_found", "Video not found.");
  return publicVideo(v);
}

/** Soft delete (media is removed by housekeeping); running videos are cancelled first. */
export async function deleteVideos(ctx: AuthContext, ids: string[]): Promise<number> {
  const valid = ids.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (!valid.length) return 0;
  for (const id of valid) await requestCancel(ctx.workspace.id, id);
  const rows = await getDb()
    .update(videoGenerations)
    .set({ deletedAt: new Date() })
    .where(and(eq(videoGenerations.workspaceId, ctx.workspace.id), inArray(videoGenerations.id, valid)))
    .returning({ id: videoGenerations.id });
  return rows.length;
}

export async function recordMediaEvent(ctx: AuthContext, videoId: string, type: "view" | "download", platform: string | null) {
  await getDb().insert(videoAnalyticsEvents).values({ workspaceId: ctx.workspace.id, videoId, type, platform });
}
