import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { publicProviderSettings } from "@/lib/providers/workspace";
import { DEFAULT_COST_MODELS } from "@/lib/providers/cost-models";
import { ProvidersPanel } from "@/components/settings/providers-panel";

export const metadata: Metadata = { title: "Providers · Settings" };

export default async function ProvidersSettingsPage() {
  const ctx = await requirePageContext();
  const providers = await publicProviderSettings(ctx.workspace.id);
  return <ProvidersPanel initial={providers} defaults={{ ...DEFAULT_COST_MODELS }} canEdit={ctx.role !== "member"} />;
}
