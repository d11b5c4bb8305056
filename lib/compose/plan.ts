/**
 * Script → storyboard: one scene per script line, with a layout and a visual chosen from the
 * line's role and its source item, so a research short cuts between the presenter and what it
 * talks about instead of one talking head over a gradient.
 *
 *   hook      → presenter full frame (a face first: people stay for a person)
 *   point     → the source item's research card, alternating split / full visual
 *   takeaway  → a big-number card (the largest figure of its sources) or a pull quote
 *   cta       → presenter full frame
 *
 * Deterministic and pure (no I/O): the same script and items give the same storyboard, so the
 * editor's preview and the render agree.
 */
import { PLATFORM_PRESETS, type PlatformPresetId } from "@/lib/render/platform";
import { hostOf, sourceLabel, type LineSource, type ScriptLine, type WrittenScript } from "@/lib/research/writer";
import type { ResearchItem } from "@/lib/research/types";
import { brollPrompt } from "./broll/prompt";
import { COMPOSE_ASPECTS, type ComposeAspect, type Scene, type SceneVisual, type Storyboard } from "./types";

export interface PlanOptions {
  /** Ticked platforms; their aspects become the renditions (default 9:16). */
  platforms?: readonly string[];
  /** Explicit aspects win over platforms (first = main file). */
  aspects?: readonly ComposeAspect[];
  music?: Storyboard["music"];
  /**
   * Propose AI B-roll (issue 14) for up to MAX_PROPOSED_BROLL scenes with no strong research
   * visual. Callers set it when the workspace has AI B-roll on and a clip provider to make it;
   * off by default, so a board never asks for paid clips the user did not switch on.
   */
  broll?: boolean;
}

/** Quiet enough to sit under speech, loud enough to hear in the pauses. */
export const DEFAULT_MUSIC: Storyboard["music"] = { bed: "calm", volumeDb: -20 };

/**
 * THE music a storyboard plays (the planner and video create both call this): the board's own
 * choice, else its template's bed and volume (a template with no bed set has no say), else the
 * default calm bed at −20 dB.
 */
export function musicFor(
  chosen: Storyboard["music"] | null | undefined,
  template?: { musicBed: Storyboard["music"]["bed"] | null; musicVolumeDb: number } | null,
): Storyboard["music"] {
  if (chosen) return chosen;
  if (template && template.musicBed !== null) return { bed: template.musicBed, volumeDb: template.musicVolumeDb };
  return DEFAULT_MUSIC;
}

