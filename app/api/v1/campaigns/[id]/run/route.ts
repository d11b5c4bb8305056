import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { runCampaignNow } from "@/lib/campaigns/process";

export const dynamic = "force-dynamic";

/** Runs the campaign now (research, then videos), ignoring its schedule. */
export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/campaigns/{id}/run", tag: "Campaigns", summary: "Run a campaign now (research, then videos)", params: idParams, resource: "Campaign" },
  async ({ ctx, params }) => runCampaignNow(ctx, params.id),
);
