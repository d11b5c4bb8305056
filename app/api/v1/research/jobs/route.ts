import { authedRoute } from "@/lib/http/route";
import { listResearchJobSummaries } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (req, ctx) => listResearchJobSummaries(ctx, Object.fromEntries(new URL(req.url).searchParams)));
