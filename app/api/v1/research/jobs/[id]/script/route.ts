import { authedRoute } from "@/lib/http/route";
import { AppError } from "@/lib/errors";
import { scriptForResearchJob } from "@/lib/research/service";

export const dynamic = "force-dynamic";

/** Body (optional): { insightIds?: string[] }. */
export const POST = authedRoute(async (req, ctx, p) => {
  const text = await req.text();
  let body: unknown = {};
  if (text.trim()) {
    try {
      body = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", "The request body must be JSON, e.g. {\"insightIds\": [\"ki_…\"]}, or empty.");
    }
  }
  const s = await scriptForResearchJob(ctx, p.id, body);
  return { title: s.title, script: s.script, citations: s.citations, insightIds: s.insightIds, source: s.source, topic: s.topic };
});
