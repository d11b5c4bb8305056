/**
 * A video is worked on by one run at a time. The lease is a row update, so it holds across
 * processes; it is renewed while the run is alive, and a lease that ran out (a killed
 * worker) lets the next job run pick the video up where the database says it was.
 *
 * The owner is a token made for each acquisition, not the process: two runs of the same
 * video in ONE process (a duplicate job delivered twice to the same worker) must exclude each
 * other just like runs in two processes. Only the run holding the token renews or releases.
 */
import { and, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { env } from "@/lib/env";

export const LEASE_SECONDS = env().VIDEO_LEASE_SECONDS;
/** Identifies the process in the owner token, for people reading the row; never compared on its own. */
export const WORKER_ID = `${process.pid}-${randomUUID().slice(0, 8)}`;

export type LeaseResult = { status: "acquired"; token: string } | { status: "held_elsewhere" } | { status: "workspace_busy" };

/** `now` is injectable so a test can stand after a crashed worker's lease ran out. */
export async function acquireLease(videoId: string, workspaceId: string, maxPerWorkspace: number, now = new Date()): Promise<LeaseResult> {
  const token = `${WORKER_ID}:${randomUUID()}`;
  return getDb().transaction(async (tx) => {
    // Serialise lease decisions per workspace so the concurrency cap is exact.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${workspaceId}))`);
    const [busy] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(videoGenerations)
      .where(and(eq(videoGenerations.workspaceId, workspaceId), gt(videoGenerations.leaseUntil, now), sql`${videoGenerations.id} <> ${videoId}`));
    // A live lease is never taken over, whoever holds it — not even another run in this process.
    const got = await tx
      .update(videoGenerations)
      .set({ leaseOwner: token, leaseUntil: new Date(now.getTime() + LEASE_SECONDS * 1000) })
      .where(and(eq(videoGenerations.id, videoId), or(isNull(videoGenerations.leaseUntil), lt(videoGenerations.leaseUntil, now))))
      .returning({ id: videoGenerations.id });
    if (!got.length) return { status: "held_elsewhere" };
    if ((busy?.n ?? 0) >= maxPerWorkspace) {
      await tx.update(videoGenerations).set({ leaseOwner: null, leaseUntil: null }).where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.leaseOwner, token)));
      return { status: "workspace_busy" };
    }
    return { status: "acquired", token };
  });
}

export async function renewLease(videoId: string, token: string): Promise<void> {
  await getDb()
    .update(videoGenerations)
    .set({ leaseUntil: new Date(Date.now() + LEASE_SECONDS * 1000) })
    .where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.leaseOwner, token)));
}

export async function releaseLease(videoId: string, token: string): Promise<void> {
  await getDb()
    .update(videoGenerations)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(videoGenerations.id, videoId), eq(videoGenerations.leaseOwner, token)));
}
