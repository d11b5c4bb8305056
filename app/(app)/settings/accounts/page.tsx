import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { accountsView, configuredPlatforms } from "@/lib/publishing/accounts";
import { AccountsPanel } from "@/components/publishing/accounts-panel";

export const metadata: Metadata = { title: "Connected accounts · Settings" };

export default async function AccountsSettingsPage({ searchParams }: { searchParams: Promise<{ connected?: string; error?: string }> }) {
  const ctx = await requirePageContext();
  const sp = await searchParams;
  const accounts = await accountsView(ctx.workspace.id);
  return (
    <AccountsPanel
      initial={accounts.map(({ accessTokenExpiresAt: _e, scopes: _s, externalAccountId: _x, ...a }) => a)}
      platforms={configuredPlatforms()}
      canEdit={ctx.role !== "member"}
      connected={typeof sp.connected === "string" ? sp.connected.slice(0, 100) : undefined}
      error={typeof sp.error === "string" ? sp.error.slice(0, 300) : undefined}
    />
  );
}
