import { NextResponse } from "next/server";
import { authedRoute } from "@/lib/http/route";
import { createShareLink, listShareLinks } from "@/lib/videos/share";

export const GET = authedRoute(async (_req, ctx, p) => ({ links: await listShareLinks(ctx, p.id) }));

export const POST = authedRoute(async (req, ctx, p) => {
  const body = await req.json().catch(() => ({}));
  return NextResponse.json(await createShareLink(ctx, p.id, body), { status: 201 });
});