type CardSpec = Extract<SceneVisual, { type: "card" }>["card"];

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1).trimEnd()}…`);

/** Compact figure for a card: 15400 → "15.4K", 200000 → "200K", 1250000 → "1.3M". */
export function compactNumber(n: number): string {
  const f = (x: number) => x.toFixed(1).replace(/\.0$/, "");
  if (n >= 1_000_000) return `${f(n / 1_000_000)}M`;
  if (n >= 10_000) return `${Math.round(n / 1000)}K`;
  if (n >= 1000) return `${f(n / 1000)}K`;
  return String(Math.round(n));
}

const tagValue = (item: ResearchItem, prefix: string) => item.tags.find((t) => t.startsWith(prefix))?.slice(prefix.length) ?? null;


/** The research card of one item, from its own fields only. */
export function cardForItem(item: ResearchItem, label: string): CardSpec {
  switch (item.source) {
    case "reddit":
      return { kind: "reddit", subreddit: clip(label, 80), title: clip(item.title, 300), score: item.score, comments: item.comments };
    case "hackernews":
      return { kind: "hackernews", title: clip(item.title, 300), points: item.score, comments: item.comments };
    case "github": {
      const repo = label.startsWith("github.com/") ? label.slice("github.com/".length) : item.title;
      return { kind: "github", repo: clip(repo, 140), description: clip(item.summary ?? "", 300), stars: item.score, language: tagValue(item, "lang:") };
    }
    case "google_trends": {
      // The connector keeps a recent series in raw when it has one; otherwise a rising shape
      // ending at the item's own figure (clearly a trend, never invented precision on screen).
      const raw = item.raw as { timeline?: Array<{ value?: number; label?: string }> } | null;
      const series = Array.isArray(raw?.timeline) ? raw!.timeline!.filter((p) => typeof p.value === "number").slice(-12) : [];
      const counts = series.length >= 3 ? series.map((p) => Math.max(0, p.value!)) : [22, 30, 28, 41, 55, 63, 80, 100];
      const labels = series.length >= 3 ? series.map((p) => clip(String(p.label ?? ""), 20)) : counts.map(() => "");
      return { kind: "trend", term: clip(item.title, 120), counts, labels };
    }
    case "rss":
      return { kind: "headline", site: clip(hostOf(item.url) ?? label, 120), title: clip(item.title, 300) };
    case "manual":
      return { kind: "quote", text: clip(item.summary ?? item.title, 280), attribution: clip(label, 120) };
  }
}

const UNIT: Record<string, string> = { reddit: "upvotes", hackernews: "points", github: "stars", google_trends: "searches" };

/** The takeaway's card: the biggest figure among its sources, else a pull quote of the line. */
function takeawayCard(line: ScriptLine, byId: Map<string, ResearchItem>): { card: CardSpec; from: LineSource | null } {
  let best: { n: number; src: LineSource; item: ResearchItem } | null = null;
  for (const src of line.sources) {
    const item = byId.get(src.itemId);
    if (!item || item.score === null || !UNIT[item.source]) continue;
    if (!best || item.score > best.n) best = { n: item.score, src, item };
  }
  if (best) {
    return { card: { kind: "number", value: compactNumber(best.n), caption: clip(`${UNIT[best.item.source]} · ${best.src.label}`, 140) }, from: best.src };
  }
  const text = line.text.replace(/^the takeaway:\s*/i, "");
  return { card: { kind: "quote", text: clip(text.charAt(0).toUpperCase() + text.slice(1), 280), attribution: clip(line.sources[0]?.label ?? "", 120) }, from: line.sources[0] ?? null };
}

function aspectsFor(opts: PlanOptions): ComposeAspect[] {
  if (opts.aspects?.length) return [...new Set(opts.aspects)];
  const out: ComposeAspect[] = [];
  for (const id of opts.platforms ?? []) {
    const a = PLATFORM_PRESETS[id as PlatformPresetId]?.aspect;
    if (a && (COMPOSE_ASPECTS as readonly string[]).includes(a) && !out.includes(a)) out.push(a);
  }
  return out.length ? out : ["9:16"];
}

const citationOf = (s: LineSource | null | undefined): Scene["citation"] => (s ? { label: clip(s.label, 120), url: s.url && s.url.length <= 2000 ? s.url : null } : null);

/**
 * Plans a storyboard from a written script (lines with roles and sources) or a bare script
 * (paragraphs; a paragraph whose text quotes an item's title is matched to that item).
 */
export function planStoryboard(written: WrittenScript | { script: string }, items: ResearchItem[], opts: PlanOptions = {}): Storyboard {
  const byId = new Map(items.map((i) => [i.id, i]));
  const lines: ScriptLine[] = "lines" in written ? written.lines : linesFromScript(written.script, items);
  if (!lines.length) throw new RangeError("The script is empty: write at least one line before planning scenes.");
  let pointN = 0;
  const scenes: Scene[] = lines.slice(0, 24).map((line, i) => {
    const id = `s${i + 1}`;
    const text = clip(line.text.trim(), 1200);
    const src = line.sources[0];
    const item = src ? byId.get(src.itemId) : undefined;
    if (line.role === "takeaway" && line.sources.length) {
      const { card, from } = takeawayCard(line, byId);
      return { id, text, layout: "visual", visual: { type: "card", card }, citation: citationOf(from) };
    }
    if ((line.role === "point" || line.role === "takeaway") && item && src) {
      // Alternate so consecutive points do not look alike: split, full visual, split, …
      const layout = pointN++ % 2 === 0 ? "split" : "visual";
      return { id, text, layout, visual: { type: "card", card: cardForItem(item, src.label) }, citation: citationOf(src) };
    }
    return { id, text, layout: "presenter", visual: { type: "none" }, citation: null };
  });
  const board: Storyboard = { version: 1, scenes, music: musicFor(opts.music), aspects: aspectsFor(opts) };
  return opts.broll ? proposeBroll(board) : board;
}

/** A bare script's paragraphs as lines: first = hook, last = call to action, the rest points. */
function linesFromScript(script: string, items: ResearchItem[]): ScriptLine[] {
  const paras = script.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean);
  return paras.map((text, i) => {
    const role: ScriptLine["role"] = i === 0 && paras.length > 1 ? "hook" : i === paras.length - 1 && paras.length > 2 ? "cta" : "point";
    const lower = text.toLowerCase();
    const item = role === "point" ? items.find((it) => it.title.length >= 6 && lower.includes(it.title.toLowerCase())) : undefined;
    const sources: LineSource[] = item ? [{ itemId: item.id, title: item.title, url: item.url, source: item.source, label: sourceLabel(item) }] : [];
    return { role, text, sources };
  });
}

/** At most this many proposed clips: B-roll costs money per clip, and the user adds more by hand. */
export const MAX_PROPOSED_BROLL = 2;

export { brollPrompt };

/**
 * Turns up to MAX_PROPOSED_BROLL weak-visual scenes into AI B-roll: first the hook (a presenter
 * scene at the start), then points and takeaways whose visual is nothing or only a pull quote.
 * The call to action (the last scene) keeps the presenter: it asks the viewer for something.
 * Works on a finished board (no roles needed), so the plan route can apply it to any plan.
 * A scene that already has a card with figures, an upload or B-roll is never touched.
 */
export function proposeBroll(board: Storyboard, max = MAX_PROPOSED_BROLL): Storyboard {
  const last = board.scenes.length - 1;
  let left = max - board.scenes.filter((s) => s.visual.type === "broll").length;
  const before = left;
  const scenes = board.scenes.map((s, i): Scene => {
    if (left <= 0 || (i === last && last > 0)) return s;
    const weak = s.visual.type === "none" || (s.visual.type === "card" && s.visual.card.kind === "quote");
    const prompt = weak ? brollPrompt(s.text, i === 0 ? "hook" : "point") : null;
    if (!prompt) return s;
    left--;
    // The hook keeps the face beside the clip (people stay for a person); points show it full.
    // A citation belongs to a research card, so it goes with the card (as in the editor).
    return { ...s, layout: i === 0 ? "split" : "visual", visual: { type: "broll", prompt }, citation: null };
  });
  return left === before ? board : { ...board, scenes };
}
