/** Batch rows; every query takes workspaceId first (ARCHITECTURE §3.1). */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { videoBatches, videoGenerations } from "../schema";

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

/** Live status of the batch's videos (only this workspace's). */
export async function videoStatuses(db: DbOrTx, workspaceId: string, ids: string[]): Promise<Map<string, { status: string; stage: string | null; progress: number | null }>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({ id: videoGenerations.id, status: videoGenerations.status, stage: videoGenerations.stage, progress: videoGenerations.progress })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), inArray(videoGenerations.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}
