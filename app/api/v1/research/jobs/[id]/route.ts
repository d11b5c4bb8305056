import { authedRoute } from "@/lib/http/route";
import { getResearchJob } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx, p) => getResearchJob(ctx, p.id));
