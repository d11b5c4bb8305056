import { authedRoute } from "@/lib/http/route";
import { deleteVideos, getVideo } from "@/lib/videos/library";
import { AppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx, p) => getVideo(ctx, p.id));

export const DELETE = authedRoute(async (_req, ctx, p) => {
  if ((await deleteVideos(ctx, [p.id])) === 0) throw new AppError("not_found", "Video not found.");
  return { deleted: 1 };
});
