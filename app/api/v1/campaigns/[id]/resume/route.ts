import { authedRoute } from "@/lib/http/route";
import { setCampaignActive } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const POST = authedRoute(async (_req, ctx, p) => setCampaignActive(ctx, p.id, true));
