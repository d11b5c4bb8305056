import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { idSchema } from "@/lib/http/schemas";
import { listResearchJobSummaries } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = defineRoute(
  {
    method: "GET", path: "/research/jobs", tag: "Research", summary: "Recent research runs, newest first",
    query: z.object({
      status: z.string().max(100).optional().describe("Comma-separated: queued, running, completed, failed"),
      limit: z.coerce.number().int().min(1).max(100).optional(),
      configurationId: idSchema.optional(),
    }),
  },
  async ({ ctx, query }) => listResearchJobSummaries(ctx, query),
);
