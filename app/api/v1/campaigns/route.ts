import { defineRoute } from "@/lib/http/handler";
import { pageQuery, paginate } from "@/lib/http/schemas";
import { campaignInputSchema, createCampaign, listWorkspaceCampaigns } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/campaigns", tag: "Campaigns", summary: "List campaigns (cursor-paginated)", query: pageQuery },
  async ({ ctx, query }) => {
    const page = paginate(await listWorkspaceCampaigns(ctx), query, (c) => c.id);
    return { campaigns: page.data, nextCursor: page.nextCursor };
  },
);

export const POST = defineRoute(
  { method: "POST", path: "/campaigns", tag: "Campaigns", summary: "Create a campaign", status: 201, body: campaignInputSchema, bodyLimitBytes: 32 * 1024 },
  async ({ ctx, rawBody }) => createCampaign(ctx, rawBody),
);
