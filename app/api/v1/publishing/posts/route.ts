import { z } from "zod";
import { defineRoute, reply } from "@/lib/http/handler";
import { idSchema, listBody, pageQuery, paginate, safeText } from "@/lib/http/schemas";
import { enqueue } from "@/lib/jobs/runtime";
import { createPost, postsForVideo } from "@/lib/publishing/posts";

export const dynamic = "force-dynamic";

const body = z.object({
  videoId: idSchema,
  accountId: idSchema,
  caption: safeText(5000).optional(),
  title: safeText(100).optional(),
  privacy: safeText(40).optional(),
  madeForKids: z.boolean().optional(),
  disableComment: z.boolean().optional(),
  disableDuet: z.boolean().optional(),
  disableStitch: z.boolean().optional(),
  scheduledAt: safeText(16).optional().describe("Local time in the workspace time zone, YYYY-MM-DDTHH:mm"),
});

export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/publishing/posts", tag: "Publishing", summary: "Post a finished video to a connected account, now or at scheduledAt", status: 201, body, bodyLimitBytes: 16 * 1024 },
  async ({ ctx, body: input }) => {
    const r = await createPost({ workspaceId: ctx.workspace.id, userId: ctx.user.id, timezone: ctx.workspace.timezone }, input, enqueue);
    return reply({ post: r.post, created: r.created, notice: r.notice }, r.created ? 201 : 200);
  },
);

export const GET = defineRoute(
  {
    method: "GET", path: "/publishing/posts", tag: "Publishing", summary: "Posts of one video, newest first",
    query: pageQuery.extend({ videoId: idSchema.describe("The video whose posts you want") }), list: "posts",
  },
  async ({ ctx, query }) => listBody("posts", paginate(await postsForVideo(ctx.workspace.id, query.videoId), query, (p) => [p.createdAt, p.id])),
);
