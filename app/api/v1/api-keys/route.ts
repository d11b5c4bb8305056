import { NextResponse } from "next/server";
import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/route";
import { createApiKey, listApiKeys } from "@/lib/auth/api-keys";
import { requireRole } from "@/lib/auth/context";

export const GET = authedRoute(async (_req, ctx) => ({ keys: await listApiKeys(ctx.workspace.id) }));
export const POST = authedRoute(async (req, ctx) => {
  requireRole(ctx, ["owner", "admin"]);
  const { name } = z.object({ name: z.string().max(100).default("API key") }).parse(await readJson(req));
  return NextResponse.json(await createApiKey(ctx.workspace.id, ctx.user.id, name), { status: 201 });
});
