import { z } from "zod";
import { authedRoute } from "@/lib/http/route";
import { listAlerts } from "@/lib/analytics/alerts";

export const dynamic = "force-dynamic";

const query = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const GET = authedRoute(async (req, ctx) => {
  const { limit } = query.parse({ limit: new URL(req.url).searchParams.get("limit") ?? undefined });
  return { alerts: await listAlerts(ctx.workspace.id, limit) };
});
