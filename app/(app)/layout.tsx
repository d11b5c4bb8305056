import { redirect } from "next/navigation";
import { getContext } from "@/lib/auth/session";
import { getDb } from "@/db/client";
import { listMemberships } from "@/db/queries/accounts";
import { AppShell } from "@/components/shell/app-shell";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const ctx = await getContext();
  if (!ctx) redirect("/sign-in");
  const memberships = await listMemberships(getDb(), ctx.user.id);
  return (
    <AppShell
      user={ctx.user}
      workspace={{ id: ctx.workspace.id, name: ctx.workspace.name, plan: ctx.workspace.plan }}
      workspaces={memberships.map((m) => ({ id: m.workspace.id, name: m.workspace.name, plan: m.workspace.plan }))}
    >
      {children}
    </AppShell>
  );
}
