import { authedRoute, readJson } from "@/lib/http/route";
import { getCampaign, removeCampaign, updateCampaignSettings } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx, p) => getCampaign(ctx, p.id));

export const PUT = authedRoute(async (req, ctx, p) => updateCampaignSettings(ctx, p.id, await readJson(req)));

export const DELETE = authedRoute(async (_req, ctx, p) => {
  await removeCampaign(ctx, p.id);
  return { deleted: 1 };
});
