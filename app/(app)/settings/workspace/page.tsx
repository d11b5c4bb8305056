import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { getWorkspaceSettings, timeZones } from "@/lib/settings/workspace";
import { WorkspaceForm } from "@/components/settings/workspace-form";

export const metadata: Metadata = { title: "Workspace · Settings" };

export default async function WorkspaceSettingsPage() {
  const ctx = await requirePageContext();
  const ws = await getWorkspaceSettings(ctx.workspace.id);
  const zones = timeZones().includes(ws.timezone) ? timeZones() : [ws.timezone, ...timeZones()];
  return <WorkspaceForm initial={ws} zones={zones} canEdit={ctx.role !== "member"} />;
}
