import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { idSchema, safeText } from "@/lib/http/schemas";
import { trackPostUrl } from "@/lib/publishing/track";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", idempotent: true, path: "/publishing/posts/track", tag: "Publishing", summary: "Track the numbers of a post made by hand, from its TikTok or YouTube link", status: 201,
    body: z.object({ videoId: idSchema, url: safeText(500).describe("The post's link, e.g. https://youtube.com/shorts/VIDEO_ID") }), bodyLimitBytes: 4 * 1024,
  },
  async ({ ctx, body }) => ({ post: await trackPostUrl({ workspaceId: ctx.workspace.id, userId: ctx.user.id }, body) }),
);
