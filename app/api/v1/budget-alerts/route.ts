import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { listAlerts } from "@/lib/analytics/alerts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/budget-alerts", tag: "Budget", summary: "Recent budget alerts (75 % / 90 % of a cap), newest first (the last 100)", query: pageQuery, list: "alerts" },
  async ({ ctx, query }) => listBody("alerts", paginate(await listAlerts(ctx.workspace.id, 100), query, (a) => [a.createdAt, a.id])),
);
