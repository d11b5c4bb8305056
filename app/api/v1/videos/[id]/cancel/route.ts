import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { cancelVideo } from "@/lib/videos/library";

export const POST = defineRoute(
  { method: "POST", path: "/videos/{id}/cancel", tag: "Videos", summary: "Cancel a video that has not finished (the reservation is released)", params: idParams, resource: "Video" },
  async ({ ctx, params }) => cancelVideo(ctx, params.id),
);
