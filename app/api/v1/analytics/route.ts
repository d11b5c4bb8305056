import { z } from "zod";
import { authedRoute } from "@/lib/http/route";
import { analyticsReport } from "@/lib/analytics/queries";

export const dynamic = "force-dynamic";

const query = z.object({
  days: z.coerce.number({ error: "days must be a whole number from 1 to 365" }).int("days must be a whole number from 1 to 365").min(1, "days must be at least 1").max(365, "days must be at most 365").default(30),
});

export const GET = authedRoute(async (req, ctx) => {
  const { days } = query.parse({ days: new URL(req.url).searchParams.get("days") ?? undefined });
  return analyticsReport(ctx.workspace.id, { days, timezone: ctx.workspace.timezone });
});
