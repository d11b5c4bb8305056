import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { listTemplates } from "@/lib/videos/catalog";

export const GET = defineRoute(
  { method: "GET", path: "/templates", tag: "Catalog", summary: "Video templates (built-in and the workspace's), oldest first", query: pageQuery, list: "templates" },
  async ({ ctx, query }) => listBody("templates", paginate(await listTemplates(ctx.workspace.id), query, (t) => [t.createdAt, t.id], "asc")),
);
