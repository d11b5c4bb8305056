"use server";
/** Provider card actions owned by the providers area: model pick and the key check. */
import { requireContext } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { toActionResult } from "@/lib/settings/result";
import { setProviderModel, testProviderConnection } from "@/lib/providers/workspace";
import { importHeygenCatalog } from "@/lib/avatars/import";

export async function setProviderModelAction(providerId: string, model: string | null) {
  return toActionResult(async () => setProviderModel(await requireContext(), providerId, model));
}

/** Tests the saved key, or a key pasted into the form before it is saved. */
export async function checkProviderAction(providerId: string, pasted: { apiKey?: string; model?: string } = {}) {
  return toActionResult(async () => {
    const ctx = await requireContext();
    if (ctx.role === "member") throw new AppError("forbidden", "Only owners and admins can test provider keys.");
    return testProviderConnection(ctx, providerId, pasted);
  });
}

/** Imports (or refreshes) the presenters and voices of the workspace's HeyGen account. */
export async function importHeygenCatalogAction() {
  return toActionResult(async () => importHeygenCatalog(await requireContext()));
}
