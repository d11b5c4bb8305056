import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { listWorkspaceCampaigns } from "@/lib/campaigns/service";
import { CampaignsView } from "@/components/campaigns/campaigns-view";
import { campaignFormOptions } from "./options";

export const metadata: Metadata = { title: "Campaigns" };
export const dynamic = "force-dynamic";

export default async function CampaignsPage() {
  const ctx = await requirePageContext();
  const [campaigns, options] = await Promise.all([listWorkspaceCampaigns(ctx), campaignFormOptions(ctx)]);
  return <CampaignsView campaigns={JSON.parse(JSON.stringify(campaigns))} options={options} />;
}
