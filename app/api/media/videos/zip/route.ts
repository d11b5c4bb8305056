/** GET /api/media/videos/zip?ids=<id>,<id> — the selected videos as one streamed ZIP (library bulk download). */
import { Readable } from "node:stream";
import { authedRoute } from "@/lib/http/route";
import { videosZip } from "@/lib/videos/library";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = authedRoute(async (req, ctx) => {
  const z = await videosZip(ctx, Object.fromEntries(new URL(req.url).searchParams));
  return new Response(Readable.toWeb(Readable.from(z.stream)) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(z.size),
      "content-disposition": `attachment; filename="${z.filename}"`,
      "cache-control": "private, no-store",
    },
  });
});
