import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { idSchema, listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { listResearchJobSummaries } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/research/jobs", tag: "Research", summary: "Recent research runs, newest first (the last 100)", list: "jobs",
    query: pageQuery.extend({
      status: z.string().max(100).optional().describe("Comma-separated: queued, running, completed, failed"),
      configurationId: idSchema.optional(),
    }),
  },
  async ({ ctx, query }) => {
    const { limit, cursor, ...filters } = query;
    const { jobs } = await listResearchJobSummaries(ctx, { ...filters, limit: 100 });
    return listBody("jobs", paginate(jobs, { limit, cursor }, (j) => [j.createdAt, j.id]));
  },
);
