/** Budget alerts (75 % / 90 % of a daily or monthly cap) recorded by lib/budget.checkAlerts. */
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { budgetAlerts } from "@/db/schema";

export interface BudgetAlertRow {
  id: string;
  period: "daily" | "monthly";
  periodKey: string;
  threshold: number;
  spentCents: number;
  capCents: number;
  acknowledgedAt: string | null;
  createdAt: string;
}

export async function listAlerts(workspaceId: string, limit = 20): Promise<BudgetAlertRow[]> {
  const rows = await getDb()
    .select()
    .from(budgetAlerts)
    .where(eq(budgetAlerts.workspaceId, workspaceId))
    .orderBy(desc(budgetAlerts.createdAt))
    .limit(Math.max(1, Math.min(100, limit)));
  return rows.map((r) => ({
    id: r.id,
    period: r.period,
    periodKey: r.periodKey,
    threshold: r.threshold,
    spentCents: r.spentCents,
    capCents: r.capCents,
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
