import { errorResponse } from "@/lib/http/route";
import { resolveShareToken, recordShareView } from "@/lib/videos/share";
import { filenameFor, serveObject } from "@/lib/storage/http";

export const dynamic = "force-dynamic";

/** Public media for a share link: no session, only what the signed token names. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const { video } = await resolveShareToken(token);
    const url = new URL(req.url);
    if (url.searchParams.get("thumbnail") === "1" && video.thumbnailKey) return serveObject(req, video.thumbnailKey, { cacheSeconds: 3600 });
    const download = url.searchParams.get("download") === "1";
    const range = req.headers.get("range");
    if (!range || range.startsWith("bytes=0-")) await recordShareView(video.workspaceId, video.id, url.searchParams.get("platform"));
    return serveObject(req, video.videoKey!, { filename: filenameFor(video.scriptTitle), download });
  } catch (err) {
    return errorResponse(err);
  }
}
