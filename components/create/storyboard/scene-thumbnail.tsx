"use client";
import type { ComposeAspect, Scene, SceneVisual } from "@/lib/compose/types";
import { cx } from "@/components/ui/primitives";

const RATIO: Record<ComposeAspect, string> = { "9:16": "9 / 16", "16:9": "16 / 9", "1:1": "1 / 1", "4:5": "4 / 5" };

/** The card as the render draws it (the server rasterises the same SVG the composer uses). */
export function cardPreviewUrl(card: Extract<SceneVisual, { type: "card" }>["card"], aspect: ComposeAspect): string {
  return `/api/v1/storyboards/card-preview?${new URLSearchParams({ card: JSON.stringify(card), aspect })}`;
}

function VisualFill({ visual, aspect, previews }: { visual: SceneVisual; aspect: ComposeAspect; previews: Record<string, string> }) {
  if (visual.type === "card") {
    return <img src={cardPreviewUrl(visual.card, aspect)} alt="" className="h-full w-full object-contain" loading="lazy" />;
  }
  if (visual.type === "upload") {
    const local = previews[visual.key];
    if (local && visual.kind === "image") {
      return <img src={local} alt="" className="h-full w-full object-cover" />;
    }
    return <span className="flex h-full w-full items-center justify-center bg-slate-200 px-1 text-center text-[10px] font-medium text-slate-600 dark:bg-slate-700 dark:text-slate-200">Your {visual.kind}</span>;
  }
  if (visual.type === "broll") {
    return <span className="flex h-full w-full items-center justify-center bg-violet-100 px-1 text-center text-[10px] font-medium text-violet-800 dark:bg-violet-500/20 dark:text-violet-200">AI B-roll</span>;
  }
  return null;
}

/**
 * A scene as it will be laid out in the main aspect: presenter alone, presenter and visual
 * (stacked in portrait, side by side in landscape), or the visual with the presenter in a corner.
 */
export function SceneThumbnail({ scene, aspect, presenterImage, previews }: { scene: Scene; aspect: ComposeAspect; presenterImage: string | null; previews: Record<string, string> }) {
  const landscape = aspect === "16:9";
  const presenter = presenterImage ? (
    <img src={presenterImage} alt="" className="h-full w-full object-cover" />
  ) : (
    <span className="block h-full w-full bg-gradient-to-b from-slate-300 to-slate-400 dark:from-slate-600 dark:to-slate-700" />
  );
  return (
    <div
      aria-hidden
      className="relative w-full overflow-hidden rounded-lg bg-slate-900 ring-1 ring-slate-300 dark:ring-slate-700"
      style={{ aspectRatio: RATIO[aspect] }}
      data-testid="scene-thumbnail"
    >
      {scene.layout === "presenter" || scene.visual.type === "none" ? (
        presenter
      ) : scene.layout === "split" ? (
        <div className={cx("flex h-full w-full", landscape ? "flex-row" : "flex-col")}>
          <div className="min-h-0 min-w-0 flex-1 bg-slate-100 dark:bg-slate-800">
            <VisualFill visual={scene.visual} aspect={aspect} previews={previews} />
          </div>
          <div className="min-h-0 min-w-0 flex-1">{presenter}</div>
        </div>
      ) : (
        <>
          <div className="h-full w-full bg-slate-100 dark:bg-slate-800">
            <VisualFill visual={scene.visual} aspect={aspect} previews={previews} />
          </div>
          <div className="absolute bottom-1.5 right-1.5 h-1/4 overflow-hidden rounded-full ring-2 ring-white" style={{ aspectRatio: "1 / 1" }}>
            {presenter}
          </div>
        </>
      )}
      {scene.citation ? (
        <span className="absolute left-1 top-1 max-w-[90%] truncate rounded bg-black/60 px-1 py-0.5 text-[9px] leading-none text-white">Source: {scene.citation.label}</span>
      ) : null}
    </div>
  );
}
