/**
 * Weekly housekeeping (`housekeeping.weekly`, Sundays 03:00 UTC): removes the stored media of
 * videos older than their workspace's retention (and of videos users deleted), marks those
 * videos deleted, and deletes expired share links. Idempotent: a purged video has no media
 * keys left, so a second run finds nothing to do.
 */
import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { shareLinks, videoGenerations, workspaces, FINAL_STATUSES } from "@/db/schema";
import { defineJob } from "@/lib/jobs/define";
import { housekeepingDef } from "@/lib/jobs/definitions";
import { logger } from "@/lib/logger";
import { storage, type Storage } from "@/lib/storage";

export interface HousekeepingReport {
  videosPurged: number;
  bytesFreed: number;
  shareLinksDeleted: number;
  errors: Array<{ videoId: string; key: string; message: string }>;
}

const BATCH = 200;

export async function runHousekeeping(now = new Date(), store: Storage = storage()): Promise<HousekeepingReport> {
  const db = getDb();
  const report: HousekeepingReport = { videosPurged: 0, bytesFreed: 0, shareLinksDeleted: 0, errors: [] };
  const all = await db.select({ id: workspaces.id, retentionDays: workspaces.retentionDays }).from(workspaces);

  for (const ws of all) {
    const cutoff = new Date(now.getTime() - Math.max(1, ws.retentionDays) * 24 * 3600_000);
    const hasMedia = or(isNotNull(videoGenerations.videoKey), isNotNull(videoGenerations.thumbnailKey), sql`${videoGenerations.renditions} <> '{}'::jsonb`);
    const expired = and(lt(videoGenerations.createdAt, cutoff), inArray(videoGenerations.status, [...FINAL_STATUSES]), or(isNull(videoGenerations.deletedAt), hasMedia));
    const userDeleted = and(isNotNull(videoGenerations.deletedAt), hasMedia);
    for (;;) {
      const rows = await db
        .select({
          id: videoGenerations.id,
          videoKey: videoGenerations.videoKey,
          thumbnailKey: videoGenerations.thumbnailKey,
          renditions: videoGenerations.renditions,
          sizeBytes: videoGenerations.sizeBytes,
        })
        .from(videoGenerations)
        .where(and(eq(videoGenerations.workspaceId, ws.id), or(expired, userDeleted)))
        .limit(BATCH);
      if (!rows.length) break;
      for (const v of rows) {
        const keys = [v.videoKey, v.thumbnailKey, ...Object.values(v.renditions ?? {})].filter((k): k is string => !!k);
        let freed = 0;
        let failed = false;
        for (const key of [...new Set(keys)]) {
          try {
            const st = await store.stat(key);
            await store.delete(key);
            freed += st?.size ?? 0;
          } catch (err) {
            failed = true;
            report.errors.push({ videoId: v.id, key, message: (err as Error).message });
          }
        }
        // A key that could not be deleted stays on the row, to be retried next week.
        await db
          .update(videoGenerations)
          .set({
            deletedAt: sql`coalesce(${videoGenerations.deletedAt}, ${now.toISOString()}::timestamptz)`,
            ...(failed ? {} : { videoKey: null, thumbnailKey: null, renditions: {} }),
            updatedAt: now,
          })
          .where(and(eq(videoGenerations.workspaceId, ws.id), eq(videoGenerations.id, v.id)));
        report.videosPurged++;
        report.bytesFreed += freed;
      }
      if (rows.length < BATCH || report.errors.length) break;
    }
    const deleted = await db
      .delete(shareLinks)
      .where(and(eq(shareLinks.workspaceId, ws.id), isNotNull(shareLinks.expiresAt), lt(shareLinks.expiresAt, now)))
      .returning({ id: shareLinks.id });
    report.shareLinksDeleted += deleted.length;
  }
  logger.info({ videosPurged: report.videosPurged, bytesFreed: report.bytesFreed, shareLinksDeleted: report.shareLinksDeleted, errors: report.errors.length }, "housekeeping done");
  return report;
}

export const HOUSEKEEPING_JOB = "housekeeping.weekly";

/** The definition lives in lib/jobs/definitions; this adds the handler. */
export const housekeepingJob = defineJob({
  ...housekeepingDef,
  async handler() {
    await runHousekeeping(new Date());
  },
});
