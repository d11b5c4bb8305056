import { AppError } from "@/lib/errors";
import { insightsForTrend, topicKey } from "./analyse";
import { DEFAULT_EXTRACTION_RULES, type ContentPath, type ExtractionRule } from "./extraction-rules";
import { collapse } from "./text";
import type { Analysis, Insight, ResearchItem, SourceId, TrendingTopic } from "./types";
import { writeShortScript, type ScriptLine, type TargetSeconds } from "./writer";
import { SOURCE_LABELS } from "./types";

/** Research analysis → presenter script, following an extraction rule. */

export interface ScriptCitation {
  title: string;
  url: string;
  source: SourceId;
}

export interface GeneratedScript {
  title: string;
  script: string;
  /** The numbered points only (what min/max length apply to). */
  content: string;
  topic: string;
  citations: ScriptCitation[];
  insightIds: string[];
  /** Short format: each spoken line with the items it came from (the editor shows them). */
  lines?: ScriptLine[];
}

export interface GenerateScriptOptions {
  /** Fills {topic}; default: the top trending topic. */
  topic?: string;
  /** Use exactly these insights (e.g. from pickUncoveredInsights) instead of the rule's content paths. */
  insights?: Insight[];
  /** Fills {date}; default: the analysis' generatedAt. */
  date?: Date;
  /** The run's items: with them, a "short" rule writes from the items themselves. */
  items?: ResearchItem[];
  targetSec?: TargetSeconds;
  voiceSpeed?: number;
  /** Items already covered by recent videos (a campaign never repeats a point). */
  excludeItemIds?: Iterable<string>;
}

/** Short format: the writer speaks about the items the chosen insights are built from. */
function shortScript(analysis: Analysis, rule: ExtractionRule, pool: Insight[], opts: GenerateScriptOptions & { items: ResearchItem[] }): GeneratedScript {
  const preferItemIds = [...new Set(pool.flatMap((i) => i.itemIds))];
  const topic = collapse(opts.topic ?? analysis.trending_topics[0]?.phrase ?? pool[0]?.topic ?? "what's new");
  let written;
  try {
    written = writeShortScript(opts.items, {
      topic,
      targetSec: opts.targetSec,
      voiceSpeed: opts.voiceSpeed,
      preferItemIds: opts.insights ? preferItemIds : undefined,
      excludeItemIds: opts.excludeItemIds,
    });
  } catch (err) {
    if (err instanceof RangeError) throw new AppError("bad_request", err.message);
    throw err;
  }
  const used = new Set(written.itemIds);
  // A workspace that wrote its own title template keeps it; the default gets the writer's title.
  const customTitle = rule.title_template !== DEFAULT_EXTRACTION_RULES[rule.source]?.title_template;
  const topicTitle = topic.replace(/(^|\s)(\p{Ll})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
  const date = (opts.date ?? new Date(analysis.generatedAt)).toISOString().slice(0, 10);
  return {
    title: (customTitle ? collapse(fill(rule.title_template, { topic: topicTitle, source: SOURCE_LABELS[rule.source], date })) : written.title).slice(0, 200),
    script: written.script,
    content: written.lines.filter((l) => l.role === "point").map((l) => l.text).join("\n\n"),
    topic,
    citations: written.citations,
    insightIds: pool.filter((i) => i.itemIds.some((id) => used.has(id))).map((i) => i.id),
    lines: written.lines,
  };
}

function fromPath(analysis: Analysis, path: ContentPath): Insight[] {
  switch (path) {
    case "analysis.actionable_recommendations":
      return analysis.actionable_recommendations;
    case "analysis.key_insights":
      return analysis.key_insights;
    case "analysis.trending_topics":
      return analysis.trending_topics;
  }
}

/** Sentence ends: . ! ? (optionally followed by a closing quote/bracket) then whitespace. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quotes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quotes++;
    if (c !== "." && c !== "!" && c !== "?") continue;
    let j = i + 1;
    while (j < text.length && /[.!?]/.test(text[j])) j++;
    while (j < text.length && /["'”’)\]]/.test(text[j])) {
      if (text[j] === '"') quotes++;
      j++;
    }
    // A boundary needs whitespace then a capital, digit or opening quote (or the end), and must
    // not be inside a quotation: "v2.0", "e.g. this" and '"Why?" she asked' are not boundaries.
    let k = j;
    while (k < text.length && /\s/.test(text[k])) k++;
    const startsNext = k === text.length || /[\p{Lu}\p{N}"“‘([]/u.test(text[k]);
    if ((j === text.length || (k > j && startsNext)) && quotes % 2 === 0) {
      const s = text.slice(start, j).trim();
      if (s) out.push(s);
      start = j;
    }
    i = j - 1;
  }
  const rest = text.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

function asSentence(text: string): string {
  const t = collapse(text).replace(/[\s,;:]+$/, "");
  return /[.!?]["'”’)\]]*$/.test(t) ? t : `${t}.`;
}

function dedent(s: string): string {
  const lines = s.replace(/\r\n?/g, "\n").split("\n");
  const indents = lines.filter((l) => l.trim()).map((l) => l.match(/^[ \t]*/)![0].length);
  const min = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => l.slice(min).trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function fill(template: string, values: Record<string, string>): string {
  // One pass, so text inside a value ("{topic}" in a title) is never substituted again.
  return template.replace(/\{(content|topic|source|date)\}/g, (m, k: string) => values[k] ?? m);
}

