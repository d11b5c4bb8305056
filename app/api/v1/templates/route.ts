import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { createTemplate, templateCreateSchema, TEMPLATE_ROLES } from "@/lib/templates/service";
import { listTemplates } from "@/lib/videos/catalog";

export const GET = defineRoute(
  { method: "GET", path: "/templates", tag: "Catalog", summary: "Video templates (built-in and the workspace's), oldest first", query: pageQuery, list: "templates" },
  async ({ ctx, query }) => listBody("templates", paginate(await listTemplates(ctx.workspace.id), query, (t) => [t.createdAt, t.id], "asc")),
);

export const POST = defineRoute(
  {
    method: "POST", path: "/templates", idempotent: true, tag: "Catalog", status: 201,
    summary: "Add a template of the workspace's own: aspect, background, captions, voice speed, brand kit on/off, music bed and volume",
    description: "`musicBed` (calm, upbeat, focus, none; null = the default bed) and `musicVolumeDb` (-40..0) apply to a storyboard video made with the template when its storyboard sends no `music`.",
    roles: [...TEMPLATE_ROLES], body: templateCreateSchema, bodyLimitBytes: 4 * 1024,
  },
  async ({ ctx, rawBody }) => createTemplate(ctx, rawBody),
);
