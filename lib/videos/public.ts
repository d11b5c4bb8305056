import { z } from "zod";
import { storyboardSchema } from "@/lib/compose/types";
import type { Video } from "./state";

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
    createdAt: z.string().datetime(),
    completedAt: z.string().datetime().nullable(),
    urls: z.record(z.string(), z.string().nullable()),
  })
  .passthrough();

/** The JSON shape of a video for the API and webhooks (no internal lease/idempotency fields). */
export function publicVideo(v: Video) {
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
