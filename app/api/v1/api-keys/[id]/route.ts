import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { revokeWorkspaceApiKey } from "@/lib/settings/api-keys";

export const DELETE = defineRoute(
  { method: "DELETE", path: "/api-keys/{id}", tag: "API keys", summary: "Revoke an API key", roles: ["owner", "admin"], params: idParams, resource: "API key" },
  async ({ ctx, params }) => {
    await revokeWorkspaceApiKey(ctx, params.id);
    return { revoked: true };
  },
);
