import { NextResponse } from "next/server";
import { authedRoute, readJson } from "@/lib/http/route";
import { createVideoFromResearch, createVideosFromRecentResearch, isBatchRequest } from "@/lib/research/videos";
import { publicVideo } from "@/lib/videos/process";

export const dynamic = "force-dynamic";

/** { researchJobId, avatarProfileId, ... } → one video; { sinceHours, avatarProfileId, ... } → one per recent job. */
export const POST = authedRoute(async (req, ctx) => {
  const body = await readJson(req);
  if (isBatchRequest(body)) return createVideosFromRecentResearch(ctx, body);
  const { video, created } = await createVideoFromResearch(ctx, body);
  return NextResponse.json(publicVideo(video), { status: created ? 201 : 200 });
});
