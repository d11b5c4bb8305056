import { and, desc, eq, gte, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { budgets, videoGenerations } from "@/db/schema";
import { committedSince } from "@/db/queries/budget";
import { periodStarts } from "@/lib/budget/periods";

export async function workspaceOverview(workspaceId: string) {
  const db = getDb();
  const [b] = await db.select().from(budgets).where(eq(budgets.workspaceId, workspaceId));
  const { dayStart, monthStart } = periodStarts(new Date(), "UTC");
  const [counts] = await db
    .select({
      total: sql<number>`count(*)::int`,
      completed: sql<number>`count(*) filter (where ${videoGenerations.status} = 'completed')::int`,
      month: sql<number>`count(*) filter (where ${videoGenerations.createdAt} >= ${monthStart.toISOString()}::timestamptz)::int`,
    })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), isNull(videoGenerations.deletedAt)));
  const recent = await db
    .select({ id: videoGenerations.id, title: videoGenerations.scriptTitle, status: videoGenerations.status })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), isNull(videoGenerations.deletedAt), gte(videoGenerations.createdAt, new Date(0))))
    .orderBy(desc(videoGenerations.createdAt))
    .limit(6);
  return {
    total: counts?.total ?? 0,
    completed: counts?.completed ?? 0,
    videosThisMonth: counts?.month ?? 0,
    spentTodayCents: await committedSince(db, workspaceId, dayStart),
    spentMonthCents: await committedSince(db, workspaceId, monthStart),
    dailyCapCents: b?.dailyCents ?? null,
    monthlyCapCents: b?.monthlyCents ?? null,
    recent,
  };
}
