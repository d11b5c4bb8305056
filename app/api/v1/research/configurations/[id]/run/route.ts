import { defineRoute, reply } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { runResearchJob } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/research/configurations/{id}/run", tag: "Research", summary: "Start a research run from a configuration (202; follow the job)", status: 202, params: idParams, resource: "Research configuration" },
  async ({ ctx, params }) => {
    const job = await runResearchJob(ctx, params.id, { trigger: "manual" });
    return reply({ id: job.id, name: job.name, status: job.status, createdAt: job.createdAt }, 202);
  },
);
