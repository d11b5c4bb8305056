"use server";
/** Settings mutations: parse, call lib/settings (or the owning domain), return errors per field. */
import { requireContext } from "@/lib/auth/session";
import { toActionResult, type ActionResult } from "@/lib/settings/result";
import { clearProviderKeys, reorderProviders, saveProviderForm, setProviderEnabled } from "@/lib/settings/providers";
import type { ProviderForm } from "@/lib/settings/provider-fields";
import { saveBudgetForm, type BudgetForm } from "@/lib/settings/budgets";
import { updateWorkspaceSettings } from "@/lib/settings/workspace";
import { createWorkspaceApiKey, revokeWorkspaceApiKey } from "@/lib/settings/api-keys";
import { createEndpoint, deleteEndpoint } from "@/lib/webhooks";
import { sendTestEvent } from "@/lib/webhooks/test-event";

/** Flattens a lib call that itself returns an ActionResult. */
async function nested<T>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = await toActionResult(fn);
  return r.ok ? r.data : r;
}

export async function saveProviderAction(providerId: string, form: ProviderForm) {
  return nested(async () => saveProviderForm(await requireContext(), providerId, form));
}

export async function setProviderEnabledAction(providerId: string, enabled: boolean) {
  return toActionResult(async () => setProviderEnabled(await requireContext(), providerId, enabled));
}

export async function clearProviderKeysAction(providerId: string) {
  return toActionResult(async () => clearProviderKeys(await requireContext(), providerId));
}

export async function reorderProvidersAction(order: string[]) {
  return toActionResult(async () => reorderProviders(await requireContext(), order));
}

export async function saveBudgetAction(form: BudgetForm) {
  return nested(async () => saveBudgetForm(await requireContext(), form));
}

export async function createWebhookAction(input: { url: string; events: string[] }) {
  return toActionResult(async () => createEndpoint(await requireContext(), input));
}

export async function deleteWebhookAction(id: string) {
  return toActionResult(async () => deleteEndpoint(await requireContext(), id));
}

export async function sendTestWebhookAction(id: string) {
  return toActionResult(async () => sendTestEvent(await requireContext(), id));
}

export async function createApiKeyAction(name: string) {
  return toActionResult(async () => createWorkspaceApiKey(await requireContext(), { name }));
}

export async function revokeApiKeyAction(id: string) {
  return toActionResult(async () => revokeWorkspaceApiKey(await requireContext(), id));
}

export async function updateWorkspaceAction(input: { name: string; timezone: string; retentionDays: string }) {
  return toActionResult(async () => updateWorkspaceSettings(await requireContext(), input));
}
