/**
 * The short-video script writer: research items → hook, three points, takeaway, call to action.
 *
 * Why a writer and not the insight texts: insights describe the analysis ("4 of 13 items on
 * Manual input mention it"), which is true but reads like a database. A short that people
 * watch speaks about the things themselves: the post's own title, its upvotes, the repository's
 * stars, a quote from the article. Every sentence here is built from one item's own fields, and
 * every line remembers which items it came from, so the editor can show the source of each
 * sentence and the composer can put "Source: …" on screen while it is spoken.
 *
 * Deterministic: the same items, topic and options give the same script (the hook style is
 * picked from a hash of the topic when not given). No I/O; an LLM may polish the result later.
 */
import { estimateSpeechSeconds } from "@/lib/providers/types";
import { collapse } from "./text";
import type { ResearchItem, SourceId } from "./types";

export const HOOK_STYLES = ["question", "number", "bold", "story"] as const;
export type HookStyle = (typeof HOOK_STYLES)[number];
export const TARGET_SECONDS = [15, 30, 60] as const;
export type TargetSeconds = (typeof TARGET_SECONDS)[number];

export type LineRole = "hook" | "point" | "takeaway" | "cta";

export interface LineSource {
  itemId: string;
  title: string;
  url: string | null;
  source: SourceId;
  /** What to show on screen: "r/productivity", "Hacker News", "github.com/owner/repo", a site name. */
  label: string;
}

export interface ScriptLine {
  role: LineRole;
  text: string;
  /** Items the sentence is built from (empty for the call to action). */
  sources: LineSource[];
}

export interface WrittenScript {
  title: string;
  lines: ScriptLine[];
  /** The lines joined as the presenter reads them (one paragraph per line). */
  script: string;
  hookStyle: HookStyle;
  targetSec: number;
  /** Speech length of `script` at the voice speed (same model as the estimate). */
  estimatedSec: number;
  citations: Array<{ title: string; url: string; source: SourceId }>;
  itemIds: string[];
}

export interface WriteOptions {
  topic?: string;
  targetSec?: TargetSeconds;
  /** 0.5–2.0; the script is sized so it takes about `targetSec` at this speed. */
  voiceSpeed?: number;
  hookStyle?: HookStyle;
  /** Prefer these items (in this order) before the ranked rest, e.g. an insight's items. */
  preferItemIds?: string[];
  /** Items whose ids appear here are skipped (already covered by a recent video). */
  excludeItemIds?: Iterable<string>;
}


const fmt = (n: number): string => {
  if (n >= 1_000_000) return `${trimZero((n / 1_000_000).toFixed(1))} million`;
  if (n >= 10_000) return `${Math.round(n / 1000)} thousand`;
  return n.toLocaleString("en-US");
};
const trimZero = (s: string) => s.replace(/\.0$/, "");

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const wordCount = (s: string) => s.trim().split(/\s+/).filter(Boolean).length;

/** Sentence-cased, no trailing punctuation clutter, ending with a full stop when it has none. */
function sentence(text: string): string {
  const t = collapse(text).replace(/[\s,;:–-]+$/, "");
  const c = t.charAt(0).toUpperCase() + t.slice(1);
  return /[.!?]["'”’)\]]*$/.test(c) ? c : `${c}.`;
}

/** A title as spoken inside a sentence: quoted, no trailing full stop, at most ~14 words. */
function spokenTitle(title: string, maxWords = 24): string {
  let t = collapse(title).replace(/[.!]+$/, "");
  const words = t.split(/\s+/);
  if (words.length > maxWords) t = `${words.slice(0, maxWords).join(" ")}…`;
  return `“${t}”`;
}

function firstSentence(summary: string | null, maxWords: number): string | null {
  if (!summary) return null;
  const m = collapse(summary).match(/^.{12,}?[.!?](?=\s|$)/);
  const s = (m?.[0] ?? collapse(summary)).trim();
  if (wordCount(s) > maxWords || wordCount(s) < 4) return null;
  return s;
}

/** "example.com" from a link (no www.), or null when there is none or it does not parse. */
export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, "");
  } catch {
    return null;
  }
}

