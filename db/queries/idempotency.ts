/** Stored create answers for `Idempotency-Key` (lib/http/idempotency-store.ts); workspaceId first (ARCHITECTURE §3.1). */
import { and, eq, isNull, lt } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { apiIdempotencyKeys } from "../schema";

export type IdempotencyRow = typeof apiIdempotencyKeys.$inferSelect;

const where = (workspaceId: string, operation: string, key: string) =>
  and(eq(apiIdempotencyKeys.workspaceId, workspaceId), eq(apiIdempotencyKeys.operation, operation), eq(apiIdempotencyKeys.key, key));

/**
 * Claims the key for this request in one statement: a fresh key is inserted; an expired one
 * (created before `expiredBefore`) is taken over; a live one is left alone (null: read it).
 * The primary key makes two concurrent first requests race for one row, and only one wins.
 */
export async function claimIdempotencyKey(db: DbOrTx, workspaceId: string, operation: string, key: string, requestHash: string, now: Date, expiredBefore: Date): Promise<boolean> {
  const rows = await db
    .insert(apiIdempotencyKeys)
    .values({ workspaceId, operation, key, requestHash, createdAt: now })
    .onConflictDoUpdate({
      target: [apiIdempotencyKeys.workspaceId, apiIdempotencyKeys.operation, apiIdempotencyKeys.key],
      set: { requestHash, status: null, response: null, createdAt: now },
      setWhere: lt(apiIdempotencyKeys.createdAt, expiredBefore),
    })
    .returning({ key: apiIdempotencyKeys.key });
  return rows.length === 1;
}

export async function findIdempotencyKey(db: DbOrTx, workspaceId: string, operation: string, key: string): Promise<IdempotencyRow | null> {
  const [r] = await db.select().from(apiIdempotencyKeys).where(where(workspaceId, operation, key));
  return r ?? null;
}

/** Records the first answer (only on the still-pending row this request claimed). */
export async function completeIdempotencyKey(db: DbOrTx, workspaceId: string, operation: string, key: string, status: number, sealedResponse: string): Promise<void> {
  await db.update(apiIdempotencyKeys).set({ status, response: sealedResponse }).where(and(where(workspaceId, operation, key), isNull(apiIdempotencyKeys.response)));
}

/** The request failed: forget the key so a retry runs again (Stripe does not store failed validations either). */
export async function releaseIdempotencyKey(db: DbOrTx, workspaceId: string, operation: string, key: string): Promise<void> {
  await db.delete(apiIdempotencyKeys).where(and(where(workspaceId, operation, key), isNull(apiIdempotencyKeys.response)));
}
