/**
 * Pure edits of a storyboard, shared by the create and research editors. Each returns a new
 * board (React state) and keeps it valid for storyboardSchema: ids stay unique, at least one
 * aspect stays ticked, a scene with no visual falls back to the presenter layout.
 */
import { type ComposeAspect, type Scene, type SceneLayout, type SceneVisual, type Storyboard } from "@/lib/compose/types";

/** A research card the editor may put on a scene (what POST /storyboards/plan lists as `cards`). */
export interface CardChoice {
  itemId: string;
  label: string;
  title: string;
  visual: Extract<SceneVisual, { type: "card" }>;
  citation: Scene["citation"];
}

export const LAYOUT_LABELS: Record<SceneLayout, string> = {
  presenter: "Presenter only",
  split: "Presenter + visual",
  visual: "Visual full, presenter in corner",
};

export const ASPECT_LABELS: Record<ComposeAspect, string> = {
  "9:16": "9:16 vertical (TikTok, Reels, Shorts)",
  "16:9": "16:9 landscape (YouTube)",
  "1:1": "1:1 square (feed)",
  "4:5": "4:5 portrait (Instagram feed)",
};

/** Moves scene `from` to index `to` (clamped); the same board when nothing moves. */
export function moveScene(board: Storyboard, from: number, to: number): Storyboard {
  const target = Math.max(0, Math.min(board.scenes.length - 1, to));
  if (from === target || from < 0 || from >= board.scenes.length) return board;
  const scenes = [...board.scenes];
  const [s] = scenes.splice(from, 1);
  scenes.splice(target, 0, s);
  return { ...board, scenes };
}

export function updateScene(board: Storyboard, id: string, patch: Partial<Omit<Scene, "id">>): Storyboard {
  return { ...board, scenes: board.scenes.map((s) => (s.id === id ? normalise({ ...s, ...patch }) : s)) };
}

/** A visual without a picture cannot fill a layout that shows one; one with a picture needs room. */
function normalise(s: Scene): Scene {
  if (s.visual.type === "none" && s.layout !== "presenter") return { ...s, layout: "presenter" };
  if (s.visual.type !== "none" && s.layout === "presenter") return { ...s, layout: "split" };
  return s;
}

/** Swap in a research card: the card's citation comes with it. */
export function withCard(board: Storyboard, id: string, card: CardChoice): Storyboard {
  return updateScene(board, id, { visual: card.visual, citation: card.citation });
}

/** Swap in an upload or nothing: a citation only belongs to a research card. */
export function withOwnVisual(board: Storyboard, id: string, visual: Extract<SceneVisual, { type: "upload" | "none" }>): Storyboard {
  return updateScene(board, id, { visual, citation: null });
}

/** Longest B-roll prompt a scene takes (storyboardSchema). */
export const MAX_BROLL_PROMPT = 500;

/** Swap in AI B-roll made from `prompt`; a citation belongs to a research card, so it goes. */
export function withBroll(board: Storyboard, id: string, prompt: string): Storyboard {
  return updateScene(board, id, { visual: { type: "broll", prompt: prompt.slice(0, MAX_BROLL_PROMPT) }, citation: null });
}

/** What a scene showed before it became B-roll, so switching back restores it (card and citation). */
export type Restorable = Pick<Scene, "visual" | "citation" | "layout">;

export function restoreVisual(board: Storyboard, id: string, prev: Restorable): Storyboard {
  return updateScene(board, id, prev);
}

/**
 * The board the B-roll estimate is asked about: only what changes the price (its B-roll scenes
 * with a prompt, the first aspect), so typing a line does not refetch, and never an invalid
 * board while a line or a prompt is being rewritten (the API would answer 400). A probe scene
 * stands in when there is no B-roll yet: the answer still says whether B-roll is available.
 */
export function brollEstimateBoard(board: Storyboard): Storyboard {
  const scenes = board.scenes.flatMap((s) => (s.visual.type === "broll" && s.visual.prompt.trim() ? [{ ...s, text: "·", citation: null, visual: { ...s.visual, prompt: s.visual.prompt.trim() } }] : []));
  const probe: Scene = { id: "probe", text: "·", layout: "presenter", visual: { type: "none" }, citation: null };
  return { version: 1, scenes: scenes.length ? scenes : [probe], music: { bed: "none", volumeDb: -20 }, aspects: [board.aspects[0]] };
}

export function removeScene(board: Storyboard, id: string): Storyboard {
  if (board.scenes.length <= 1) return board;
  return { ...board, scenes: board.scenes.filter((s) => s.id !== id) };
}

/** Ticks or unticks an aspect; never the last one. The first stays first: it is the main file. */
export function toggleAspect(board: Storyboard, aspect: ComposeAspect): Storyboard {
  const on = board.aspects.includes(aspect);
  if (on && board.aspects.length === 1) return board;
  return { ...board, aspects: on ? board.aspects.filter((a) => a !== aspect) : [...board.aspects, aspect] };
}

/** The key a card choice is listed under (two items may draw the same card). */
export const cardKey = (c: CardChoice) => c.itemId;

/** Which listed card a scene shows, if any (by its citation and drawn fields). */
export function cardOf(scene: Scene, cards: CardChoice[]): CardChoice | undefined {
  if (scene.visual.type !== "card") return undefined;
  const drawn = JSON.stringify(scene.visual.card);
  return cards.find((c) => JSON.stringify(c.visual.card) === drawn);
}
