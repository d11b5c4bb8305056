import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { createResearchConfiguration, listResearchConfigurations } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx) => ({ configurations: await listResearchConfigurations(ctx) }));

export const POST = authedRoute(async (req, ctx) => NextResponse.json(await createResearchConfiguration(ctx, await readJson(req)), { status: 201 }));
