import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { campaignInputSchema, getCampaign, removeCampaign, updateCampaignSettings } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/campaigns/{id}", tag: "Campaigns", summary: "Get a campaign", params: idParams, resource: "Campaign" },
  async ({ ctx, params }) => getCampaign(ctx, params.id),
);

export const PUT = defineRoute(
  {
    method: "PUT", path: "/campaigns/{id}", tag: "Campaigns", summary: "Change a campaign's settings (fields not sent stay as they are)",
    params: idParams, resource: "Campaign", body: campaignInputSchema.partial(), bodyLimitBytes: 32 * 1024,
  },
  async ({ ctx, params, rawBody }) => updateCampaignSettings(ctx, params.id, rawBody),
);

export const DELETE = defineRoute(
  { method: "DELETE", path: "/campaigns/{id}", tag: "Campaigns", summary: "Delete a campaign", params: idParams, resource: "Campaign" },
  async ({ ctx, params }) => {
    await removeCampaign(ctx, params.id);
    return { deleted: 1 };
  },
);
