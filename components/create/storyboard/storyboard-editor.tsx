"use client";
import { useEffect, useState } from "react";
import { COMPOSE_ASPECTS, MUSIC_BEDS, type Storyboard } from "@/lib/compose/types";
import { cx, inputClass } from "@/components/ui/primitives";
import { brollPrompt } from "@/lib/compose/broll/prompt";
import { ASPECT_LABELS, moveScene, removeScene, restoreVisual, toggleAspect, updateScene, withBroll, withCard, withOwnVisual, type CardChoice, type Restorable } from "./model";
import { SceneCard, type VisualChoice } from "./scene-card";
import { BrollEstimateNote, useBrollEstimate } from "./broll-estimate";

const BED_LABELS: Record<(typeof MUSIC_BEDS)[number], string> = { none: "No music", calm: "Calm", upbeat: "Upbeat", focus: "Focus" };

async function uploadVisual(file: File): Promise<{ key: string; kind: "image" | "video" }> {
  const form = new FormData();
  form.append("file", file);
  const res = await fetch("/api/v1/uploads", { method: "POST", body: form });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? "The upload failed. Try again with a PNG, JPEG, WebP or MP4 file.");
  if (body.kind !== "image" && body.kind !== "video") throw new Error("That file is audio; pick an image or a video clip for a scene.");
  return { key: body.key, kind: body.kind };
}

/**
 * The storyboard before render (issue 14): scenes as cards, each with its thumbnail, line,
 * layout, visual and citation; the formats to render; the music bed. Every change goes to
 * `onChange` as a whole new board, which the form sends as `storyboard` on create.
 */
