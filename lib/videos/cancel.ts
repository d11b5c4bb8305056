/** Cancelling a video: the request (dashboard/API) and the final write (worker or at once). */
import { and, eq, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations, FINAL_STATUSES, type VideoStatus } from "@/db/schema";
import { releaseReservation } from "@/lib/budget";
import { emitVideo } from "./events";
import { loadVideo, transition, type Video } from "./state";

export async function finishCancelled(v: Video): Promise<void> {
  await releaseReservation(v.workspaceId, v.id, "Released: cancelled");
  await transition(v.id, { status: "cancelled", stage: "Cancelled", etaSeconds: null, costCents: 0, completedAt: new Date() });
}

/** Cancel from the dashboard or API: queued videos end at once; running ones on the next heartbeat. */
export async function requestCancel(workspaceId: string, videoId: string): Promise<Video | null> {
  const db = getDb();
  // workspaceId first: another workspace's video is "not found", never touched.
  const [v] = await db
    .update(videoGenerations)
    .set({ cancelRequestedAt: new Date(), stage: "Cancelling…", updatedAt: new Date() })
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.id, videoId), notInArray(videoGenerations.status, FINAL_STATUSES as VideoStatus[])))
    .returning();
  if (!v) {
    // Already final (left as it is), or not this workspace's (null).
    const [existing] = await db.select().from(videoGenerations).where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.id, videoId)));
    return existing ?? null;
  }
  if (v.status === "queued" && !v.leaseOwner) await finishCancelled(v);
  else await emitVideo(v);
  return loadVideo(videoId);
}
