import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { analyticsReport } from "@/lib/analytics/queries";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/analytics", tag: "Analytics", summary: "Analytics report (views, spend, providers) for the last N days",
    query: z.object({
      days: z.coerce.number({ error: "days must be a whole number from 1 to 365" }).int("days must be a whole number from 1 to 365").min(1, "days must be at least 1").max(365, "days must be at most 365").default(30),
    }),
  },
  async ({ ctx, query }) => analyticsReport(ctx.workspace.id, { days: query.days, timezone: ctx.workspace.timezone }),
);
