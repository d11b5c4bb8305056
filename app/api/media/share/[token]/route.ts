import { errorResponse } from "@/lib/http/route";
import { resolveShareToken, recordShareView, shareViewerKey } from "@/lib/videos/share";
import { filenameFor, serveObject } from "@/lib/storage/http";
import { countsAsAudienceView } from "@/lib/analytics/member-views";

export const dynamic = "force-dynamic";

/** Public media for a share link: no session, only what the signed token names. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const { video, link } = await resolveShareToken(token);
    const url = new URL(req.url);
    if (url.searchParams.get("thumbnail") === "1" && video.thumbnailKey) return serveObject(req, video.thumbnailKey, { cacheSeconds: 3600 });
    const download = url.searchParams.get("download") === "1";
    const range = req.headers.get("range");
    // Counted once per viewer per window (lib/videos/share), so a Range series is one view;
    // never for a signed-in member of the video's own workspace (lib/analytics/member-views).
    if ((!range || range.startsWith("bytes=0-")) && (await countsAsAudienceView(link.workspaceId))) await recordShareView(link, shareViewerKey(req.headers), url.searchParams.get("platform"));
    return serveObject(req, video.videoKey!, { filename: filenameFor(video.scriptTitle), download });
  } catch (err) {
    return errorResponse(err);
  }
}
