import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { deleteEndpoint } from "@/lib/webhooks";

export const DELETE = defineRoute(
  { method: "DELETE", path: "/webhooks/{id}", tag: "Webhooks", summary: "Delete a webhook endpoint", roles: ["owner", "admin"], params: idParams, resource: "Webhook endpoint" },
  async ({ ctx, params }) => {
    await deleteEndpoint(ctx, params.id);
    return { deleted: true };
  },
);
