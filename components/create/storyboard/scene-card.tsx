"use client";
import { useRef, useState } from "react";
import { SCENE_LAYOUTS, type ComposeAspect, type Scene, type SceneLayout } from "@/lib/compose/types";
import { Button, cx, inputClass } from "@/components/ui/primitives";
import type { BrollEstimate } from "@/lib/compose/broll/estimate";
import { formatCents } from "@/lib/format";
import { LAYOUT_LABELS, MAX_BROLL_PROMPT, cardKey, cardOf, type CardChoice } from "./model";
import { SceneThumbnail } from "./scene-thumbnail";
import { BrollUnavailable } from "./broll-estimate";

export type VisualChoice = { type: "none" } | { type: "card"; card: CardChoice } | { type: "upload"; file: File } | { type: "broll" };

/** What the card knows about AI B-roll: the workspace's answer (undefined until it arrives). */
export type BrollState = Pick<BrollEstimate, "available" | "unavailableReason" | "settingsHref" | "scenes"> | undefined;

const UPLOAD = "__upload__";
const NONE = "__none__";
const CURRENT = "__current__";
const BROLL = "__broll__";

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
  broll,
  onBrollPrompt,
  restoreLabel,
  onRestore,
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
  broll: BrollState;
  onBrollPrompt: (prompt: string) => void;
  /** What switching back would restore (e.g. "the Hacker News card"), when there is something. */
  restoreLabel: string | null;
  onRestore: () => void;
}) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [textError, setTextError] = useState<string | null>(null);
  const n = index + 1;
  const base = `scene-${scene.id}`;
  const current = cardOf(scene, cards);
  const visualValue = scene.visual.type === "none" ? NONE : scene.visual.type === "broll" ? BROLL : scene.visual.type === "card" ? (current ? cardKey(current) : CURRENT) : CURRENT;
  // Unknown until the workspace answers: the option stays enabled for a scene that already is B-roll.
  const brollOff = broll ? !broll.available : false;
  const brollEst = broll?.scenes.find((e) => e.sceneId === scene.id);

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
                else if (v === BROLL) onVisual({ type: "broll" });
                else if (v === NONE) onVisual({ type: "none" });
                else {
                  const card = cards.find((c) => cardKey(c) === v);
                  if (card) onVisual({ type: "card", card });
                }
              }}
              aria-describedby={brollOff ? `${base}-broll-off` : undefined}
              className={cx(inputClass, "w-full text-sm")}
            >
              <option value={NONE}>None (presenter only)</option>
              <option value={BROLL} disabled={brollOff && scene.visual.type !== "broll"}>
                AI B-roll{brollOff ? " (unavailable)" : ""}
              </option>
              {visualValue === CURRENT ? (
                <option value={CURRENT}>{scene.visual.type === "upload" ? `Your ${scene.visual.kind}` : "Research card"}</option>
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
        {brollOff && broll ? <BrollUnavailable est={broll} className="text-xs text-slate-600 dark:text-slate-400" /> : null}
        {scene.visual.type === "broll" ? (
          <BrollPrompt
            id={`${base}-broll`}
            n={n}
            prompt={scene.visual.prompt}
            onChange={onBrollPrompt}
            note={!broll ? null : brollOff ? "This scene shows the presenter until AI B-roll is available." : !brollEst ? (scene.visual.prompt.trim() ? "Pricing…" : null) : brollEst.reason ? "No clip provider for this format: the scene shows the presenter." : brollEst.cached ? "Estimate: cached, free" : `Estimate: ${formatCents(brollEst.cents)}`}
            restoreLabel={restoreLabel}
            onRestore={onRestore}
          />
        ) : null}
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

/** The clip's prompt: labelled, at most MAX_BROLL_PROMPT characters with a counter, its price. */
function BrollPrompt({ id, n, prompt, onChange, note, restoreLabel, onRestore }: { id: string; n: number; prompt: string; onChange: (p: string) => void; note: string | null; restoreLabel: string | null; onRestore: () => void }) {
  const empty = !prompt.trim();
  return (
    <div className="space-y-1 rounded-lg bg-violet-50 p-2 dark:bg-violet-500/10" data-testid="broll-prompt">
      <label htmlFor={id} className="block text-xs font-medium text-violet-900 dark:text-violet-200">
        AI B-roll prompt for scene {n}
      </label>
      <textarea
        id={id}
        value={prompt}
        rows={3}
        maxLength={MAX_BROLL_PROMPT}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={empty ? true : undefined}
        aria-describedby={`${id}-hint`}
        placeholder="What the clip shows: subject, setting, camera, light. No text or logos."
        className={cx(inputClass, "min-h-16 resize-y text-sm leading-relaxed", empty && "ring-red-500")}
      />
      <div id={`${id}-hint`} className="flex flex-wrap items-center justify-between gap-2 text-xs text-violet-900 dark:text-violet-200">
        <span role={empty ? "alert" : undefined}>{empty ? "Describe the clip: a scene without a prompt cannot be made." : note}</span>
        <span className="tabular-nums" aria-label={`${prompt.length} of ${MAX_BROLL_PROMPT} characters`}>
          {prompt.length}/{MAX_BROLL_PROMPT}
        </span>
      </div>
      {restoreLabel ? (
        <Button type="button" variant="ghost" size="sm" onClick={onRestore}>
          Back to {restoreLabel}
        </Button>
      ) : null}
    </div>
  );
}
