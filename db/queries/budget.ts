import { and, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { costLedger } from "../schema";

/** A ledger row's effect on committed spend: holds and charges count, releases give back. */
const signedAmount = sql`case ${costLedger.kind} when 'release' then -${costLedger.amountCents} else ${costLedger.amountCents} end`;

/** Committed spend since the start of the day and of the month (month start ≤ day start), in one query. */
export async function committedDayAndMonth(db: DbOrTx, workspaceId: string, dayStart: Date, monthStart: Date): Promise<{ day: number; month: number }> {
  const [row] = await db
    .select({
      day: sql<number>`coalesce(sum(${signedAmount}) filter (where ${costLedger.accruedAt} >= ${dayStart.toISOString()}::timestamptz), 0)::int`,
      month: sql<number>`coalesce(sum(${signedAmount}), 0)::int`,
    })
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), gte(costLedger.accruedAt, monthStart)));
  return { day: row?.day ?? 0, month: row?.month ?? 0 };
}

/** Everything a campaign has committed, all time. */
export async function committedForCampaign(db: DbOrTx, workspaceId: string, campaignId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${signedAmount}), 0)::int` })
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.campaignId, campaignId)));
  return row?.total ?? 0;
}
