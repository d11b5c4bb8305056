import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { createEndpoint, listEndpoints } from "@/lib/webhooks";

export const GET = authedRoute(async (_req, ctx) => ({ endpoints: await listEndpoints(ctx.workspace.id) }));
export const POST = authedRoute(async (req, ctx) => NextResponse.json(await createEndpoint(ctx, await readJson(req)), { status: 201 }));
