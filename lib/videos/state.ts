/** Writes to a video row that the UI hears about at once. */
import { and, eq, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations, FINAL_STATUSES, type VideoStatus } from "@/db/schema";
import { emitVideo } from "./events";

export type VideoPatch = Partial<typeof videoGenerations.$inferInsert>;

/** Updates a video that is not final yet; returns null when it already ended (idempotence). */
export async function transition(videoId: string, patch: VideoPatch): Promise<typeof videoGenerations.$inferSelect | null> {
  const [row] = await getDb()
    .update(videoGenerations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(videoGenerations.id, videoId), notInArray(videoGenerations.status, FINAL_STATUSES as VideoStatus[])))
    .returning();
  if (row) await emitVideo(row);
  return row ?? null;
}
