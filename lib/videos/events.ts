import { emit } from "@/lib/realtime/emit";
import type { videoGenerations } from "@/db/schema";
import type { VideoUpdateEvent } from "@/lib/realtime/events";

type Row = Pick<typeof videoGenerations.$inferSelect, "id" | "workspaceId" | "status" | "stage" | "progress" | "etaSeconds" | "provider" | "error" | "updatedAt">;

/** The live-status payload for a video row (also used by the listener's catch-up). */
export function videoUpdatePayload(v: Row): VideoUpdateEvent {
  return {
    videoId: v.id,
    status: v.status,
    stage: v.stage,
    progress: v.progress,
    etaSeconds: v.etaSeconds ?? null,
    provider: v.provider ?? null,
    error: v.error ?? null,
    updatedAt: (v.updatedAt ?? new Date()).toISOString(),
  };
}

export async function emitVideo(v: Row): Promise<void> {
  await emit(v.workspaceId, "video.updated", videoUpdatePayload(v), v.id);
}
