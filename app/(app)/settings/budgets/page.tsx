import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { budgetStatus } from "@/lib/budget";
import { listAlerts } from "@/lib/analytics/alerts";
import { BudgetsPanel } from "@/components/settings/budgets-panel";

export const metadata: Metadata = { title: "Budgets · Settings" };

export default async function BudgetsSettingsPage() {
  const ctx = await requirePageContext();
  const status = await budgetStatus(getDb(), ctx.workspace.id);
  const alerts = await listAlerts(ctx.workspace.id);
  return <BudgetsPanel initial={status} initialAlerts={alerts} canEdit={ctx.role !== "member"} timezone={ctx.workspace.timezone} />;
}
