import { defineRoute } from "@/lib/http/handler";
import { idParams, listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { requireVideo } from "@/lib/videos/library";
import { createShareLink, listShareLinks, shareInput } from "@/lib/videos/share";

export const GET = defineRoute(
  { method: "GET", path: "/videos/{id}/share", tag: "Videos", summary: "Share links of a video, newest first", params: idParams, resource: "Video", query: pageQuery, list: "links" },
  async ({ ctx, params, query }) => {
    // Another workspace's video is a 404 here too, not an empty list (tenancy.test.ts).
    await requireVideo(ctx, params.id);
    return listBody("links", paginate(await listShareLinks(ctx, params.id), query, (l) => [l.createdAt, l.id]));
  },
);

export const POST = defineRoute(
  {
    method: "POST", idempotent: true, path: "/videos/{id}/share", tag: "Videos", summary: "Create a public share link (expires after expiresInHours; null = never)", status: 201,
    params: idParams, resource: "Video", body: shareInput, bodyOptional: true, bodyLimitBytes: 2 * 1024,
  },
  async ({ ctx, params, rawBody }) => createShareLink(ctx, params.id, rawBody),
);
