import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { createCampaign, listWorkspaceCampaigns } from "@/lib/campaigns/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx) => ({ campaigns: await listWorkspaceCampaigns(ctx) }));

export const POST = authedRoute(async (req, ctx) => NextResponse.json(await createCampaign(ctx, await readJson(req)), { status: 201 }));
