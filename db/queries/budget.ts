import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { costLedger } from "../schema";

/** Committed spend since an instant: reservations still held plus actual charges. */
export async function committedSince(db: DbOrTx, workspaceId: string, since: Date): Promise<number> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(case ${costLedger.kind} when 'release' then -${costLedger.amountCents} else ${costLedger.amountCents} end), 0)::int`,
    })
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), gte(costLedger.accruedAt, since)));
  return row?.total ?? 0;
}
