import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { listAlerts } from "@/lib/analytics/alerts";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/budget-alerts", tag: "Budget", summary: "Recent budget alerts (75 % / 90 % of a cap)", query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }) },
  async ({ ctx, query }) => ({ alerts: await listAlerts(ctx.workspace.id, query.limit) }),
);
