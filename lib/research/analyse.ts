import { z } from "zod";
import { logger } from "@/lib/logger";
import { collapse, isGenericAlone, plural, stableHash, stem, tokenize, truncate } from "./text";
import type {
  Analysis,
  AnalysisSummary,
  Citation,
  FetchLike,
  Insight,
  InsightKind,
  ResearchItem,
  SourceId,
  TrendingTopic,
} from "./types";

/**
 * Where things were found, as a person says it: " on Hacker News", " in your notes",
 * " across Reddit, GitHub and news feeds" — never the source ids' UI labels ("Manual input").
 */
const HUMAN_SOURCE: Record<SourceId, { name: string; prep: "on" | "in" }> = {
  reddit: { name: "Reddit", prep: "on" },
  hackernews: { name: "Hacker News", prep: "on" },
  github: { name: "GitHub", prep: "on" },
  google_trends: { name: "Google Trends", prep: "in" },
  rss: { name: "news feeds", prep: "in" },
  manual: { name: "your notes", prep: "in" },
};
export function whereFound(sources: readonly SourceId[]): string {
  if (sources.length === 1) return ` ${HUMAN_SOURCE[sources[0]].prep} ${HUMAN_SOURCE[sources[0]].name}`;
  return ` across ${listJoin(sources.map((x) => HUMAN_SOURCE[x].name))}`;
}

/**
 * Deterministic analysis: the same items (in any order) and `now` give the same Analysis.
 * Scores are normalised per source (percentile within the run) before anything is mixed, since
 * upvotes, points, stars and search traffic are not comparable.
 */

export interface AnalyseOptions {
  now: Date;
  language?: string;
  maxTopics?: number;
  maxInsights?: number;
  maxRecommendations?: number;
}

interface Weighted {
  item: ResearchItem;
  /** Percentile of the score within its source, 0..1 (0.5 when the source has no scores). */
  pct: number;
  /** 1..2 */
  weight: number;
}

interface TermStat {
  key: string;
  n: number; // 1 = unigram, 2 = bigram
  items: Map<string, number>; // itemId → contribution
  surfaces: Map<string, number>;
}

const NOUN: Record<SourceId, string> = {
  reddit: "posts",
  hackernews: "stories",
  github: "repositories",
  google_trends: "searches",
  rss: "articles",
  manual: "notes",
};

const NOUN_ONE: Record<SourceId, string> = {
  reddit: "post",
  hackernews: "story",
  github: "repository",
  google_trends: "search",
  rss: "article",
  manual: "note",
};

/** "3 notes", "1 note"; across several sources "mentions" / "posts and pages". */
function nounCount(n: number, sources: readonly SourceId[], mixed: [string, string] = ["mention", "mentions"]): string {
  return sources.length === 1 ? plural(n, NOUN_ONE[sources[0]], NOUN[sources[0]]) : plural(n, mixed[0], mixed[1]);
}

