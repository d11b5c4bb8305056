"use server";
import { revalidatePath } from "next/cache";
import { requireContext } from "@/lib/auth/session";
import { runCampaignNow } from "@/lib/campaigns/process";
import { createCampaign, removeCampaign, setCampaignActive, updateCampaignSettings } from "@/lib/campaigns/service";
import { asAction } from "@/lib/research/action-result";

export async function saveCampaignAction(id: string | null, input: unknown) {
  return asAction(async () => {
    const ctx = await requireContext();
    const c = id ? await updateCampaignSettings(ctx, id, input) : await createCampaign(ctx, input);
    revalidatePath("/campaigns");
    return { id: c.id };
  });
}

export async function runCampaignAction(id: string) {
  return asAction(async () => {
    const r = await runCampaignNow(await requireContext(), id);
    revalidatePath(`/campaigns/${id}`);
    return { status: r.status, videosCreated: r.videosCreated, note: r.note };
  });
}

export async function setCampaignActiveAction(id: string, active: boolean) {
  return asAction(async () => {
    const c = await setCampaignActive(await requireContext(), id, active);
    revalidatePath(`/campaigns/${id}`);
    revalidatePath("/campaigns");
    return { active: c.active, nextRunAt: c.nextRunAt?.toISOString() ?? null };
  });
}

export async function deleteCampaignAction(id: string) {
  return asAction(async () => {
    await removeCampaign(await requireContext(), id);
    revalidatePath("/campaigns");
    return { deleted: true };
  });
}
