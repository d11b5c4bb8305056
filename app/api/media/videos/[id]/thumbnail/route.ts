import { authedRoute } from "@/lib/http/route";
import { getDb } from "@/db/client";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { AppError } from "@/lib/errors";
import { serveObject } from "@/lib/storage/http";

export const GET = authedRoute(async (req, ctx, p) => {
  const v = await findVideoForWorkspace(getDb(), ctx.workspace.id, p.id);
  if (!v || !v.thumbnailKey) throw new AppError("not_found", "Thumbnail not found.");
  return serveObject(req, v.thumbnailKey, { cacheSeconds: 3600 });
});
