import { errorResponse } from "@/lib/http/route";
import { filenameFor, serveObject } from "@/lib/storage/http";
import { resolveSignedMedia } from "@/lib/webhooks/payload";

export const dynamic = "force-dynamic";

/** Media behind a signed, expiring URL from a webhook payload: no session or key, only what the token names. */
export async function GET(req: Request, { params }: { params: Promise<{ token: string }> }) {
  try {
    const { token } = await params;
    const m = await resolveSignedMedia(token);
    const suffix = m.kind === "video" || m.kind === "download" || m.kind === "thumbnail" ? "" : m.kind;
    return serveObject(req, m.key, { filename: m.kind === "thumbnail" ? undefined : filenameFor(m.video.scriptTitle, suffix), download: m.download });
  } catch (err) {
    return errorResponse(err);
  }
}
