/** Signed, expiring media link the platforms fetch (Instagram video_url); see lib/publishing/media.ts. */
import { serveSignedMedia } from "@/lib/publishing/media";

export const dynamic = "force-dynamic";

export async function GET(req: Request, ctx: { params: Promise<{ token: string }> }) {
  return serveSignedMedia(req, (await ctx.params).token);
}

export const HEAD = GET;
