/** The video row's state: reads, and writes that the UI hears about at once. */
import { and, eq, notInArray } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import { videoGenerations, FINAL_STATUSES, type VideoStatus } from "@/db/schema";
import { emitVideo } from "./events";

export type Video = typeof videoGenerations.$inferSelect;
export type VideoPatch = Partial<typeof videoGenerations.$inferInsert>;

export async function loadVideo(id: string): Promise<Video | null> {
  const [v] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, id));
  return v ?? null;
}

export function isFinal(v: Pick<Video, "status">): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(v.status);
}

/** Updates a video that is not final yet; returns null when it already ended (idempotence). */
export async function transition(videoId: string, patch: VideoPatch): Promise<Video | null> {
  const [row] = await getDb()
    .update(videoGenerations)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(videoGenerations.id, videoId), notInArray(videoGenerations.status, FINAL_STATUSES as VideoStatus[])))
    .returning();
  if (row) await emitVideo(row);
  return row ?? null;
}

/**
 * The last transition of a video (completed / failed) and what must never be lost with it —
 * the webhook delivery rows, the analytics event — in ONE transaction (issue 11: a worker killed
 * between "completed" and the delivery used to lose the delivery). `inTx` runs only when this
 * call made the transition; the realtime event goes out after commit.
 */
export async function finalTransition<T>(videoId: string, patch: VideoPatch, inTx: (tx: Tx, row: Video) => Promise<T>): Promise<{ row: Video; result: T } | null> {
  const out = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .update(videoGenerations)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(videoGenerations.id, videoId), notInArray(videoGenerations.status, FINAL_STATUSES as VideoStatus[])))
      .returning();
    if (!row) return null;
    return { row, result: await inTx(tx, row) };
  });
  if (out) await emitVideo(out.row);
  return out;
}