function tagValue(item: ResearchItem, prefix: string): string | null {
  const t = item.tags.find((x) => x.startsWith(prefix));
  return t ? t.slice(prefix.length) : null;
}

/** The on-screen label of an item's source. Never "Manual input". */
export function sourceLabel(item: ResearchItem): string {
  switch (item.source) {
    case "reddit":
      return item.tags.find((t) => t.startsWith("r/")) ?? "Reddit";
    case "hackernews":
      return "Hacker News";
    case "github": {
      const path = item.url ? hostOf(item.url) === "github.com" && new URL(item.url).pathname.slice(1) : null;
      return path ? `github.com/${path}` : "GitHub";
    }
    case "google_trends":
      return "Google Trends";
    case "rss":
      return hostOf(item.url) ?? "the news";
    case "manual":
      return hostOf(item.url) ?? "your notes";
  }
}

function toSource(item: ResearchItem): LineSource {
  return { itemId: item.id, title: item.title, url: item.url, source: item.source, label: sourceLabel(item) };
}

/**
 * One spoken point about one item, from its own title, numbers and words. `detail` adds the
 * item's first summary sentence when there is room (longer targets).
 */
export function pointFor(item: ResearchItem, detail: boolean, titleWords = 14): string {
  const title = spokenTitle(item.title);
  const score = item.score ?? 0;
  // Short versions say one figure per point: the one people recognise (upvotes, points, stars).
  const comments = titleWords > 10 ? (item.comments ?? 0) : 0;
  const quote = detail ? firstSentence(item.summary, 24) : null;
  const tail = quote ? ` ${sentence(quote)}` : "";
  switch (item.source) {
    case "reddit": {
      const sub = item.tags.find((t) => t.startsWith("r/")) ?? "Reddit";
      const numbers = score > 0 ? (comments > 0 ? `${fmt(score)} upvotes and ${fmt(comments)} comments` : `${fmt(score)} upvotes`) : null;
      return numbers ? `On ${sub}, ${title} pulled ${numbers}.${tail}` : `On ${sub}, people are asking: ${title}.${tail}`;
    }
    case "hackernews":
      return score > 0
        ? `On Hacker News, ${title} hit ${fmt(score)} points${comments > 0 ? ` and ${fmt(comments)} comments` : ""}.${tail}`
        : `Hacker News is reading ${title}.${tail}`;
    case "github": {
      const name = item.url && hostOf(item.url) === "github.com" ? new URL(item.url).pathname.slice(1).split("/").pop() : item.title;
      const lang = tagValue(item, "lang:");
      const what = detail ? firstSentence(item.summary, 22) : null;
      const stars = score > 0 ? ` already has ${fmt(score)} stars` : " is picking up stars";
      return `The ${lang ? `${LANGUAGE_NAMES[lang] ?? capital(lang)} ` : ""}project ${name}${stars} on GitHub${what ? `: ${what.charAt(0).toLowerCase()}${what.slice(1).replace(/[.!?]$/, "")}.` : "."}`;
    }
    case "google_trends":
      return score > 0
        ? `Searches for ${spokenTitle(item.title, 8)} passed ${fmt(score)} today.${tail}`
        : `Searches for ${spokenTitle(item.title, 8)} are climbing fast.${tail}`;
    case "rss": {
      const site = hostOf(item.url);
      return `${site ? capital(site) : "One outlet"} reports ${title}.${tail}`;
    }
    case "manual":
      return `${sentence(item.title)}${quote && quote !== item.title ? ` ${sentence(quote)}` : ""}`;
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** GitHub's `lang:` tags are lower-case; say them as their communities write them. */
const LANGUAGE_NAMES: Record<string, string> = {
  typescript: "TypeScript", javascript: "JavaScript", python: "Python", go: "Go", rust: "Rust", "c++": "C++", "c#": "C#",
  java: "Java", kotlin: "Kotlin", swift: "Swift", php: "PHP", ruby: "Ruby", html: "HTML", css: "CSS", shell: "Shell",
};

function hookFor(style: HookStyle, topic: string, points: number): string {
  const t = topic;
  switch (style) {
    case "question":
      return `Why is everyone suddenly talking about ${t}?`;
    case "number":
      return points === 1
        ? `One thing about ${t} you should know this week.`
        : `${["Two", "Three", "Four", "Five"][Math.min(3, Math.max(0, points - 2))]} things about ${t} you should know this week.`;
    case "bold":
      return `${capital(t)} is having a moment, and here is the proof.`;
    case "story":
      return `Here is what people are really saying about ${t} this week.`;
  }
}

function takeawayFor(chosen: ResearchItem[]): string {
  const sources = new Set(chosen.map((i) => i.source));
  const where =
    sources.size > 1 ? "from forums to code to the news" : chosen[0]?.source === "github" ? "in the code people ship" : "in what people share";
  return `The takeaway: this is real, and it shows up ${where}.`;
}

const CTAS = [
  (t: string) => `Which one surprised you? Follow for more on ${t}.`,
  (t: string) => `Follow for a short on ${t} every week.`,
  (t: string) => `Save this, and follow for more on ${t}.`,
];

/** Highest first: items with numbers, then recency; stickied/empty titles never. */
function rank(items: ResearchItem[]): ResearchItem[] {
  const bySourceMax = new Map<SourceId, number>();
  for (const i of items) bySourceMax.set(i.source, Math.max(bySourceMax.get(i.source) ?? 0, i.score ?? 0));
  const norm = (i: ResearchItem) => ((i.score ?? 0) / Math.max(1, bySourceMax.get(i.source) ?? 1)) + (i.comments ? 0.1 : 0);
  return [...items].filter((i) => collapse(i.title).length > 3).sort((a, b) => norm(b) - norm(a) || a.id.localeCompare(b.id));
}

/**
 * Picks up to `n` items, preferring variety of sources (one of each before a second of any) and
 * never two items with the same title.
 */
function pick(ranked: ResearchItem[], n: number): ResearchItem[] {
  const out: ResearchItem[] = [];
  const titles = new Set<string>();
  const take = (i: ResearchItem) => {
    const k = collapse(i.title).toLowerCase();
    if (titles.has(k) || out.includes(i)) return;
    titles.add(k);
    out.push(i);
  };
  const sources = [...new Set(ranked.map((i) => i.source))];
  for (const s of sources) {
    if (out.length >= n) break;
    const first = ranked.find((i) => i.source === s);
    if (first) take(first);
  }
  for (const i of ranked) {
    if (out.length >= n) break;
    take(i);
  }
  // Keep the ranked order so the strongest point comes first.
  return ranked.filter((i) => out.includes(i));
}

/** Writes a short script sized to `targetSec`; throws RangeError when there is nothing to say. */
export function writeShortScript(items: ResearchItem[], opts: WriteOptions = {}): WrittenScript {
  const target = opts.targetSec ?? 30;
  const speed = Math.min(2, Math.max(0.5, opts.voiceSpeed ?? 1));
  // Sized with the same speech model as the estimate and the budget reservation, a little over
  // the target allowed (a 30 s short that runs 34 s is fine; 45 s is not).
  const budgetSec = Math.round(target * 1.15);
  const excluded = new Set(opts.excludeItemIds ?? []);
  const usable = items.filter((i) => !excluded.has(i.id));
  const preferred = (opts.preferItemIds ?? []).map((id) => usable.find((i) => i.id === id)).filter((i): i is ResearchItem => !!i);
  const ranked = [...preferred, ...rank(usable).filter((i) => !preferred.includes(i))];
  if (!ranked.length) throw new RangeError("There is no research content to write about; run the research again or add sources.");

  const nPoints = target <= 15 ? 2 : target <= 30 ? 3 : 5;
  const chosen = preferred.length ? ranked.slice(0, nPoints) : pick(ranked, nPoints);
  const topic = collapse(opts.topic ?? chosen[0].title).replace(/[.!?]+$/, "");
  const style = opts.hookStyle ?? HOOK_STYLES[hash(topic) % HOOK_STYLES.length];

  const build = (detail: boolean, withTakeaway: boolean, titleWords: number): ScriptLine[] => [
    { role: "hook", text: hookFor(style, topic, chosen.length), sources: [] },
    ...chosen.map((i, n) => ({
      role: "point" as const,
      text: (n === 0 ? "First: " : n === chosen.length - 1 ? "And finally: " : "Next: ") + pointFor(i, detail, titleWords),
      sources: [toSource(i)],
    })),
    ...(withTakeaway ? [{ role: "takeaway" as const, text: takeawayFor(chosen), sources: chosen.map(toSource) }] : []),
    { role: "cta", text: CTAS[hash(topic + style) % CTAS.length](topic), sources: [] },
  ];
  const secs = (ls: ScriptLine[]) => estimateSpeechSeconds(ls.map((l) => l.text).join("\n\n"), speed);
  // The richest version that fits: detail sentences go first, then second figures (comments),
  // then the takeaway; only then whole points from the end (keeping at least one). Titles are
  // never cut: half a title read aloud sounds broken.
  const candidates = [
    build(true, true, 14),
    build(false, true, 14),
    build(false, true, 10),
    build(false, false, 10),
  ];
  let lines = relabel(candidates.find((ls) => secs(ls) <= budgetSec) ?? candidates[candidates.length - 1], style, topic);
  while (secs(lines) > budgetSec && lines.filter((l) => l.role === "point").length > 1) {
    const lastPoint = lines.map((l) => l.role).lastIndexOf("point");
    lines = relabel(
      lines.filter((_, i) => i !== lastPoint),
      style,
      topic,
    );
  }

  const script = lines.map((l) => l.text).join("\n\n");
  const used = lines.flatMap((l) => l.sources);
  const citations: WrittenScript["citations"] = [];
  const seen = new Set<string>();
  for (const s of used) {
    if (!s.url || seen.has(s.url)) continue;
    seen.add(s.url);
    citations.push({ title: s.title, url: s.url, source: s.source });
  }
  const estimatedSec = estimateSpeechSeconds(script, speed);
  return {
    title: titleFor(style, topic),
    lines,
    script,
    hookStyle: style,
    targetSec: target,
    estimatedSec,
    citations,
    itemIds: [...new Set(used.map((s) => s.itemId))],
  };
}

const POINT_PREFIX = /^(First|Next|And finally): /;

/**
 * Makes the words agree with the points actually spoken (after trimming to the budget): the
 * hook counts them ("One thing about…", never "One things"), a single point has no "First:",
 * the last one is "And finally", and one point is not asked "Which one surprised you?".
 */
function relabel(lines: ScriptLine[], style: HookStyle, topic: string): ScriptLine[] {
  const n = lines.filter((l) => l.role === "point").length;
  let k = 0;
  return lines.map((l) => {
    if (l.role === "hook") return { ...l, text: hookFor(style, topic, n) };
    if (l.role === "point") {
      const i = k++;
      const prefix = n === 1 ? "" : i === 0 ? "First: " : i === n - 1 ? "And finally: " : "Next: ";
      const body = l.text.replace(POINT_PREFIX, "");
      return { ...l, text: prefix + (n === 1 ? capital(body) : body) };
    }
    if (l.role === "cta" && n === 1) return { ...l, text: l.text.replace(/^Which one surprised you\?/, "Did that surprise you?") };
    return l;
  });
}

function titleFor(style: HookStyle, topic: string): string {
  const t = capital(topic).slice(0, 120);
  switch (style) {
    case "question":
      return `Why everyone is talking about ${t}`;
    case "number":
      return `${t}: what you should know this week`;
    case "bold":
      return `${t} is having a moment`;
    case "story":
      return `${t}, in under a minute`;
  }
}
