import type { Metadata } from "next";
import { headers } from "next/headers";
import { requirePageContext } from "@/lib/auth/session";
import { listApiKeys } from "@/lib/auth/api-keys";
import { ApiKeysPanel } from "@/components/settings/api-keys-panel";

export const metadata: Metadata = { title: "API keys · Settings" };

export default async function ApiKeysSettingsPage() {
  const ctx = await requirePageContext();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return <ApiKeysPanel initial={await listApiKeys(ctx.workspace.id)} canEdit={ctx.role !== "member"} origin={`${proto}://${host}`} />;
}
