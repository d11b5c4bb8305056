import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { setCampaignActive } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { method: "POST", path: "/campaigns/{id}/resume", tag: "Campaigns", summary: "Resume a paused campaign", params: idParams, resource: "Campaign" },
  async ({ ctx, params }) => setCampaignActive(ctx, params.id, true),
);
