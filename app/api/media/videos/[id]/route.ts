import { authedRoute } from "@/lib/http/route";
import { getDb } from "@/db/client";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { AppError } from "@/lib/errors";
import { filenameFor, serveObject } from "@/lib/storage/http";
import { recordMediaEvent } from "@/lib/videos/library";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (req, ctx, p) => {
  const v = await findVideoForWorkspace(getDb(), ctx.workspace.id, p.id);
  if (!v || !v.videoKey) throw new AppError("not_found", "Video not found or not ready yet.");
  const url = new URL(req.url);
  const rendition = url.searchParams.get("rendition");
  const key = rendition ? v.renditions[rendition] : v.videoKey;
  if (!key) throw new AppError("not_found", `No ${rendition} version of this video. Add the platform and re-generate.`);
  const download = url.searchParams.get("download") === "1";
  // Count a view once per playback start, not per range chunk the browser asks for.
  const range = req.headers.get("range");
  if (download) await recordMediaEvent(ctx, v.id, "download", rendition);
  else if (!range || range.startsWith("bytes=0-")) await recordMediaEvent(ctx, v.id, "view", rendition);
  return serveObject(req, key, { filename: filenameFor(v.scriptTitle, rendition ?? ""), download });
});
