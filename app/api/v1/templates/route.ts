import { defineRoute } from "@/lib/http/handler";
import { listTemplates } from "@/lib/videos/catalog";

export const GET = defineRoute(
  { method: "GET", path: "/templates", tag: "Catalog", summary: "Video templates (built-in and the workspace's)" },
  async ({ ctx }) => ({ templates: await listTemplates(ctx.workspace.id) }),
);
