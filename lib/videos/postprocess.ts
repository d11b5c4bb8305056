/**
 * After a provider's result is in the scratch dir: store it, thumbnail, platform renditions,
 * settle the money, mark the video completed, tell the world. Every step writes to a fixed
 * output key (videos/<ws>/<id>/…) so a re-run after a crash overwrites or reuses the same
 * objects — renditions already stored are not rendered again — and money moves only through
 * keyed ledger rows.
 */
import path from "node:path";
import { getDb } from "@/db/client";
import { videoAnalyticsEvents } from "@/db/schema";
import { chargedFor, checkAlerts, settle } from "@/lib/budget";
import { emit } from "@/lib/realtime/emit";
import { storage } from "@/lib/storage";
import { deliverEvent, queueDeliveries, recordEvent } from "@/lib/webhooks";
import { webhookVideoPayload } from "@/lib/webhooks/payload";
import { logger } from "@/lib/logger";
import { onVideoCompleted } from "@/lib/publishing";
import { makeThumbnail, probeMedia } from "@/lib/render/ffmpeg";
import { optimiseForPlatform } from "@/lib/render/platform";
import { composeForVideo, composedSourceFor } from "@/lib/compose/pipeline";
import { brollChildOf } from "@/lib/compose/broll";
import type { Checkpoint } from "./pipeline-hooks";
import type { ProviderResult } from "./resume";
import { finalTransition, transition, type Video } from "./state";

const DEFAULT_PRESET: Record<Video["aspectRatio"], string> = { portrait: "instagram_reels", landscape: "youtube", square: "instagram_feed_square", portrait_4x5: "instagram_feed_portrait" };

export function outputKeys(v: Pick<Video, "workspaceId" | "id">) {
  const base = `videos/${v.workspaceId}/${v.id}`;
  return { base, video: `${base}/video.mp4`, thumb: `${base}/thumb.jpg`, rendition: (preset: string) => `${base}/${preset}.mp4` };
}

export async function postProcess(v: Video, r: ProviderResult, workDir: string, checkpoint?: Checkpoint): Promise<void> {
  await transition(v.id, { status: "processing", stage: "Optimising and making the thumbnail", progress: 88, etaSeconds: 5 });
  const st = storage();
  const keys = outputKeys(v);
  // Issue 14: a storyboard video is composed from the presenter track (one file per aspect,
  // the first is the main file); everything below then works on the composed files.
  if (v.storyboard) await transition(v.id, { status: "processing", stage: "Composing scenes, cards and music", progress: 80, etaSeconds: null });
  const composed = await composeForVideo(v, r.path, workDir, { baseKey: keys.base });
  const mainPath = composed?.mainPath ?? r.path;
  const info = await probeMedia(mainPath);
  const thumb = path.join(workDir, "thumb.jpg");
  await makeThumbnail(mainPath, thumb, Math.min(1.5, info.durationSec / 2));
  await st.putFile(keys.video, mainPath, "video/mp4");
  await st.putFile(keys.thumb, thumb, "image/jpeg");
  await checkpoint?.("stored", { provider: r.provider });

  const renditions: Record<string, string> = { ...composed?.renditions };
  const renditionErrors: Record<string, string> = {};
  // A B-roll child's clip is an ingredient of its parent, not a video to post: no renditions.
  const wanted = brollChildOf(v) ? [] : v.targetPlatforms.length ? v.targetPlatforms : r.provider === "local" ? [] : [DEFAULT_PRESET[v.aspectRatio]];
  for (const preset of wanted) {
    const key = keys.rendition(preset);
    try {
      // Stored by an earlier run of this job (same source, same preset): reuse it.
      if (!(await st.stat(key))) {
        const out = path.join(workDir, `${preset}.mp4`);
        await optimiseForPlatform(composedSourceFor(composed, preset) ?? mainPath, preset, out);
        await st.putFile(key, out, "video/mp4");
      }
      renditions[preset] = key;
    } catch (err) {
      renditionErrors[preset] = err instanceof Error ? err.message : String(err);
    }
    await checkpoint?.("rendition", { provider: r.provider });
  }

  const charged = await chargedFor(getDb(), v.workspaceId, v.id);
  await settle(v.workspaceId, v.id, { cents: charged, provider: r.provider });
  await checkpoint?.("settled", { provider: r.provider });
  // The completed state, its analytics event and its webhook rows commit together; the
  // deliveries are queued after commit (and re-queued by the sweeper if this process dies).
  const fin = await finalTransition(v.id, {
    status: "completed",
    stage: "Ready",
    progress: 100,
    etaSeconds: 0,
    provider: r.provider,
    videoKey: keys.video,
    thumbnailKey: keys.thumb,
    renditions,
    renditionErrors,
    durationSeconds: Math.round(info.durationSec * 100) / 100,
    sizeBytes: info.sizeBytes,
    costCents: charged,
    completedAt: new Date(),
    error: null,
  }, async (tx, done) => {
    await tx.insert(videoAnalyticsEvents).values({ workspaceId: v.workspaceId, videoId: v.id, type: "completed", meta: { provider: r.provider, costCents: charged } });
    return recordEvent(tx, v.workspaceId, "video.completed", webhookVideoPayload(done));
  });
  if (!fin) return;
  await checkpoint?.("completed", { provider: r.provider });
  await queueDeliveries(fin.result);
  await raiseBudgetAlerts(v.workspaceId);
  // A campaign with auto_post on publishes the finished video (idempotent per video × account);
  // a publishing problem never turns a finished video into a failed one.
  try {
    await onVideoCompleted(v.workspaceId, v.id);
  } catch (err) {
    logger.error({ err, videoId: v.id }, "auto-post could not be queued");
  }
}

export async function raiseBudgetAlerts(workspaceId: string): Promise<void> {
  for (const a of await checkAlerts(workspaceId)) {
    await emit(workspaceId, "budget.alert", a);
    await deliverEvent(workspaceId, "budget.alert", { ...a });
  }
}
