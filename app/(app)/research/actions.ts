"use server";
import { revalidatePath } from "next/cache";
import { requireContext } from "@/lib/auth/session";
import { asAction } from "@/lib/research/action-result";
import { updateRule } from "@/lib/research/rules-store";
import {
  createResearchConfiguration,
  deleteResearchConfiguration,
  runResearchJob,
  scriptForResearchJob,
  updateResearchConfiguration,
} from "@/lib/research/service";
import { createVideoFromResearch } from "@/lib/research/videos";

export async function saveConfigurationAction(id: string | null, input: unknown) {
  return asAction(async () => {
    const ctx = await requireContext();
    const cfg = id ? await updateResearchConfiguration(ctx, id, input) : await createResearchConfiguration(ctx, input);
    revalidatePath("/research");
    return cfg;
  });
}

export async function deleteConfigurationAction(id: string) {
  return asAction(async () => {
    await deleteResearchConfiguration(await requireContext(), id);
    revalidatePath("/research");
    return { deleted: true };
  });
}

export async function runConfigurationAction(id: string) {
  return asAction(async () => {
    const job = await runResearchJob(await requireContext(), id, { trigger: "manual" });
    return { id: job.id, status: job.status };
  });
}

export async function updateRuleAction(input: unknown) {
  return asAction(async () => updateRule(await requireContext(), input));
}

export async function generateScriptAction(jobId: string, insightIds: string[] | null) {
  return asAction(async () => {
    const s = await scriptForResearchJob(await requireContext(), jobId, insightIds?.length ? { insightIds } : {});
    return { title: s.title, script: s.script, citations: s.citations, insightIds: s.insightIds, source: s.source, topic: s.topic, lines: s.lines ?? [] };
  });
}

export async function createVideoFromResearchAction(input: unknown) {
  return asAction(async () => {
    const { video } = await createVideoFromResearch(await requireContext(), input);
    return { id: video.id, title: video.scriptTitle, status: video.status };
  });
}
