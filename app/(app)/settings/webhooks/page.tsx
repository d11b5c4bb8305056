import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { listDeliveries, listEndpoints } from "@/lib/webhooks";
import { WebhooksPanel } from "@/components/settings/webhooks-panel";

export const metadata: Metadata = { title: "Webhooks · Settings" };

export default async function WebhooksSettingsPage() {
  const ctx = await requirePageContext();
  const endpoints = await listEndpoints(ctx.workspace.id);
  const deliveries = await listDeliveries(ctx.workspace.id);
  // The payloads stay on the server: the log shows what happened, not the data sent.
  return (
    <WebhooksPanel
      initialEndpoints={endpoints}
      initialDeliveries={deliveries.map(({ payload: _p, ...d }) => d)}
      canEdit={ctx.role !== "member"}
    />
  );
}
