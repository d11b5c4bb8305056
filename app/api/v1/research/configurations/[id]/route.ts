import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { configurationInputSchema, deleteResearchConfiguration, getResearchConfiguration, updateResearchConfiguration } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/research/configurations/{id}", tag: "Research", summary: "Get a research configuration", params: idParams, resource: "Research configuration" },
  async ({ ctx, params }) => getResearchConfiguration(ctx, params.id),
);

export const PUT = defineRoute(
  {
    method: "PUT", path: "/research/configurations/{id}", tag: "Research", summary: "Change a research configuration",
    params: idParams, resource: "Research configuration", body: configurationInputSchema.partial(), bodyLimitBytes: 32 * 1024,
  },
  async ({ ctx, params, rawBody }) => updateResearchConfiguration(ctx, params.id, rawBody),
);

export const DELETE = defineRoute(
  { method: "DELETE", path: "/research/configurations/{id}", tag: "Research", summary: "Delete a research configuration", params: idParams, resource: "Research configuration" },
  async ({ ctx, params }) => {
    await deleteResearchConfiguration(ctx, params.id);
    return { deleted: 1 };
  },
);
