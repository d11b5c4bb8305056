import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getResearchJob } from "@/lib/research/service";
import { listAvatars, listTemplates } from "@/lib/videos/catalog";
import { AnalysisView, type JobView } from "@/components/research/analysis-view";

export const metadata: Metadata = { title: "Research analysis" };
export const dynamic = "force-dynamic";

export default async function ResearchJobPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  const job = await getResearchJob(ctx, id).catch((err) => {
    if (isAppError(err) && err.code === "not_found") return null;
    throw err;
  });
  if (!job) notFound();
  const [avatars, templates] = await Promise.all([listAvatars(ctx.workspace.plan), listTemplates(ctx.workspace.id)]);
  return (
    <AnalysisView
      job={JSON.parse(JSON.stringify(job)) as JobView}
      avatars={avatars.map((a) => ({ id: a.id, slug: a.slug, name: a.name, description: a.description, locked: a.locked }))}
      templates={templates.map((t) => ({ id: t.id, name: t.name }))}
    />
  );
}
