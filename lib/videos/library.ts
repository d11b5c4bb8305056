/** Reading and managing a workspace's videos (the library, the player page, the API). */
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { videoGenerations, videoAnalyticsEvents } from "@/db/schema";
import { brollClipCosts, findVideoForWorkspace, findVideosForWorkspace, listAttempts, listVideos } from "@/db/queries/videos";
import { brollClipsOf } from "@/db/queries/brand";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { storage } from "@/lib/storage";
import { filenameFor } from "@/lib/storage/http";
import { publicVideo, requestCancel } from "./process";
import { uniqueNames, zipSize, zipStream, type ZipEntry } from "./zip";
import { createVideo } from "./create";
import { fallbackNotes } from "./fallback-notes";
import { PLATFORM_PRESET_IDS } from "@/lib/render/platform";
import { logger } from "@/lib/logger";

export const LIBRARY_SORTS = ["newest", "oldest", "title", "duration", "cost"] as const;
/** Date filter: created within the last N days. */
export const LIBRARY_SINCE = { "1d": 1, "7d": 7, "30d": 30, "90d": 90 } as const;
export const MAX_ZIP_VIDEOS = 50;

export const listQuery = z.object({
  status: z.string().optional().transform((s) => (s ? s.split(",").filter(Boolean) : undefined)),
  provider: z.string().optional(),
  campaignId: z.string().uuid().optional(),
  q: z.string().max(200).optional(),
  sort: z.enum(LIBRARY_SORTS, { message: `sort must be one of ${LIBRARY_SORTS.join(", ")}.` }).default("newest"),
  platform: z.enum(PLATFORM_PRESET_IDS as unknown as [string, ...string[]], { message: `platform must be one of ${PLATFORM_PRESET_IDS.join(", ")}.` }).optional(),
  since: z.enum(Object.keys(LIBRARY_SINCE) as [keyof typeof LIBRARY_SINCE], { message: `since must be one of ${Object.keys(LIBRARY_SINCE).join(", ")}.` }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(24),
});

export async function listWorkspaceVideos(ctx: AuthContext, query: unknown, now = new Date()) {
  const { since, ...f } = listQuery.parse(query);
  const createdAfter = since ? new Date(now.getTime() - LIBRARY_SINCE[since] * 86_400_000) : undefined;
  const { total, rows } = await listVideos(getDb(), ctx.workspace.id, { ...f, createdAfter });
  // Composed shorts' B-roll clips are charged on child videos: one query adds them per page.
  const composed = rows.filter((r) => r.storyboard).map((r) => r.id);
  const clips = await brollClipCosts(getDb(), ctx.workspace.id, composed);
  return { total, page: f.page, pageSize: f.pageSize, videos: rows.map((r) => publicVideo(r, clips.filter((c) => c.videoId === r.id))) };
}

export async function getVideo(ctx: AuthContext, id: string) {
  const v = await findVideoForWorkspace(getDb(), ctx.workspace.id, id);
  if (!v) throw new AppError("not_found", "Video not found.");
  const [attempts, clips, clipCosts] = await Promise.all([
    listAttempts(getDb(), ctx.workspace.id, id),
    v.storyboard ? brollClipsOf(getDb(), ctx.workspace.id, id) : [],
    v.storyboard ? brollClipCosts(getDb(), ctx.workspace.id, [id]) : [],
  ]);
  return {
    ...publicVideo(v, clipCosts),
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
    /** B-roll scenes that fell back and providers that failed over, in plain words (issue 14). */
    fallbacks: fallbackNotes(v.storyboard?.scenes ?? null, clips, attempts),
  };
}

/** 404 unless the video is the caller's workspace's (for routes whose service would answer an empty list). */
export async function requireVideo(ctx: AuthContext, id: string): Promise<void> {
  if (!(await findVideoForWorkspace(getDb(), ctx.workspace.id, id))) throw new AppError("not_found", "Video not found.");
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

export const zipQuery = z.object({
  ids: z
    .string({ message: "Pass the videos to download as ids=<id>,<id>." })
    .transform((s) => [...new Set(s.split(",").map((x) => x.trim()).filter(Boolean))])
    .pipe(
      z
        .array(z.string().uuid({ message: "Every id must be a video id (a UUID)." }))
        .min(1, "Select at least one video.")
        .max(MAX_ZIP_VIDEOS, `Download at most ${MAX_ZIP_VIDEOS} videos at once; select fewer.`),
    ),
});

/**
 * The selected videos' MP4s as one streamed ZIP. Every id must be a ready video of this
 * workspace: one from another workspace answers 404 like a missing one (its existence is not
 * revealed), one still rendering answers 409 naming it.
 */
export async function videosZip(ctx: AuthContext, query: unknown) {
  const { ids } = zipQuery.parse(query);
  const rows = await findVideosForWorkspace(getDb(), ctx.workspace.id, ids);
  if (rows.length !== ids.length) throw new AppError("not_found", "One or more of the selected videos were not found in this workspace. Reload the library and select again.");
  const notReady = rows.filter((r) => !r.videoKey);
  if (notReady.length) throw new AppError("conflict", `Not ready yet: ${notReady.map((r) => `“${r.scriptTitle}”`).join(", ")}. Deselect ${notReady.length === 1 ? "it" : "them"} or wait until ${notReady.length === 1 ? "it is" : "they are"} Ready.`);
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
  const st = storage();
  const names = uniqueNames(rows.map((r) => ({ id: r.id, base: filenameFor(r.scriptTitle).replace(/\.mp4$/, "") })));
  const entries: ZipEntry[] = [];
  for (const r of rows) {
    const stat = await st.stat(r.videoKey!);
    if (!stat) throw new AppError("not_found", `The file of “${r.scriptTitle}” is missing; re-generate it.`);
    entries.push({ name: names.get(r.id)!, size: stat.size, mtime: r.completedAt ?? r.createdAt, open: () => st.read(r.videoKey!) });
  }
  for (const r of rows) await recordMediaEvent(ctx, r.id, "download", null);
  return { filename: `videos-${new Date().toISOString().slice(0, 10)}.zip`, size: zipSize(entries), stream: zipStream(entries) };
}

export const MAX_RERENDER_VIDEOS = 20;
export const rerenderInput = z.object({
  ids: z
    .array(z.string())
    .min(1, "Select at least one video to re-render.")
    .max(MAX_RERENDER_VIDEOS, `Re-render at most ${MAX_RERENDER_VIDEOS} videos at a time.`),
});

export type RerenderResult = { id: string; ok: true; newId: string } | { id: string; ok: false; error: string };

/**
 * Bulk re-render: each selected video becomes a NEW video from the same inputs (script or
 * storyboard, presenter, template, aspect, platforms, voice, captions, background), through the
 * one create service, so each is tier-gated and budget-reserved on its own. A refusal (cap
 * reached, presenter above the plan, video gone) is that item's result; the others still go.
 */
export async function rerenderVideos(ctx: AuthContext, input: unknown): Promise<RerenderResult[]> {
  const { ids } = rerenderInput.parse(input);
  const rows = new Map((await findVideosForWorkspace(getDb(), ctx.workspace.id, ids)).map((r) => [r.id, r]));
  const out: RerenderResult[] = [];
  for (const id of [...new Set(ids)]) {
    const v = rows.get(id);
    if (!v) {
      out.push({ id, ok: false, error: "Video not found (deleted, or not in this workspace)." });
      continue;
    }
    try {
      const { video } = await createVideo(
        ctx,
        {
          title: v.scriptTitle,
          script: v.scriptContent,
          avatarProfileId: v.avatarProfileId,
          templateId: v.templateId ?? undefined,
          aspectRatio: v.aspectRatio,
          voiceSpeed: v.voiceSpeed,
          captions: v.captions,
          background: v.background,
          targetPlatforms: v.targetPlatforms,
          storyboard: v.storyboard ?? undefined,
        },
        v.researchJobId ? { researchJobId: v.researchJobId } : {},
      );
      out.push({ id, ok: true, newId: video.id });
    } catch (err) {
      out.push({ id, ok: false, error: err instanceof AppError ? err.message : err instanceof z.ZodError ? (err.issues[0]?.message ?? "Invalid video inputs.") : "Could not re-render this video; try again." });
      // An unexpected failure is logged with its cause; the item says so and the rest continue.
      if (!(err instanceof AppError) && !(err instanceof z.ZodError)) logger.error({ err, videoId: id }, "re-render failed");
    }
  }
  return out;
}
