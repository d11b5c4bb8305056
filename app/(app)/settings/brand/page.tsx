import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { getBrandKit } from "@/lib/brand/kit";
import { BrandPanel } from "@/components/settings/brand-panel";

export const metadata: Metadata = { title: "Brand · Settings" };

export default async function BrandSettingsPage() {
  const ctx = await requirePageContext();
  const view = await getBrandKit(ctx);
  return <BrandPanel initial={{ kit: view.kit, aiBroll: view.aiBroll }} canEdit={ctx.role !== "member"} />;
}
