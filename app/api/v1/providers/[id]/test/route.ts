import { defineRoute } from "@/lib/http/handler";
import { providerParams } from "@/lib/api/provider-schemas";
import { testProviderConnection } from "@/lib/providers/workspace";

/** Owners and admins only: a test spends the workspace's provider keys (issue 10). */
export const POST = defineRoute(
  { method: "POST", path: "/providers/{id}/test", tag: "Providers", summary: "Test the connection to a provider with the workspace's settings", roles: ["owner", "admin"], params: providerParams, resource: "Provider" },
  async ({ ctx, params }) => testProviderConnection(ctx, params.id),
);
