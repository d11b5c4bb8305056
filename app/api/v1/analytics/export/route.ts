import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { windowDays } from "@/lib/analytics/queries";
import { roiCsv, roiForWorkspace } from "@/lib/analytics/roi";

export const dynamic = "force-dynamic";

const days = z.coerce.number({ error: "days must be a whole number from 1 to 365" }).int("days must be a whole number from 1 to 365").min(1, "days must be at least 1").max(365, "days must be at most 365").default(30);

export const GET = defineRoute(
  { method: "GET", path: "/analytics/export", tag: "Analytics", summary: "ROI as CSV: cost per 1,000 views and per engagement by platform, provider, template, source, topic, campaign", query: z.object({ days }) },
  async ({ ctx, query }) => {
    const { since } = windowDays(query.days, ctx.workspace.timezone);
    const csv = roiCsv(await roiForWorkspace(ctx.workspace.id, since));
    return new Response(csv, {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="roi-last-${query.days}-days.csv"`, "cache-control": "no-store" },
    });
  },
);
