import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { scriptForResearchJob, scriptRequestSchema } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", path: "/research/jobs/{id}/script", tag: "Research", summary: "Write a video script from a research run (optionally from chosen insights)",
    params: idParams, resource: "Research job", body: scriptRequestSchema, bodyOptional: true, bodyLimitBytes: 8 * 1024,
  },
  async ({ ctx, params, rawBody }) => {
    const s = await scriptForResearchJob(ctx, params.id, rawBody);
    return { title: s.title, script: s.script, citations: s.citations, insightIds: s.insightIds, source: s.source, topic: s.topic };
  },
);
