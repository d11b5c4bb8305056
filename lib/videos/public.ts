import type { Video } from "./state";

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
