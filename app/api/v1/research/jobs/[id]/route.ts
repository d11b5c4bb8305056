import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { getResearchJob } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  { method: "GET", path: "/research/jobs/{id}", tag: "Research", summary: "A research run: items, analysis, insights, videos made from it", params: idParams, resource: "Research job" },
  async ({ ctx, params }) => getResearchJob(ctx, params.id),
);
