import { defineRoute } from "@/lib/http/handler";
import { providerParams, providerSettingsBody } from "@/lib/api/provider-schemas";
import { saveProviderSettings } from "@/lib/providers/workspace";

export const PUT = defineRoute(
  {
    method: "PUT", path: "/providers/{id}", tag: "Providers", summary: "Change a provider's settings (keys, priority, limits, cost model)",
    roles: ["owner", "admin"], params: providerParams, resource: "Provider", body: providerSettingsBody, bodyLimitBytes: 16 * 1024,
  },
  async ({ ctx, params, rawBody }) => saveProviderSettings(ctx, params.id, rawBody),
);
