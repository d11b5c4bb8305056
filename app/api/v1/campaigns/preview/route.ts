import { authedRoute } from "@/lib/http/route";
import { schedulePreview } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

/** GET ?frequency=&runHour=&kind= → the next three run times in the workspace time zone. */
export const GET = authedRoute(async (req, ctx) => ({
  timezone: ctx.workspace.timezone,
  runs: schedulePreview(Object.fromEntries(new URL(req.url).searchParams), ctx.workspace.timezone).map((d) => d.toISOString()),
}));
