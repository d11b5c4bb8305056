import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { deleteVideos, getVideo } from "@/lib/videos/library";
import { AppError } from "@/lib/errors";
import { publicVideoSchema } from "@/lib/videos/public";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/videos/{id}", tag: "Videos", summary: "A video: status, stage, progress, media URLs, provider attempts", params: idParams, resource: "Video", response: publicVideoSchema },
  async ({ ctx, params }) => getVideo(ctx, params.id),
);

export const DELETE = defineRoute(
  { method: "DELETE", path: "/videos/{id}", tag: "Videos", summary: "Delete a video (cancelled first if still running)", params: idParams, resource: "Video" },
  async ({ ctx, params }) => {
    if ((await deleteVideos(ctx, [params.id])) === 0) throw new AppError("not_found", "Video not found.");
    return { deleted: 1 };
  },
);
