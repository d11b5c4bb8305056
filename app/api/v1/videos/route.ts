import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { createVideo } from "@/lib/videos/create";
import { listWorkspaceVideos } from "@/lib/videos/library";
import { publicVideo } from "@/lib/videos/process";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (req, ctx) => listWorkspaceVideos(ctx, Object.fromEntries(new URL(req.url).searchParams)));

export const POST = authedRoute(async (req, ctx) => {
  const body = (await readJson(req)) as Record<string, unknown>;
  const key = req.headers.get("idempotency-key");
  const { video, created } = await createVideo(ctx, key && !body.idempotencyKey ? { ...body, idempotencyKey: key } : body);
  return NextResponse.json(publicVideo(video), { status: created ? 201 : 200 });
});