export function formatPoints(points: string[]): string {
  return points.map((p, i) => `${i + 1}. ${asSentence(p)}`).join("\n\n");
}

/**
 * Builds the script. Points are numbered ("1. …\n\n2. …"), whole points are dropped from the
 * end to respect `max_content_length`, and a single point too long on its own is cut at a
 * sentence boundary, never mid-sentence. Below `min_content_length` it refuses.
 */
export function generateScript(analysis: Analysis, rule: ExtractionRule, opts: GenerateScriptOptions = {}): GeneratedScript {
  const maxPoints = rule.max_points ?? 5;
  const pool = opts.insights ?? rule.content_paths.flatMap((p) => fromPath(analysis, p));
  if (opts.items?.length && (rule.format ?? "short") === "short") return shortScript(analysis, rule, pool, { ...opts, items: opts.items });
  const seen = new Set<string>();
  const candidates: Insight[] = [];
  for (const ins of pool) {
    // From the rule's paths: one point per topic. Explicit insights (a trend, a campaign pick)
    // may hold several points on one topic; only exact repeats (same topic, same lead) go.
    const key = opts.insights ? `${topicKey(ins)}|${ins.itemIds[0] ?? ins.id}` : topicKey(ins);
    if (seen.has(key) || !ins.text.trim()) continue;
    seen.add(key);
    candidates.push(ins);
  }

  const chosen: Array<{ insight: Insight; text: string }> = [];
  const lengthWith = (texts: string[]) => formatPoints(texts).length;
  for (const ins of candidates) {
    if (chosen.length >= maxPoints) break;
    const texts = chosen.map((c) => c.text);
    const full = asSentence(ins.text);
    if (lengthWith([...texts, full]) <= rule.max_content_length) {
      chosen.push({ insight: ins, text: full });
      continue;
    }
    // Too long: keep as many whole leading sentences of this point as fit, then stop.
    const sentences = splitSentences(full);
    let partial = "";
    for (const s of sentences) {
      const next = partial ? `${partial} ${s}` : s;
      if (lengthWith([...texts, next]) > rule.max_content_length) break;
      partial = next;
    }
    if (partial) chosen.push({ insight: ins, text: partial });
    break;
  }

  const content = formatPoints(chosen.map((c) => c.text));
  const sourceName = SOURCE_LABELS[rule.source];
  if (content.length < rule.min_content_length) {
    throw new AppError(
      "bad_request",
      `Not enough research content for a ${sourceName} script: ${content.length} characters, the rule needs at least ` +
        `${rule.min_content_length}. Widen the filters, add sources, or lower the rule's minimum length.`,
      { source: rule.source, contentLength: content.length, minContentLength: rule.min_content_length },
    );
  }

  const topic = collapse(
    opts.topic ?? analysis.trending_topics[0]?.phrase ?? chosen[0]?.insight.topic ?? "Latest Trends",
  );
  const topicTitle = topic.replace(/(^|\s)(\p{Ll})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
  const date = (opts.date ?? new Date(analysis.generatedAt)).toISOString().slice(0, 10);
  const values = { content, topic, source: sourceName, date };

  const citations: ScriptCitation[] = [];
  const urls = new Set<string>();
  for (const { insight } of chosen) {
    for (const c of insight.citations) {
      if (!c.url || urls.has(c.url)) continue;
      urls.add(c.url);
      citations.push({ title: c.title, url: c.url, source: c.source });
    }
  }

  return {
    title: collapse(fill(rule.title_template, { ...values, topic: topicTitle })).slice(0, 200),
    script: fill(dedent(rule.script_template), values),
    content,
    topic,
    citations,
    insightIds: chosen.map((c) => c.insight.id),
  };
}

/** One script for a trend (trend scan: top 3 trends → one script each). */
export function scriptForTrend(analysis: Analysis, trend: TrendingTopic, rule: ExtractionRule, opts: Omit<GenerateScriptOptions, "topic" | "insights"> = {}): GeneratedScript {
  return generateScript(analysis, rule, { ...opts, topic: trend.phrase, insights: insightsForTrend(analysis, trend) });
}

/** Items a generated script speaks about (short format); empty for the list format. */
export function scriptItemIds(s: GeneratedScript): string[] {
  return (s.lines ?? []).flatMap((l) => l.sources.map((x) => x.itemId));
}
