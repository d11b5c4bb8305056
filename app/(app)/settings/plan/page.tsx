import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { planOverview } from "@/lib/settings/plan";
import { PlanPanel } from "@/components/settings/plan-panel";

export const metadata: Metadata = { title: "Plan · Settings" };
export const dynamic = "force-dynamic";

export default async function PlanSettingsPage() {
  const ctx = await requirePageContext();
  return <PlanPanel overview={await planOverview(ctx)} isOwner={ctx.role === "owner"} />;
}
