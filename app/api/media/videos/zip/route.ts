/** GET /api/media/videos/zip?ids=<id>,<id> — the selected videos as one streamed ZIP (library bulk download). */
import { authedRoute } from "@/lib/http/route";
import { videosZip } from "@/lib/videos/library";
import { zipResponse } from "@/lib/videos/zip";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = authedRoute(async (req, ctx) => {
  const z = await videosZip(ctx, Object.fromEntries(new URL(req.url).searchParams));
  return zipResponse(z);
});
