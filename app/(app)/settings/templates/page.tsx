import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { listTemplates } from "@/lib/videos/catalog";
import { TemplatesPanel, type TemplateView } from "@/components/settings/templates-panel";

export const metadata: Metadata = { title: "Templates · Settings" };

export default async function TemplatesSettingsPage() {
  const ctx = await requirePageContext();
  const rows = await listTemplates(ctx.workspace.id);
  const initial: TemplateView[] = rows.map(({ id, workspaceId, name, description, aspectRatio, background, captions, voiceSpeed, useBrand, musicBed, musicVolumeDb }) => ({ id, workspaceId, name, description, aspectRatio, background, captions, voiceSpeed, useBrand, musicBed, musicVolumeDb }));
  return <TemplatesPanel initial={initial} canEdit={ctx.role !== "member"} />;
}
