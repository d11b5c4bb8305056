import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { schedulePreview } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/campaigns/preview", tag: "Campaigns", summary: "Next three run times of a schedule, in the workspace time zone",
    query: z.object({
      kind: z.enum(["research", "trend_scan"]).optional(),
      frequency: z.enum(["daily", "weekly", "biweekly"]).optional(),
      runHour: z.coerce.number().int().min(0).max(23).optional(),
    }),
  },
  async ({ ctx, query }) => ({
    timezone: ctx.workspace.timezone,
    runs: schedulePreview(query, ctx.workspace.timezone).map((d) => d.toISOString()),
  }),
);
