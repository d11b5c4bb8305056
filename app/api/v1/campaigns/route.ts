import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { campaignInputSchema, createCampaign, listWorkspaceCampaigns } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/campaigns", tag: "Campaigns", summary: "List campaigns, newest first", query: pageQuery, list: "campaigns" },
  async ({ ctx, query }) => listBody("campaigns", paginate(await listWorkspaceCampaigns(ctx), query, (c) => [c.createdAt, c.id])),
);

export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/campaigns", tag: "Campaigns", summary: "Create a campaign", status: 201, body: campaignInputSchema, bodyLimitBytes: 32 * 1024 },
  async ({ ctx, rawBody }) => createCampaign(ctx, rawBody),
);
