/**
 * A video is worked on by one worker at a time. The lease is a row update, so it holds across
 * processes; it is renewed while the worker is alive, and a lease that ran out (a killed
 * worker) lets the next job run pick the video up where the database says it was.
 */
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { env } from "@/lib/env";

export const LEASE_SECONDS = env().VIDEO_LEASE_SECONDS;
export const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

export type LeaseResult = "acquired" | "held_elsewhere" | "workspace_busy";

/** `now` is injectable so a test can stand after a crashed worker's lease ran out. */
export async function acquireLease(videoId: string, workspaceId: string, maxPerWorkspace: number, now = new Date()): Promise<LeaseResult> {
  return getDb().transaction(async (tx) => {
    // Serialise lease decisions per workspace so the concurrency cap is exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceId}))`);
    const [busy] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(videoGenerations)
      .where(and(eq(videoGenerations.workspaceId, workspaceId), gt(videoGenerations.leaseUntil, now), sql`${videoGenerations.id} <> ${videoId}`));
    const got = await tx
      .update(videoGenerations)
      .set({ leaseOwner: WORKER_ID, leaseUntil: new Date(now.getTime() + LEASE_SECONDS * 1000) })
      .where(
        and(
          eq(videoGenerations.id, videoId),
          or(isNull(videoGenerations.leaseUntil), lt(videoGenerations.leaseUntil, now), eq(videoGenerations.leaseOwner, WORKER_ID)),
        ),
      )
      .returning({ id: videoGenerations.id });
    if (!got.length) return "held_elsewhere";
    if ((busy?.n ?? 0) >= maxPerWorkspace) {
      await tx.update(videoGenerations).set({ leaseOwner: null, leaseUntil: null }).where(eq(videoGenerations.id, videoId));
      return "workspace_busy";
    }
    return "acquired";
  });
}

export async function renewLease(videoId: string): Promise<void> {
  await getDb()
    .update(videoGenerations)
    .set({ leaseUntil: new Date(Date.now() + LEASE_SECONDS * 1000) })
    .where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.leaseOwner, WORKER_ID)));
}

export async function releaseLease(videoId: string): Promise<void> {
  await getDb()
    .update(videoGenerations)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.leaseOwner, WORKER_ID)));
}
