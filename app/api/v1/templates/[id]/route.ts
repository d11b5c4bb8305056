import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { deleteTemplate, templatePatchSchema, TEMPLATE_ROLES, updateTemplate } from "@/lib/templates/service";

export const PATCH = defineRoute(
  {
    method: "PATCH", path: "/templates/{id}", tag: "Catalog", resource: "Template",
    summary: "Change one of the workspace's own templates (built-in templates answer 409)",
    roles: [...TEMPLATE_ROLES], params: idParams, body: templatePatchSchema, bodyLimitBytes: 4 * 1024,
  },
  async ({ ctx, params, rawBody }) => updateTemplate(ctx, params.id, rawBody),
);

export const DELETE = defineRoute(
  { method: "DELETE", path: "/templates/{id}", tag: "Catalog", resource: "Template", summary: "Delete one of the workspace's own templates (built-in templates answer 409); videos made with it keep their settings", roles: [...TEMPLATE_ROLES], params: idParams },
  async ({ ctx, params }) => {
    await deleteTemplate(ctx, params.id);
    return { deleted: true };
  },
);
