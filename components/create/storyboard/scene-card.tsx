"use client";
import { useRef, useState } from "react";
import { SCENE_LAYOUTS, type ComposeAspect, type Scene, type SceneLayout } from "@/lib/compose/types";
import { Button, cx, inputClass } from "@/components/ui/primitives";
import { LAYOUT_LABELS, cardKey, cardOf, type CardChoice } from "./model";
import { SceneThumbnail } from "./scene-thumbnail";

export type VisualChoice = { type: "none" } | { type: "card"; card: CardChoice } | { type: "upload"; file: File };

const UPLOAD = "__upload__";
const NONE = "__none__";
const CURRENT = "__current__";

/**
 * One scene: its thumbnail, the line the presenter says, the layout and the visual. Reorder with
 * the buttons or Alt+↑ / Alt+↓ anywhere in the card.
 */
export function SceneCard({
  scene,
  index,
  total,
  aspect,
  cards,
  presenterImage,
  previews,
  uploading,
  onText,
  onLayout,
  onVisual,
  onMove,
  onRemove,
}: {
  scene: Scene;
  index: number;
  total: number;
  aspect: ComposeAspect;
  cards: CardChoice[];
  presenterImage: string | null;
  previews: Record<string, string>;
  uploading: boolean;
  onText: (text: string) => void;
  onLayout: (layout: SceneLayout) => void;
  onVisual: (choice: VisualChoice) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const n = index + 1;
  const base = `scene-${scene.id}`;
  const current = cardOf(scene, cards);
  const visualValue = scene.visual.type === "none" ? NONE : scene.visual.type === "card" ? (current ? cardKey(current) : CURRENT) : CURRENT;

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
    e.preventDefault();
    onMove(e.key === "ArrowUp" ? index - 1 : index + 1);
  };

  return (
    <li
      aria-labelledby={`${base}-heading`}
      onKeyDown={onKeyDown}
      data-testid="storyboard-scene"
      className="grid gap-3 rounded-xl bg-white p-3 ring-1 ring-slate-200 sm:grid-cols-[7.5rem_minmax(0,1fr)] dark:bg-slate-900 dark:ring-slate-800"
    >
      <div className="mx-auto w-28 sm:w-full">
        <SceneThumbnail scene={scene} aspect={aspect} presenterImage={presenterImage} previews={previews} />
      </div>
      <div className="min-w-0 space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 id={`${base}-heading`} className="text-sm font-semibold">
            Scene {n} <span className="font-normal text-slate-600 dark:text-slate-400">of {total}</span>
          </h3>
          <div className="flex gap-1" role="group" aria-label={`Reorder scene ${n}`}>
            <Button id={`${base}-up`} type="button" variant="ghost" size="sm" onClick={() => onMove(index - 1)} disabled={index === 0} aria-label={`Move scene ${n} up`} title="Move up (Alt+↑)">
              ↑
            </Button>
            <Button id={`${base}-down`} type="button" variant="ghost" size="sm" onClick={() => onMove(index + 1)} disabled={index === total - 1} aria-label={`Move scene ${n} down`} title="Move down (Alt+↓)">
              ↓
            </Button>
            <Button type="button" variant="ghost" size="sm" onClick={onRemove} disabled={total <= 1} aria-label={`Remove scene ${n}`}>
              ✕
            </Button>
          </div>
        </div>
        <label htmlFor={`${base}-text`} className="sr-only">
          Line for scene {n}
        </label>
        <textarea
          id={`${base}-text`}
          value={scene.text}
          rows={2}
          maxLength={1200}
          onChange={(e) => {
            setTextError(e.target.value.trim() ? null : "A scene needs a line; remove the scene instead if it has nothing to say.");
            onText(e.target.value);
          }}
          aria-invalid={textError ? true : undefined}
          aria-describedby={textError ? `${base}-text-error` : undefined}
          className={cx(inputClass, "min-h-16 resize-y text-sm leading-relaxed", textError && "ring-red-500")}
        />
        {textError ? (
          <p id={`${base}-text-error`} role="alert" className="text-xs text-red-600 dark:text-red-400">
            {textError}
          </p>
        ) : null}
        <div className="grid gap-2 sm:grid-cols-2">
          <div className="min-w-0 space-y-1">
            <label htmlFor={`${base}-visual`} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
              Visual
            </label>
            <select
              id={`${base}-visual`}
              value={visualValue}
              disabled={uploading}
              onChange={(e) => {
                const v = e.target.value;
                if (v === UPLOAD) fileRef.current?.click();
                else if (v === NONE) onVisual({ type: "none" });
                else {
                  const card = cards.find((c) => cardKey(c) === v);
                  if (card) onVisual({ type: "card", card });
                }
              }}
              className={cx(inputClass, "w-full text-sm")}
            >
              <option value={NONE}>None (presenter only)</option>
              {visualValue === CURRENT ? (
                <option value={CURRENT}>{scene.visual.type === "upload" ? `Your ${scene.visual.kind}` : scene.visual.type === "broll" ? "AI B-roll" : "Research card"}</option>
              ) : null}
              {cards.length ? (
                <optgroup label="Research cards">
                  {cards.map((c) => (
                    <option key={cardKey(c)} value={cardKey(c)}>
                      {c.label} — {c.title.length > 60 ? `${c.title.slice(0, 59)}…` : c.title}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <option value={UPLOAD}>Upload an image or clip…</option>
            </select>
            <input
              ref={fileRef}
              type="file"
              accept="image/png,image/jpeg,image/webp,video/mp4"
              className="sr-only"
              tabIndex={-1}
              aria-label={`Upload a visual for scene ${n}`}
              data-testid={`${base}-file`}
              onChange={(e) => {
                const file = e.target.files?.[0];
                e.target.value = "";
                if (file) onVisual({ type: "upload", file });
              }}
            />
          </div>
          <div className="min-w-0 space-y-1">
            <label htmlFor={`${base}-layout`} className="block text-xs font-medium text-slate-600 dark:text-slate-300">
              Layout
            </label>
            <select id={`${base}-layout`} value={scene.layout} onChange={(e) => onLayout(e.target.value as SceneLayout)} className={cx(inputClass, "w-full text-sm")}>
              {SCENE_LAYOUTS.map((l) => (
                <option key={l} value={l} disabled={scene.visual.type === "none" && l !== "presenter"}>
                  {LAYOUT_LABELS[l]}
                </option>
              ))}
            </select>
          </div>
        </div>
        {scene.citation ? (
          <p className="truncate text-xs text-slate-600 dark:text-slate-400" data-testid="scene-citation">
            Source on screen:{" "}
            {scene.citation.url ? (
              <a href={scene.citation.url} target="_blank" rel="noreferrer noopener" className="font-medium hover:underline">
                {scene.citation.label}
              </a>
            ) : (
              <span className="font-medium">{scene.citation.label}</span>
            )}
          </p>
        ) : null}
      </div>
    </li>
  );
}
