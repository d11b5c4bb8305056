import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { configurationInputSchema, createResearchConfiguration, listResearchConfigurations } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/research/configurations", tag: "Research", summary: "List research configurations, newest first", query: pageQuery, list: "configurations" },
  async ({ ctx, query }) => listBody("configurations", paginate(await listResearchConfigurations(ctx), query, (c) => [c.createdAt, c.id])),
);

export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/research/configurations", tag: "Research", summary: "Create a research configuration", status: 201, body: configurationInputSchema, bodyLimitBytes: 32 * 1024 },
  async ({ ctx, rawBody }) => createResearchConfiguration(ctx, rawBody),
);
