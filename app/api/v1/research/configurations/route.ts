import { defineRoute } from "@/lib/http/handler";
import { pageQuery, paginate } from "@/lib/http/schemas";
import { configurationInputSchema, createResearchConfiguration, listResearchConfigurations } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/research/configurations", tag: "Research", summary: "List research configurations (cursor-paginated)", query: pageQuery },
  async ({ ctx, query }) => {
    const page = paginate(await listResearchConfigurations(ctx), query, (c) => c.id);
    return { configurations: page.data, nextCursor: page.nextCursor };
  },
);

export const POST = defineRoute(
  { method: "POST", path: "/research/configurations", tag: "Research", summary: "Create a research configuration", status: 201, body: configurationInputSchema, bodyLimitBytes: 32 * 1024 },
  async ({ ctx, rawBody }) => createResearchConfiguration(ctx, rawBody),
);
