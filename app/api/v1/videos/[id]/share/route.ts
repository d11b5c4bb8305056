import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { requireVideo } from "@/lib/videos/library";
import { createShareLink, listShareLinks, shareInput } from "@/lib/videos/share";

export const GET = defineRoute(
  { method: "GET", path: "/videos/{id}/share", tag: "Videos", summary: "Share links of a video", params: idParams, resource: "Video" },
  async ({ ctx, params }) => {
    // Another workspace's video is a 404 here too, not an empty list (tenancy.test.ts).
    await requireVideo(ctx, params.id);
    return { links: await listShareLinks(ctx, params.id) };
  },
);

export const POST = defineRoute(
  {
    method: "POST", path: "/videos/{id}/share", tag: "Videos", summary: "Create a public share link (expires after expiresInHours; null = never)", status: 201,
    params: idParams, resource: "Video", body: shareInput, bodyOptional: true, bodyLimitBytes: 2 * 1024,
  },
  async ({ ctx, params, rawBody }) => createShareLink(ctx, params.id, rawBody),
);