export function StoryboardEditor({
  board,
  cards,
  onChange,
  presenterImage,
  platformAspects,
}: {
  board: Storyboard;
  cards: CardChoice[];
  onChange: (board: Storyboard) => void;
  presenterImage: string | null;
  /** Aspects the ticked platforms add on create (shown so the user is not surprised). */
  platformAspects: string[];
}) {
  const [announce, setAnnounce] = useState("");
  const [focusId, setFocusId] = useState<string | null>(null);
  const [uploadingId, setUploadingId] = useState<string | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const [previews, setPreviews] = useState<Record<string, string>>({});
  // What each scene showed before the user made it AI B-roll ("Back to …" restores it).
  const [before, setBefore] = useState<Record<string, Restorable>>({});
  // Asked even with no B-roll scene: the answer says whether the option can be offered at all.
  const brollQuery = useBrollEstimate(board);
  const aspect = board.aspects[0];
  const broll = board.scenes.filter((s) => s.visual.type === "broll").length;
  const extra = platformAspects.filter((a) => !board.aspects.includes(a as never));

  // Keep focus on the moved scene's button so keyboard users can keep moving it.
  useEffect(() => {
    if (!focusId) return;
    document.getElementById(focusId)?.focus();
    setFocusId(null);
  }, [focusId, board]);

  const move = (from: number, to: number) => {
    const next = moveScene(board, from, to);
    if (next === board) return;
    const target = next.scenes.findIndex((s) => s.id === board.scenes[from].id);
    onChange(next);
    setAnnounce(`Scene moved to position ${target + 1} of ${next.scenes.length}.`);
    setFocusId(`scene-${board.scenes[from].id}-${to < from ? "up" : "down"}`);
  };

  const pick = async (id: string, choice: VisualChoice) => {
    setUploadError(null);
    if (choice.type === "none") return onChange(withOwnVisual(board, id, { type: "none" }));
    if (choice.type === "card") return onChange(withCard(board, id, choice.card));
    if (choice.type === "broll") {
      const i = board.scenes.findIndex((s) => s.id === id);
      const scene = board.scenes[i];
      if (scene.visual.type !== "none") setBefore((b) => ({ ...b, [id]: { visual: scene.visual, citation: scene.citation, layout: scene.layout } }));
      // A starting prompt written from the scene's own line (as the planner writes them); editable.
      onChange(withBroll(board, id, brollPrompt(scene.text, i === 0 ? "hook" : "point") ?? ""));
      setAnnounce(`Scene ${i + 1} uses AI B-roll; edit its prompt below the visual.`);
      return;
    }
    setUploadingId(id);
    try {
      const up = await uploadVisual(choice.file);
      if (up.kind === "image") setPreviews((p) => ({ ...p, [up.key]: URL.createObjectURL(choice.file) }));
      onChange(withOwnVisual(board, id, { type: "upload", key: up.key, kind: up.kind }));
      setAnnounce(`Your ${up.kind} is on the scene.`);
    } catch (err) {
      setUploadError((err as Error).message);
    } finally {
      setUploadingId(null);
    }
  };

  return (
    <section aria-label="Storyboard" className="space-y-4" data-testid="storyboard-editor">
      <p role="status" aria-live="polite" className="sr-only">
        {announce}
      </p>
      <div className="grid gap-4 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <fieldset className="min-w-0">
          <legend className="mb-1.5 text-sm font-medium text-slate-700 dark:text-slate-300">Formats (one video each, laid out on its own)</legend>
          <div className="flex flex-wrap gap-x-4 gap-y-1.5">
            {COMPOSE_ASPECTS.map((a) => {
              const on = board.aspects.includes(a);
              return (
                <label key={a} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" checked={on} disabled={on && board.aspects.length === 1} onChange={() => onChange(toggleAspect(board, a))} className="h-4 w-4 rounded border-slate-300" />
                  <span>
                    {ASPECT_LABELS[a]}
                    {on && board.aspects[0] === a && board.aspects.length > 1 ? <span className="text-slate-600 dark:text-slate-400"> · main</span> : null}
                  </span>
                </label>
              );
            })}
          </div>
          {extra.length ? <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">Your ticked platforms also add {extra.join(", ")}.</p> : null}
        </fieldset>
        <div className="space-y-1.5">
          <label htmlFor="storyboard-music" className="block text-sm font-medium text-slate-700 dark:text-slate-300">
            Music
          </label>
          <select
            id="storyboard-music"
            value={typeof board.music.bed === "string" ? board.music.bed : "__own__"}
            onChange={(e) => onChange({ ...board, music: { ...board.music, bed: e.target.value as (typeof MUSIC_BEDS)[number] } })}
            className={cx(inputClass, "text-sm")}
          >
            {typeof board.music.bed === "object" ? <option value="__own__">Your track</option> : null}
            {MUSIC_BEDS.map((b) => (
              <option key={b} value={b}>
                {BED_LABELS[b]}
              </option>
            ))}
          </select>
        </div>
      </div>
      {broll ? (
        <BrollEstimateNote
          board={board}
          count={broll}
          est={brollQuery.data}
          loading={brollQuery.isFetching}
          error={brollQuery.isError ? (brollQuery.error as Error).message : null}
        />
      ) : null}
      {uploadError ? (
        <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {uploadError}
        </p>
      ) : null}
      <p className="text-xs text-slate-600 dark:text-slate-400">Reorder with the arrows or Alt+↑ / Alt+↓. Each line is what the presenter says in that scene.</p>
      <ol className="space-y-3" aria-label="Scenes">
        {board.scenes.map((scene, i) => (
          <SceneCard
            key={scene.id}
            scene={scene}
            index={i}
            total={board.scenes.length}
            aspect={aspect}
            cards={cards}
            presenterImage={presenterImage}
            previews={previews}
            uploading={uploadingId === scene.id}
            onText={(text) => onChange(updateScene(board, scene.id, { text }))}
            onLayout={(layout) => onChange(updateScene(board, scene.id, { layout }))}
            onVisual={(choice) => void pick(scene.id, choice)}
            onMove={(to) => move(i, to)}
            broll={brollQuery.data}
            onBrollPrompt={(prompt) => onChange(withBroll(board, scene.id, prompt))}
            restoreLabel={before[scene.id] ? (before[scene.id].visual.type === "card" ? "the research card" : before[scene.id].visual.type === "upload" ? "your upload" : null) : null}
            onRestore={() => {
              const prev = before[scene.id];
              if (!prev) return;
              onChange(restoreVisual(board, scene.id, prev));
              setBefore(({ [scene.id]: _gone, ...rest }) => rest);
              setAnnounce(`Scene ${i + 1} shows its ${prev.visual.type === "card" ? "research card" : "upload"} again.`);
            }}
            onRemove={() => {
              onChange(removeScene(board, scene.id));
              setAnnounce(`Scene ${i + 1} removed.`);
            }}
          />
        ))}
      </ol>
    </section>
  );
}
