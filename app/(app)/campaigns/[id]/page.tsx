import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getCampaign } from "@/lib/campaigns/service";
import { CampaignDetail, type CampaignDetailData } from "@/components/campaigns/campaign-detail";
import { campaignFormOptions } from "../options";

export const metadata: Metadata = { title: "Campaign" };
export const dynamic = "force-dynamic";

export default async function CampaignPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  const data = await getCampaign(ctx, id).catch((err) => {
    if (isAppError(err) && err.code === "not_found") return null;
    throw err;
  });
  if (!data) notFound();
  const options = await campaignFormOptions(ctx);
  return <CampaignDetail data={JSON.parse(JSON.stringify(data)) as CampaignDetailData} options={options} />;
}
