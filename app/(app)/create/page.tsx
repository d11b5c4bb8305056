import type { Metadata } from "next";
import { requirePageContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { listAvatars, listTemplates } from "@/lib/videos/catalog";
import { getVideo } from "@/lib/videos/library";
import { planStoryboardFor, type CardOption } from "@/lib/videos/storyboard";
import { storyboardScript } from "@/lib/compose/types";
import { publicProviderSettings } from "@/lib/providers/workspace";
import { PLATFORM_PRESETS } from "@/lib/render/platform";
import { MAX_SCRIPT_CHARS, MAX_TITLE_CHARS } from "@/lib/render/validate";
import { PageHeader } from "@/components/ui/primitives";
import { CreateForm } from "@/components/create/create-form";
import type { AvatarOption, BackgroundValue, CreateFormValues, TemplateOption } from "@/components/create/types";

export const metadata: Metadata = { title: "Create" };

export default async function CreatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await requirePageContext();
  const sp = await searchParams;
  const from = typeof sp.from === "string" ? sp.from : null;
  const researchJob = typeof sp.researchJob === "string" ? sp.researchJob : null;

  const [avatars, templates, providers] = await Promise.all([
    listAvatars(ctx.workspace.plan, ctx.workspace.id),
    listTemplates(ctx.workspace.id),
    publicProviderSettings(ctx.workspace.id),
  ]);

  // "Re-generate with changes": start from an existing video's settings.
  let prefill: Partial<CreateFormValues> | null = null;
  let prefillProblem: string | null = null;
  if (from) {
    try {
      const v = await getVideo(ctx, from);
      const avatar = avatars.find((a) => a.id === v.avatarProfileId);
      prefill = {
        avatar: avatar?.slug ?? "",
        title: v.title,
        script: v.script,
        aspectRatio: v.aspectRatio,
        targetPlatforms: v.targetPlatforms,
        voiceSpeed: v.voiceSpeed,
        captions: v.captions,
        background: v.background.type === "color" || v.background.type === "gradient" ? (v.background as BackgroundValue) : undefined,
        templateId: templates.find((t) => t.id === v.templateId)?.slug ?? "",
        researchJobId: v.researchJobId,
      };
    } catch (err) {
      if (!isAppError(err)) throw err;
      prefillProblem = "The video to start from was not found; starting with a blank form.";
    }
  }

  // "Make a video" from a research analysis: the written script, already planned into scenes
  // (research cards, citations) for the storyboard editor.
  let prefillCards: CardOption[] = [];
  if (!from && researchJob) {
    try {
      const r = await planStoryboardFor(ctx, { researchJobId: researchJob });
      prefill = { title: (r.title ?? "").slice(0, MAX_TITLE_CHARS), script: storyboardScript(r.storyboard), researchJobId: researchJob, storyboard: r.storyboard };
      prefillCards = r.cards;
    } catch (err) {
      if (!isAppError(err)) throw err;
      prefillProblem = `That research could not be turned into a script: ${err.message}`;
    }
  }

  const avatarOptions: AvatarOption[] = avatars.map((a) => ({
    id: a.id,
    slug: a.slug,
    name: a.name,
    description: a.description,
    tier: a.tier,
    style: a.style,
    voiceName: a.voiceName,
    language: a.language,
    locked: a.locked,
    // Imported presenters (issue 12) show the provider's own previews.
    imageUrl: a.previewImageUrl ?? `/api/media/avatars/${a.slug}/image`,
    clipUrl: a.previewVideoUrl ?? `/api/media/avatars/${a.slug}/clip`,
  }));
  const templateOptions: TemplateOption[] = templates.map((t) => ({
    id: t.id,
    slug: t.slug,
    name: t.name,
    description: t.description,
    aspectRatio: t.aspectRatio,
    background: t.background as TemplateOption["background"],
    captions: t.captions,
    voiceSpeed: t.voiceSpeed,
  }));
  const platforms = Object.values(PLATFORM_PRESETS).map((p) => ({ id: p.id, label: p.label, platform: p.platform, aspect: p.aspect }));
  const providerOptions = providers.map((p) => ({ id: p.provider, name: p.displayName, available: p.enabled && p.configured }));

  return (
    <div>
      <PageHeader
        title={from && prefill ? "Re-generate with changes" : "Create a video"}
        description="Pick a presenter, write what they say, choose where it goes. The estimate updates as you type."
      />
      <CreateForm
        workspaceId={ctx.workspace.id}
        plan={ctx.workspace.plan}
        avatars={avatarOptions}
        templates={templateOptions}
        platforms={platforms}
        providers={providerOptions}
        maxScriptChars={MAX_SCRIPT_CHARS}
        maxTitleChars={MAX_TITLE_CHARS}
        prefill={prefill}
        prefillFrom={prefill ? from : null}
        prefillProblem={prefillProblem}
        prefillCards={prefillCards}
      />
    </div>
  );
}
