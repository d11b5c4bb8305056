import type { Metadata } from "next";
import Link from "next/link";
import { requirePageContext } from "@/lib/auth/session";
import { listWorkspaceVideos } from "@/lib/videos/library";
import { listWorkspaceCampaigns } from "@/lib/campaigns/service";
import { publicProviderSettings } from "@/lib/providers/workspace";
import { PageHeader } from "@/components/ui/primitives";
import { VideoLibrary } from "@/components/videos/video-library";
import { STATUS_GROUPS, filtersFromSearch } from "@/components/videos/filters";
import { toJson } from "@/components/videos/types";
import { PLATFORM_PRESETS } from "@/lib/render/platform";

export const metadata: Metadata = { title: "Videos" };

const PAGE_SIZE = 24;

export default async function VideosPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext();
  const sp = await searchParams;
  const str = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : "");
  const filters = filtersFromSearch(str);
  const [initial, campaigns, providers] = await Promise.all([
    listWorkspaceVideos(ctx, {
      status: STATUS_GROUPS[filters.status] || undefined,
      provider: filters.provider || undefined,
      campaignId: filters.campaignId || undefined,
      q: filters.q || undefined,
      sort: filters.sort,
      since: filters.since || undefined,
      platform: filters.platform || undefined,
      page: filters.page,
      pageSize: PAGE_SIZE,
    }),
    listWorkspaceCampaigns(ctx).catch(() => []),
    publicProviderSettings(ctx.workspace.id),
  ]);
  return (
    <div>
      <PageHeader
        title="Videos"
        description="Everything this workspace has made, rendering or not. Updates live."
        actions={
          <Link href="/create" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white shadow-sm hover:brightness-110">
            New video
          </Link>
        }
      />
      <VideoLibrary
        initial={toJson(initial)}
        initialFilters={filters}
        pageSize={PAGE_SIZE}
        timeZone={ctx.workspace.timezone}
        campaigns={campaigns.map((c) => ({ id: c.id, name: c.name }))}
        providers={providers.map((p) => ({ id: p.provider, name: p.displayName, available: true }))}
        platforms={Object.values(PLATFORM_PRESETS).map((p) => ({ id: p.id, label: p.label }))}
      />
    </div>
  );
}
