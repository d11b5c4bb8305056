import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { analyticsReport } from "@/lib/analytics/queries";
import { AnalyticsView } from "@/components/analytics/analytics-view";

export const metadata: Metadata = { title: "Analytics" };

export default async function AnalyticsPage() {
  const ctx = await requirePageContext();
  const report = await analyticsReport(ctx.workspace.id, { days: 30, timezone: ctx.workspace.timezone });
  return <AnalyticsView initial={report} timezone={ctx.workspace.timezone} />;
}
