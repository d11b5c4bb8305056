import { authedRoute } from "@/lib/http/route";
import { runCampaignNow } from "@/lib/campaigns/process";

export const dynamic = "force-dynamic";

/** Runs the campaign now (research, then videos), ignoring its schedule. */
export const POST = authedRoute(async (_req, ctx, p) => runCampaignNow(ctx, p.id));
