/** Batch rows; every query takes workspaceId first (ARCHITECTURE §3.1). */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { videoBatches, videoGenerations, type BatchPublish } from "../schema";

export type BatchRow = typeof videoBatches.$inferSelect;

export async function findBatch(db: DbOrTx, workspaceId: string, id: string): Promise<BatchRow | null> {
  const [b] = await db.select().from(videoBatches).where(and(eq(videoBatches.workspaceId, workspaceId), eq(videoBatches.id, id)));
  return b ?? null;
}

export async function findBatchByKey(db: DbOrTx, workspaceId: string, key: string): Promise<BatchRow | null> {
  const [b] = await db.select().from(videoBatches).where(and(eq(videoBatches.workspaceId, workspaceId), eq(videoBatches.idempotencyKey, key)));
  return b ?? null;
}

export async function insertBatch(db: DbOrTx, workspaceId: string, values: Omit<typeof videoBatches.$inferInsert, "workspaceId">): Promise<BatchRow> {
  const [b] = await db.insert(videoBatches).values({ ...values, workspaceId }).returning();
  return b;
}

export async function listBatches(db: DbOrTx, workspaceId: string, limit = 500): Promise<BatchRow[]> {
  return db.select().from(videoBatches).where(eq(videoBatches.workspaceId, workspaceId)).orderBy(desc(videoBatches.createdAt), desc(videoBatches.id)).limit(limit);
}

/** The batch whose rows made this video (a video belongs to at most one batch row). */
export async function findBatchByVideo(db: DbOrTx, workspaceId: string, videoId: string): Promise<BatchRow | null> {
  const [b] = await db
    .select()
    .from(videoBatches)
    .where(and(eq(videoBatches.workspaceId, workspaceId), sql`${videoBatches.items} @> ${JSON.stringify([{ videoId }])}::jsonb`))
    .limit(1);
  return b ?? null;
}

/** Records one row's publishing outcome; the row is matched by its video id inside the same update. */
export async function setBatchRowPublish(db: DbOrTx, workspaceId: string, batchId: string, videoId: string, publish: BatchPublish): Promise<void> {
  await db
    .update(videoBatches)
    .set({
      items: sql`(select jsonb_agg(case when e->>'videoId' = ${videoId} then e || jsonb_build_object('publish', ${JSON.stringify(publish)}::jsonb) else e end order by n)
        from jsonb_array_elements(${videoBatches.items}) with ordinality as t(e, n))`,
    })
    .where(and(eq(videoBatches.workspaceId, workspaceId), eq(videoBatches.id, batchId)));
}

/** Live status of the batch's videos (only this workspace's). */
export async function videoStatuses(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, { status: string; stage: string | null; progress: number | null }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: videoGenerations.id, status: videoGenerations.status, stage: videoGenerations.stage, progress: videoGenerations.progress })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), inArray(videoGenerations.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}