const SCORE_UNIT: Record<SourceId, string | null> = {
  reddit: "upvotes",
  hackernews: "points",
  github: "stars",
  google_trends: "searches",
  rss: null,
  manual: "points",
};

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function fmtInt(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

function scorePhrase(item: ResearchItem): string | null {
  const unit = SCORE_UNIT[item.source];
  if (item.score == null || !unit || item.score <= 0) return null;
  // "1 upvote", "1 point", "1 star"; trend traffic is a floor ("1+ searches").
  const u = item.score === 1 && item.source !== "google_trends" ? unit.replace(/s$/, "") : unit;
  return `${fmtInt(item.score)}${item.source === "google_trends" ? "+" : ""} ${u}`;
}

function listJoin(xs: string[]): string {
  if (xs.length <= 1) return xs.join("");
  return `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`;
}

function capFirst(s: string): string {
  return s ? s[0].toUpperCase() + s.slice(1) : s;
}

function quote(title: string): string {
  // A title's own full stop would double the sentence's ("…faster.".), so it is dropped.
  return `"${truncate(title.replace(/"/g, "'").replace(/\.+\s*$/, ""), 110)}"`;
}

function weigh(items: ResearchItem[]): Map<string, Weighted> {
  const bySource = new Map<SourceId, ResearchItem[]>();
  for (const it of items) {
    const list = bySource.get(it.source) ?? [];
    list.push(it);
    bySource.set(it.source, list);
  }
  const out = new Map<string, Weighted>();
  for (const list of bySource.values()) {
    const scores = list.map((i) => i.score).filter((s): s is number => s != null).sort((a, b) => a - b);
    for (const it of list) {
      let pct = 0.5;
      if (it.score != null && scores.length > 1) {
        const below = scores.filter((s) => s < it.score!).length;
        const equal = scores.filter((s) => s === it.score).length;
        pct = (below + (equal - 1) / 2) / (scores.length - 1);
      } else if (it.score != null) pct = 1;
      out.set(it.id, { item: it, pct, weight: 1 + pct });
    }
  }
  return out;
}

function termsOf(item: ResearchItem): Map<string, { surface: string; inTitle: boolean; n: number }> {
  const found = new Map<string, { surface: string; inTitle: boolean; n: number }>();
  const add = (text: string, inTitle: boolean) => {
    for (const segment of text.split(/[.!?;:,()[\]{}"“”|/\\–—]+|\s-\s/)) {
      const toks = tokenize(segment);
      for (let i = 0; i < toks.length; i++) {
        const t = toks[i];
        if (!t.content) continue;
        const uni = stem(t.norm);
        const prev = found.get(uni);
        if (!prev || (inTitle && !prev.inTitle)) found.set(uni, { surface: t.surface, inTitle, n: 1 });
        const nx = toks[i + 1];
        if (nx && nx.content) {
          const bi = `${uni} ${stem(nx.norm)}`;
          const p2 = found.get(bi);
          if (!p2 || (inTitle && !p2.inTitle)) found.set(bi, { surface: `${t.surface} ${nx.surface}`, inTitle, n: 2 });
        }
      }
    }
  };
  add(item.title, true);
  // A Google Trends summary ends with the news publisher, "(Example Times)": a name, not a topic.
  const summary = item.source === "google_trends" ? item.summary?.replace(/\s*\([^()]*\)\s*$/, "") : item.summary;
  if (summary) add(summary.slice(0, 400), false);
  return found;
}

/**
 * The spelling a topic is shown in. The most frequent surface wins, then each of its words
 * takes an acronym's capitals if any source wrote that word so ("ai agents" from a Google Trends
 * term and "AI agents" from a title → "AI agents", never "Ai agents" after capFirst).
 */
function preferredSurface(surfaces: Map<string, number>): string {
  const best = mostFrequentSurface(surfaces);
  const acronyms = new Set<string>();
  for (const surface of surfaces.keys()) {
    for (const w of surface.split(" ")) if (w.length >= 2 && w.length <= 5 && /^\p{Lu}+$/u.test(w)) acronyms.add(w);
  }
  return best
    .split(" ")
    .map((w) => (acronyms.has(w.toUpperCase()) ? w.toUpperCase() : w))
    .join(" ");
}

function mostFrequentSurface(surfaces: Map<string, number>): string {
  return [...surfaces.entries()].sort((a, b) => {
    if (b[1] !== a[1]) return b[1] - a[1];
    const upA = (a[0].match(/\p{Lu}/gu) ?? []).length;
    const upB = (b[0].match(/\p{Lu}/gu) ?? []).length;
    // Acronyms ("AI") beat lower case; Sentence case ("Remote") loses to lower case ("remote").
    const scoreA = a[0] === a[0].toUpperCase() ? 2 : upA > 0 ? 0 : 1;
    const scoreB = b[0] === b[0].toUpperCase() ? 2 : upB > 0 ? 0 : 1;
    if (scoreA !== scoreB) return scoreB - scoreA;
    return cmp(a[0], b[0]);
  })[0][0];
}

function citationsFor(ids: string[], weighted: Map<string, Weighted>, max = 5): Citation[] {
  return ids.slice(0, max).map((id) => {
    const it = weighted.get(id)!.item;
    return { itemId: id, title: it.title, url: it.url, source: it.source };
  });
}

function rankIds(ids: Iterable<string>, weighted: Map<string, Weighted>): string[] {
  return [...ids].sort((a, b) => {
    const wa = weighted.get(a)!;
    const wb = weighted.get(b)!;
    if (wb.weight !== wa.weight) return wb.weight - wa.weight;
    const sa = wa.item.score ?? 0;
    const sb = wb.item.score ?? 0;
    if (sb !== sa) return sb - sa;
    return cmp(a, b);
  });
}

/** Normalised key of an insight's topic: case, accents, plurals, stopwords and word order don't matter. */
export function topicKey(insight: Pick<Insight, "topic"> | string): string {
  const raw = typeof insight === "string" ? insight : insight.topic;
  const plain = raw.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
  const toks = tokenize(plain)
    .filter((t) => t.content)
    .map((t) => stem(t.norm));
  const uniq = [...new Set(toks)].sort(cmp);
  return uniq.length ? uniq.join("-") : collapse(plain.toLowerCase());
}

function makeId(kind: InsightKind, topic: string, leadItemId: string): string {
  return `${kind === "key_insight" ? "ki" : kind === "trending_topic" ? "tt" : "rec"}_${stableHash(`${kind}|${topicKey(topic)}|${leadItemId}`)}`;
}

export function analyseResearch(items: ResearchItem[], opts: AnalyseOptions): Analysis {
  const maxTopics = opts.maxTopics ?? 10;
  const maxInsights = opts.maxInsights ?? 8;
  const maxRecs = opts.maxRecommendations ?? 5;
  const sorted = [...items].sort((a, b) => cmp(a.id, b.id));
  const uniq = sorted.filter((it, i) => i === 0 || sorted[i - 1].id !== it.id);
  const weighted = weigh(uniq);
  const total = uniq.length;

  // ----- terms
  const stats = new Map<string, TermStat>();
  for (const it of uniq) {
    const w = weighted.get(it.id)!.weight;
    for (const [key, t] of termsOf(it)) {
      const s = stats.get(key) ?? { key, n: t.n, items: new Map(), surfaces: new Map() };
      s.items.set(it.id, w * (t.inTitle ? 1 : 0.6));
      s.surfaces.set(t.surface, (s.surfaces.get(t.surface) ?? 0) + 1);
      stats.set(key, s);
    }
  }
  const minDf = total >= 4 ? 2 : 1;
  // One-word topics must say something alone: "teams" or "tools" only count inside a bigram.
  const candidates = [...stats.values()].filter((s) => s.items.size >= minDf && !(s.n === 1 && isGenericAlone(s.key)));
  const bigrams = candidates.filter((s) => s.n === 2);
  const suppressed = new Set<string>();
  for (const s of candidates) {
    if (s.n !== 1) continue;
    // A unigram mostly explained by a bigram ("remote" in "remote work") yields to the bigram.
    if (bigrams.some((b) => b.key.split(" ").includes(s.key) && b.items.size >= 0.6 * s.items.size)) suppressed.add(s.key);
  }
  const termScore = (s: TermStat) => [...s.items.values()].reduce((a, b) => a + b, 0) * (s.n === 2 ? 2 : 1);
  const ranked = candidates
    .filter((s) => !suppressed.has(s.key))
    .map((s) => ({ s, score: Math.round(termScore(s) * 1000) / 1000 }))
    .sort((a, b) => b.score - a.score || b.s.items.size - a.s.items.size || cmp(a.s.key, b.s.key));

  const topics: TrendingTopic[] = [];
  const seenItemSets: string[][] = [];
  for (const { s, score } of ranked) {
    if (topics.length >= maxTopics) break;
    const ids = rankIds(s.items.keys(), weighted);
    // Skip a bigram that covers exactly the items of an already chosen topic sharing a word.
    const sig = [...ids].sort(cmp);
    const words = s.key.split(" ");
    if (
      topics.some(
        (t, i) =>
          seenItemSets[i].join("|") === sig.join("|") && topicKey(t.phrase).split("-").some((w) => words.includes(w)),
      )
    )
      continue;
    const phrase = preferredSurface(s.surfaces);
    const sources = [...new Set(ids.map((id) => weighted.get(id)!.item.source))].sort(cmp) as SourceId[];
    const lead = weighted.get(ids[0])!.item;
    const text =
      `${capFirst(phrase)} is trending, with ${nounCount(ids.length, sources)}` +
      `${whereFound(sources)}, led by ${quote(lead.title)}.`;
    topics.push({
      id: makeId("trending_topic", phrase, ids[0]),
      kind: "trending_topic",
      text,
      topic: phrase,
      phrase,
      count: ids.length,
      sources,
      itemIds: ids,
      citations: citationsFor(ids, weighted),
      score,
    });
    seenItemSets.push(sig);
  }

  const bestTopicOf = (itemId: string): TrendingTopic | undefined => topics.find((t) => t.itemIds.includes(itemId));

  // ----- key insights
  const insights: Insight[] = [];
  const leads = new Set<string>();
  for (const t of topics.slice(0, 5)) {
    const lead = weighted.get(t.itemIds[0])!.item;
    const sp = scorePhrase(lead);
    const share =
      total === 1
        ? `the one post or page found${whereFound(t.sources)} is about it`
        : t.count === total
          ? `all ${total} posts and pages found${whereFound(t.sources)} talk about it`
          : `${t.count} of the ${total} posts and pages found${whereFound(t.sources)} ${t.count === 1 ? "talks" : "talk"} about it`;
    const text =
      `${capFirst(t.phrase)}${total === 1 ? "" : " keeps coming up"}: ${share}` +
      (sp ? `, and the most popular, ${quote(lead.title)}, has ${sp}.` : `, including ${quote(lead.title)}.`);
    insights.push({
      id: makeId("key_insight", t.phrase, lead.id),
      kind: "key_insight",
      text,
      topic: t.phrase,
      itemIds: t.itemIds,
      citations: t.citations,
      score: t.score,
    });
    leads.add(lead.id);
  }
  // Top item of each source that no topic insight already leads with.
  const sourcesPresent = [...new Set(uniq.map((i) => i.source))].sort(cmp) as SourceId[];
  for (const src of sourcesPresent) {
    const ids = rankIds(
      uniq.filter((i) => i.source === src).map((i) => i.id),
      weighted,
    );
    const id = ids.find((x) => !leads.has(x));
    if (!id) continue;
    const it = weighted.get(id)!.item;
    const sp = scorePhrase(it);
    const summary = it.summary ? (it.summary.match(/^.{20,220}?[.!?](?=\s|$)/)?.[0] ?? null) : null;
    const text =
      `${capFirst(whereFound([src]).trim())}, ${quote(it.title)} ${sp ? `leads with ${sp}` : "is a top pick"}` +
      (summary ? `: ${summary.replace(/[.!?]$/, "")}.` : ".");
    const topic = bestTopicOf(id)?.phrase ?? it.title;
    insights.push({
      id: makeId("key_insight", topic, id),
      kind: "key_insight",
      text,
      topic,
      itemIds: [id],
      citations: citationsFor([id], weighted),
      score: Math.round(weighted.get(id)!.weight * 1000) / 1000,
    });
    leads.add(id);
  }
  // The liveliest discussion, when comment counts exist.
  const discussed = rankIds(
    uniq.filter((i) => (i.comments ?? 0) > 0).map((i) => i.id),
    weighted,
  ).sort((a, b) => (weighted.get(b)!.item.comments ?? 0) - (weighted.get(a)!.item.comments ?? 0) || cmp(a, b))[0];
  if (discussed && !leads.has(discussed)) {
    const it = weighted.get(discussed)!.item;
    const topic = bestTopicOf(discussed)?.phrase ?? it.title;
    insights.push({
      id: makeId("key_insight", topic, discussed),
      kind: "key_insight",
      text: `The liveliest discussion is ${quote(it.title)}, with ${plural(it.comments ?? 0, "comment")}${whereFound([it.source])}.`,
      topic,
      itemIds: [discussed],
      citations: citationsFor([discussed], weighted),
      score: Math.round(weighted.get(discussed)!.weight * 1000) / 1000,
    });
  }
  insights.sort((a, b) => b.score - a.score || cmp(a.id, b.id));
  const keyInsights = dedupeById(insights).slice(0, maxInsights);

  // ----- recommendations
  const recs: Insight[] = [];
  const rec = (topic: string, ids: string[], text: string, score: number) =>
    recs.push({
      id: makeId("recommendation", topic, ids[0]),
      kind: "recommendation",
      text,
      topic,
      itemIds: ids,
      citations: citationsFor(ids, weighted),
      score: Math.round(score * 1000) / 1000,
    });
  const [t1, t2] = topics;
  if (t1) {
    rec(
      t1.phrase,
      t1.itemIds,
      `Make a short explainer on ${t1.phrase}: ${t1.count === 1 ? "a recent" : `${t1.count} recent`} ${nounCount(t1.count, t1.sources, ["post or page", "posts and pages"]).replace(/^[\d,]+ /, "")} ${t1.count === 1 ? "shows" : "show"} demand, so open with ${quote(weighted.get(t1.itemIds[0])!.item.title)}.`,
      t1.score * 1.2,
    );
  }
  const question = rankIds(
    uniq.filter((i) => /\?\s*$/.test(i.title) || /^(how|why|what|which|should|is|are|can|does|do|ask hn)\b/i.test(i.title)).map((i) => i.id),
    weighted,
  )[0];
  if (question) {
    const it = weighted.get(question)!.item;
    rec(
      bestTopicOf(question)?.phrase ?? it.title,
      [question],
      `Answer the question your audience is asking, ${quote(it.title)}, in a 60-second how-to.`,
      weighted.get(question)!.weight * 2,
    );
  }
  const repo = rankIds(uniq.filter((i) => i.source === "github").map((i) => i.id), weighted)[0];
  if (repo) {
    const it = weighted.get(repo)!.item;
    const sp = scorePhrase(it);
    rec(
      bestTopicOf(repo)?.phrase ?? it.title,
      [repo],
      `Demo ${it.title} in a quick screen-recorded walkthrough${sp ? `; it already has ${sp}` : ""}.`,
      weighted.get(repo)!.weight * 1.8,
    );
  }
  const search = rankIds(uniq.filter((i) => i.source === "google_trends").map((i) => i.id), weighted)[0];
  if (search) {
    const it = weighted.get(search)!.item;
    const sp = scorePhrase(it);
    rec(
      it.title,
      [search],
      `Publish a timely take on ${quote(it.title)} while searches are spiking${sp ? ` (${sp})` : ""}.`,
      weighted.get(search)!.weight * 1.8,
    );
  }
  if (t2) {
    rec(
      t2.phrase,
      t2.itemIds,
      `Compare the leading ${t2.phrase} options in a list video, drawing on ${t2.count === 1 ? "a source" : `${t2.count} sources`} such as ${quote(weighted.get(t2.itemIds[0])!.item.title)}.`,
      t2.score,
    );
  }
  // Two topics that keep appearing together make a series angle.
  outer: for (let i = 0; i < Math.min(topics.length, 5); i++) {
    for (let j = i + 1; j < Math.min(topics.length, 5); j++) {
      const a = topics[i];
      const b = topics[j];
      if (topicKey(a.phrase).split("-").some((w) => topicKey(b.phrase).split("-").includes(w))) continue;
      const both = a.itemIds.filter((id) => b.itemIds.includes(id));
      if (both.length >= 2) {
        rec(
          `${a.phrase} ${b.phrase}`,
          both,
          `Connect ${a.phrase} and ${b.phrase} in a short series: they come up together in ${both.length} posts and pages.`,
          Math.min(a.score, b.score),
        );
        break outer;
      }
    }
  }
  recs.sort((a, b) => b.score - a.score || cmp(a.id, b.id));
  const recommendations = dedupeById(recs).slice(0, maxRecs);

  return {
    generatedAt: opts.now.toISOString(),
    language: opts.language ?? "en",
    summary: summarise(uniq, weighted),
    key_insights: keyInsights,
    trending_topics: topics,
    actionable_recommendations: recommendations,
    polished: false,
  };
}

function dedupeById<T extends Insight>(xs: T[]): T[] {
  const seen = new Set<string>();
  return xs.filter((x) => (seen.has(x.id) ? false : (seen.add(x.id), true)));
}

function summarise(items: ResearchItem[], weighted: Map<string, Weighted>): AnalysisSummary {
  const bySource: Partial<Record<SourceId, number>> = {};
  const byLanguage: Record<string, number> = {};
  let earliest: string | null = null;
  let latest: string | null = null;
  let totalComments = 0;
  for (const it of items) {
    bySource[it.source] = (bySource[it.source] ?? 0) + 1;
    const lang = it.language ?? "und";
    byLanguage[lang] = (byLanguage[lang] ?? 0) + 1;
    if (!earliest || it.publishedAt < earliest) earliest = it.publishedAt;
    if (!latest || it.publishedAt > latest) latest = it.publishedAt;
    totalComments += it.comments ?? 0;
  }
  return {
    itemCount: items.length,
    bySource,
    byLanguage,
    earliest,
    latest,
    topItemIds: rankIds(
      items.map((i) => i.id),
      weighted,
    ).slice(0, 10),
    totalComments,
  };
}

/** The top `n` trending topics (already ranked), e.g. for the 6-hourly trend scan. */
export function topTrends(analysis: Analysis, n = 3): TrendingTopic[] {
  return analysis.trending_topics.slice(0, Math.max(0, n));
}

/** Insights about a trend: the trend itself first, then insights sharing its items, best first. */
export function insightsForTrend(analysis: Analysis, trend: TrendingTopic): Insight[] {
  const ids = new Set(trend.itemIds);
  const related = [...analysis.key_insights, ...analysis.actionable_recommendations].filter(
    (i) => topicKey(i) === topicKey(trend) || i.itemIds.some((id) => ids.has(id)),
  );
  return [trend, ...related];
}

/**
 * Top `n` key insights whose topic is not covered yet (campaigns never repeat a topic), one per
 * topic. `coveredTopicKeys` holds `topicKey()` values (raw phrases are normalised too).
 */
export function pickUncoveredInsights(analysis: Analysis, coveredTopicKeys: Iterable<string>, n: number): Insight[] {
  const covered = new Set<string>();
  for (const k of coveredTopicKeys) {
    covered.add(k);
    covered.add(topicKey(k));
  }
  const out: Insight[] = [];
  const pool = [...analysis.key_insights, ...analysis.trending_topics, ...analysis.actionable_recommendations];
  for (const ins of pool) {
    if (out.length >= n) break;
    const key = topicKey(ins);
    if (covered.has(key)) continue;
    covered.add(key);
    out.push(ins);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Optional LLM polishing (OpenAI-compatible /v1/chat/completions)

export interface PolishOptions {
  baseUrl?: string;
  model?: string;
  apiKey?: string;
  fetch?: FetchLike;
  timeoutMs?: number;
  signal?: AbortSignal;
}

const polishedSchema = z.object({
  key_insights: z.array(z.object({ id: z.string(), text: z.string().min(1).max(600) })).optional(),
  actionable_recommendations: z.array(z.object({ id: z.string(), text: z.string().min(1).max(600) })).optional(),
  trending_topics: z.array(z.object({ id: z.string(), text: z.string().min(1).max(600) })).optional(),
});

/**
 * Rewrites insight wording with an LLM when `baseUrl` and `model` are configured. Only `text`
 * changes (matched by id); items, links, topics and order never do. Any failure returns the
 * deterministic analysis unchanged.
 */
export async function polishWithLlm(analysis: Analysis, opts: PolishOptions): Promise<Analysis> {
  if (!opts.baseUrl || !opts.model) return analysis;
  // Plain fetch on purpose: LLM_BASE_URL is operator configuration (env), never workspace data,
  // so it may be a private host such as a local Ollama (ARCHITECTURE §3.9: operator hosts).
  const f = opts.fetch ?? ((i, init) => fetch(i, init));
  const pick = (xs: Insight[]) => xs.map((x) => ({ id: x.id, text: x.text }));
  const payload = {
    key_insights: pick(analysis.key_insights),
    trending_topics: pick(analysis.trending_topics),
    actionable_recommendations: pick(analysis.actionable_recommendations),
  };
  try {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const res = await f(`${opts.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "")}/v1/chat/completions`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(opts.apiKey ? { Authorization: `Bearer ${opts.apiKey}` } : {}),
      },
      signal: opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout,
      body: JSON.stringify({
        model: opts.model,
        temperature: 0.2,
        response_format: { type: "json_object" },
        messages: [
          {
            role: "system",
            content:
              "You edit research insights for short presenter videos. Rewrite each text as one or two clear, " +
              `spoken-style sentences in language "${analysis.language}". Keep every number, name and quoted title ` +
              "accurate; invent nothing. Answer with JSON of the same shape: the same keys and ids, new text.",
          },
          { role: "user", content: JSON.stringify(payload) },
        ],
      }),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { choices?: Array<{ message?: { content?: unknown } }> };
    const content = body.choices?.[0]?.message?.content;
    if (typeof content !== "string") throw new Error("no message content");
    const json = JSON.parse(content.replace(/^```(?:json)?\s*|\s*```$/g, ""));
    const parsed = polishedSchema.parse(json);
    const apply = <T extends Insight>(xs: T[], edits?: Array<{ id: string; text: string }>): T[] => {
      const m = new Map((edits ?? []).map((e) => [e.id, collapse(e.text)]));
      return xs.map((x) => (m.get(x.id) ? { ...x, text: m.get(x.id)! } : x));
    };
    return {
      ...analysis,
      key_insights: apply(analysis.key_insights, parsed.key_insights),
      trending_topics: apply(analysis.trending_topics, parsed.trending_topics),
      actionable_recommendations: apply(analysis.actionable_recommendations, parsed.actionable_recommendations),
      polished: true,
    };
  } catch (err) {
    logger.warn({ err: (err as Error).message, model: opts.model }, "research LLM polishing failed; using deterministic analysis");
    return analysis;
  }
}
