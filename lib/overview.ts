import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations } from "@/db/schema";
import { budgetStatus } from "@/lib/budget";
import { periodStarts } from "@/lib/budget/periods";
import { successRate } from "@/lib/analytics/success";

export async function workspaceOverview(workspaceId: string, timezone: string) {
  const db = getDb();
  const budget = await budgetStatus(db, workspaceId);
  const { monthStart } = periodStarts(new Date(), timezone);
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      completed: sql<number>`count(*) filter (where ${videoGenerations.status} = 'completed')::int`,
      failed: sql<number>`count(*) filter (where ${videoGenerations.status} = 'failed')::int`,
      timedOut: sql<number>`count(*) filter (where ${videoGenerations.status} = 'timeout')::int`,
      month: sql<number>`count(*) filter (where ${videoGenerations.createdAt} >= ${monthStart.toISOString()}::timestamptz)::int`,
    })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), isNull(videoGenerations.deletedAt)));
  const recent = await db
    .select({ id: videoGenerations.id, title: videoGenerations.scriptTitle, status: videoGenerations.status, createdAt: videoGenerations.createdAt })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), isNull(videoGenerations.deletedAt)))
    .orderBy(desc(videoGenerations.createdAt))
    .limit(6);
  return {
    total: counts?.total ?? 0,
    completed: counts?.completed ?? 0,
    // The same definition as Analytics and the provider rows: videos still rendering are not failures.
    successRate: successRate({ succeeded: counts?.completed ?? 0, failed: counts?.failed ?? 0, timedOut: counts?.timedOut ?? 0 }),
    videosThisMonth: counts?.month ?? 0,
    spentTodayCents: budget.spentTodayCents,
    spentMonthCents: budget.spentMonthCents,
    dailyCapCents: budget.dailyCents,
    monthlyCapCents: budget.monthlyCents,
    recent,
  };
}
