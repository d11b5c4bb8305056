import { emit } from "@/lib/realtime/emit";
import type { videoGenerations } from "@/db/schema";

type Row = Pick<typeof videoGenerations.$inferSelect, "id" | "workspaceId" | "status" | "stage" | "progress" | "etaSeconds" | "provider" | "error" | "updatedAt">;

export async function emitVideo(v: Row): Promise<void> {
  await emit(
    v.workspaceId,
    "video.updated",
    {
      videoId: v.id,
      status: v.status,
      stage: v.stage,
      progress: v.progress,
      etaSeconds: v.etaSeconds ?? null,
      provider: v.provider ?? null,
      error: v.error ?? null,
      updatedAt: (v.updatedAt ?? new Date()).toISOString(),
    },
    v.id,
  );
}
