import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { listRules } from "@/lib/research/rules-store";
import { listResearchConfigurations, listResearchJobSummaries } from "@/lib/research/service";
import { ResearchWorkspace } from "@/components/research/research-workspace";

export const metadata: Metadata = { title: "Research" };
export const dynamic = "force-dynamic";

export default async function ResearchPage() {
  const ctx = await requirePageContext();
  const [configurations, { jobs }, rules] = await Promise.all([
    listResearchConfigurations(ctx),
    listResearchJobSummaries(ctx, { limit: "20" }),
    listRules(ctx.workspace.id),
  ]);
  return (
    <ResearchWorkspace
      configurations={JSON.parse(JSON.stringify(configurations))}
      jobs={JSON.parse(JSON.stringify(jobs))}
      rules={JSON.parse(JSON.stringify(rules))}
    />
  );
}
