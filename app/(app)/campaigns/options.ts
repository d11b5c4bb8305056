/** Options the campaign form needs (presenters, templates, configurations, platforms), loaded server-side. */
import type { AuthContext } from "@/lib/auth/context";
import { PLATFORM_PRESETS, PLATFORM_PRESET_IDS } from "@/lib/render/platform";
import { listResearchConfigurations } from "@/lib/research/service";
import { listAvatars, listTemplates } from "@/lib/videos/catalog";
import type { CampaignFormOptions } from "@/components/campaigns/campaign-form";

export async function campaignFormOptions(ctx: AuthContext): Promise<CampaignFormOptions> {
  const [avatars, templates, configurations] = await Promise.all([listAvatars(ctx.workspace.plan), listTemplates(ctx.workspace.id), listResearchConfigurations(ctx)]);
  return {
    timezone: ctx.workspace.timezone,
    avatars: avatars.map((a) => ({ id: a.id, name: a.name, locked: a.locked })),
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    configurations: configurations.map((c) => ({ id: c.id, name: c.name })),
    platforms: PLATFORM_PRESET_IDS.map((id) => ({ id, label: PLATFORM_PRESETS[id].label })),
  };
}
