import { z } from "zod";
import { storyboardSchema } from "@/lib/compose/types";
import type { BrollClipCost } from "@/db/queries/videos";
import type { Video } from "./state";

/**
 * What a video cost, AI B-roll included (issue 14). A B-roll clip is made as its own child video
 * with its own hold and charge, so `costCents` (the parent's own charge) alone understates a
 * composed short: `totalCents` is the presenter plus every clip's actual charge. Integer cents.
 */
export const videoCostSchema = z.object({
  presenterCents: z.number().int().nullable().describe("The video's own charge (the presenter and compose); null until charged."),
  brollCents: z.number().int().describe("The AI B-roll clips' actual charges; a clip still running or failed adds what it was charged (0 if nothing)."),
  brollClips: z.number().int().describe("AI B-roll clips made or being made, cached ones included."),
  brollCached: z.number().int().describe("Of those, clips reused from the workspace's cache: free."),
  brollPendingCents: z.number().int().describe("Held for clips still being made, not charged yet."),
  totalCents: z.number().int().nullable().describe("presenterCents + brollCents; null while nothing is charged."),
  estimatedCents: z.number().int().describe("The video's own estimate plus its clips' estimates (a cached clip is free)."),
});
export type VideoCost = z.infer<typeof videoCostSchema>;

const SETTLED = new Set(["completed", "failed", "timeout", "cancelled"]);

/** Adds a video's B-roll clips (its broll_clips rows with their child videos) to its own charge. */
export function videoCost(v: { costCents: number | null; estimatedCostCents: number }, clips: BrollClipCost[]): VideoCost {
  const presenterCents = v.costCents;
  let estimatedCents = v.estimatedCostCents;
  let brollCents = 0;
  let brollClips = 0;
  let brollCached = 0;
  let brollPendingCents = 0;
  for (const c of clips) {
    // A clip that fell back before a child was made (B-roll off, no provider, over budget) cost nothing.
    if (c.clipStatus !== "fallback") brollClips++;
    if (c.cached && c.clipStatus === "ready") brollCached++;
    if (c.childStatus == null) continue;
    brollCents += c.childCostCents ?? 0;
    estimatedCents += c.childEstimatedCents ?? 0;
    if (c.childCostCents == null && !SETTLED.has(c.childStatus)) brollPendingCents += c.childReservedCents ?? 0;
  }
  const totalCents = presenterCents == null && brollCents === 0 ? null : (presenterCents ?? 0) + brollCents;
  return { presenterCents, brollCents, brollClips, brollCached, brollPendingCents, totalCents, estimatedCents };
}

/**
 * The documented shape of a video (OpenAPI response of GET /videos/{id}): the fields API users
 * rely on; other fields may appear. `storyboard` is the board the video was composed from (null
 * for a plain presenter video): send it back as `storyboard` on create to re-render or edit it.
 */
export const publicVideoSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string(),
    status: z.enum(["queued", "submitting", "rendering", "processing", "completed", "failed", "timeout", "cancelled"]),
    stage: z.string().nullable(),
    progress: z.number(),
    provider: z.string().nullable(),
    aspectRatio: z.string(),
    durationSeconds: z.number().nullable(),
    costCents: z.number().int().nullable(),
    renditions: z.array(z.string()).describe("Stored renditions: platform presets and, for composed shorts, the aspects (\"9:16\", \"16:9\", \"1:1\", \"4:5\")."),
    storyboard: storyboardSchema.nullable().describe("The scenes, layouts, visuals, citations, music and aspects the video was composed from; null for a plain presenter video."),
    fallbacks: z
      .array(z.object({ kind: z.enum(["broll", "failover"]), sceneId: z.string().nullable(), text: z.string() }))
      .optional()
      .describe("GET /videos/{id} only: B-roll scenes that fell back to the presenter and providers that failed over, each in plain words."),
    cost: videoCostSchema.optional().describe("GET /videos/{id} and the list: what the video cost with its AI B-roll clips (each clip is charged on its own child video)."),
    createdAt: z.string().datetime(),
    completedAt: z.string().datetime().nullable(),
    urls: z.record(z.string(), z.string().nullable()),
  })
  .passthrough();

/**
 * The JSON shape of a video for the API and webhooks (no internal lease/idempotency fields).
 * `clips` (its B-roll clips' costs, db/queries/videos.ts brollClipCosts) adds `cost`; callers
 * that did not read them (webhooks, create) omit it rather than understate it.
 */
export function publicVideo(v: Video, clips?: BrollClipCost[]) {
  return {
    id: v.id,
    title: v.scriptTitle,
    status: v.status,
    stage: v.stage,
    progress: v.progress,
    etaSeconds: v.etaSeconds,
    provider: v.provider,
    aspectRatio: v.aspectRatio,
    voiceSpeed: v.voiceSpeed,
    captions: v.captions,
    targetPlatforms: v.targetPlatforms,
    durationSeconds: v.durationSeconds,
    sizeBytes: v.sizeBytes,
    estimatedCostCents: v.estimatedCostCents,
    costCents: v.costCents,
    error: v.error,
    renditions: Object.keys(v.renditions),
    renditionErrors: v.renditionErrors,
    campaignId: v.campaignId,
    researchJobId: v.researchJobId,
    /** The scenes the video was composed from (issue 14); re-usable as `storyboard` on create. */
    storyboard: v.storyboard ?? null,
    ...(clips ? { cost: videoCost(v, clips) } : {}),
    createdAt: v.createdAt,
    completedAt: v.completedAt,
    urls: {
      self: `/api/v1/videos/${v.id}`,
      video: v.videoKey ? `/api/media/videos/${v.id}` : null,
      thumbnail: v.thumbnailKey ? `/api/media/videos/${v.id}/thumbnail` : null,
      download: v.videoKey ? `/api/media/videos/${v.id}?download=1` : null,
    },
  };
}
