import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { idSchema } from "@/lib/http/schemas";
import { postKit } from "@/lib/publishing/post-kit";
import { zipResponse } from "@/lib/videos/zip";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const GET = defineRoute(
  {
    method: "GET", path: "/publishing/post-kit", tag: "Publishing", summary: "A ZIP to post by hand: each platform's video and caption, the thumbnail and a README",
    query: z.object({ videoId: idSchema.describe("The finished video") }),
  },
  async ({ ctx, query }) => {
    const kit = await postKit(ctx.workspace.id, query.videoId);
    return zipResponse(kit);
  },
);
