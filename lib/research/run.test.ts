import { fakeRunContext, fakeSourceQueries, useResearchFakes } from "@/lib/testing/fake-hooks";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import type { ResearchFakes } from "@/e2e/fakes/research";
import {
  analyseResearch,
  applyFilters,
  DEFAULT_EXTRACTION_RULES,
  generateScript,
  insightsForTrend,
  pickUncoveredInsights,
  polishWithLlm,
  runResearch,
  scriptForTrend,
  topicKey,
  topTrends,
  type ResearchConfigInput,
  type RunContext,
} from ".";

const T = Date.UTC(2025, 5, 10, 12, 0, 0);
let fakes: ResearchFakes;

function ctx(extra: Partial<RunContext> = {}): RunContext {
  return fakeRunContext(fakes, T, extra);
}

function fullConfig(): ResearchConfigInput {
  return {
    sources: fakeSourceQueries(fakes),
  };
}

useResearchFakes(T, (f) => (fakes = f));

describe("runResearch over the fakes", () => {
  it("yields an analysis whose insights link to their items", async () => {
    const r = await runResearch(fullConfig(), ctx());
    expect(r.errors).toEqual([]);
    expect(r.fetched.map((f) => f.count)).toEqual([9, 12, 11, 10, 8, 4]);
    // The four-day-week article is linked from Reddit and from a Google Trends news item: kept once.
    expect(r.items.filter((i) => i.url === "https://www.example-news.com/four-day-week-results")).toHaveLength(1);
    expect(new Set(r.items.map((i) => i.id)).size).toBe(r.items.length);

    const a = r.analysis;
    expect(a.summary.itemCount).toBe(r.items.length);
    expect(a.summary.bySource).toMatchObject({ reddit: 9, hackernews: 12, github: 10, rss: 12 });
    const byId = new Map(r.items.map((i) => [i.id, i]));
    const all = [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations];
    expect(a.key_insights.length).toBeGreaterThanOrEqual(5);
    expect(a.trending_topics.length).toBe(10);
    expect(a.actionable_recommendations.length).toBeGreaterThanOrEqual(3);
    for (const ins of all) {
      expect(ins.itemIds.length).toBeGreaterThan(0);
      for (const id of ins.itemIds) expect(byId.has(id)).toBe(true);
      for (const c of ins.citations) {
        expect(ins.itemIds).toContain(c.itemId);
        expect(c.url).toBe(byId.get(c.itemId)!.url);
      }
    }
    // Trending topics are phrases found in their items.
    for (const t of a.trending_topics) {
      for (const id of t.itemIds) {
        const it = byId.get(id)!;
        const words = topicKey(t.phrase).split("-");
        const text = topicKey(`${it.title} ${it.summary ?? ""}`).split("-");
        for (const w of words) expect(text).toContain(w);
      }
      expect(t.count).toBe(t.itemIds.length);
    }
    const phrases = a.trending_topics.map((t) => t.phrase);
    expect(phrases).toEqual(expect.arrayContaining(["local LLM", "remote work", "AI agents"]));
    // No stopwords or source noise as topics.
    for (const p of phrases) expect(p.toLowerCase()).not.toMatch(/^(the|and|with|reddit|show|github)$/);
  });

  it("a failing source is reported without sinking the others", async () => {
    fakes.setMode("github", "malformed");
    const r = await runResearch(
      { sources: [...fullConfig().sources, { source: "reddit", query: "x" }] },
      ctx({ credentials: {} }),
    );
    expect(r.errors.map((e) => [e.index, e.source, e.code])).toEqual([
      [0, "reddit", "bad_request"],
      [2, "github", "provider_error"],
      [6, "reddit", "bad_request"],
    ]);
    expect(r.errors[1].message).toMatch(/^GitHub returned a malformed response/);
    expect(r.items.some((i) => i.source === "hackernews")).toBe(true);
    expect(r.analysis.trending_topics.length).toBeGreaterThan(0);
  });

  it("applies filters (score, window, language)", async () => {
    const r = await runResearch({ ...fullConfig(), filters: { minScore: 1000, windowHours: 12 } }, ctx());
    for (const i of r.items) {
      if (i.score !== null) expect(i.score).toBeGreaterThanOrEqual(1000);
      expect(Date.parse(i.publishedAt)).toBeGreaterThanOrEqual(T - 12 * 3600_000);
    }
    expect(r.items.some((i) => i.score === null)).toBe(true); // RSS has no scores: kept
  });

  it("rejects an invalid configuration with a readable message", async () => {
    await expect(runResearch({ sources: [{ source: "rss", feedUrl: "file:///etc/passwd" }] }, ctx())).rejects.toThrow(
      /Invalid research configuration: .*feedUrl must be an http\(s\) URL/s,
    );
    await expect(runResearch({ sources: [] }, ctx())).rejects.toBeInstanceOf(AppError);
  });
});

describe("analysis", () => {
  it("is deterministic: same items in any order give the same analysis", async () => {
    const r = await runResearch(fullConfig(), ctx());
    const a1 = analyseResearch(r.items, { now: new Date(T) });
    const a2 = analyseResearch([...r.items].reverse(), { now: new Date(T) });
    expect(a2).toEqual(a1);
    expect(a1).toEqual(r.analysis);
  });

  it("handles no items", () => {
    const a = analyseResearch([], { now: new Date(T) });
    expect(a).toMatchObject({ key_insights: [], trending_topics: [], actionable_recommendations: [] });
    expect(a.summary.itemCount).toBe(0);
  });

  it("applyFilters is pure and keeps undetermined languages", () => {
    const base = { source: "manual" as const, externalId: "x", summary: null, url: null, comments: null, tags: [], raw: null };
    const items = [
      { ...base, id: "manual:1", title: "a", score: 5, publishedAt: new Date(T - 3600_000).toISOString(), language: "en" },
      { ...base, id: "manual:2", title: "b", score: 50, publishedAt: new Date(T - 3600_000).toISOString(), language: "de" },
      { ...base, id: "manual:3", title: "c", score: null, publishedAt: new Date(T - 48 * 3600_000).toISOString(), language: null },
      { ...base, id: "manual:4", title: "d", score: null, publishedAt: new Date(T).toISOString(), language: null },
    ];
    const frozen = JSON.stringify(items);
    expect(applyFilters(items, { minScore: 10 }, new Date(T)).map((i) => i.id)).toEqual(["manual:2", "manual:3", "manual:4"]);
    expect(applyFilters(items, { windowHours: 24 }, new Date(T)).map((i) => i.id)).toEqual(["manual:1", "manual:2", "manual:4"]);
    expect(applyFilters(items, { language: "en" }, new Date(T)).map((i) => i.id)).toEqual(["manual:1", "manual:3", "manual:4"]);
    expect(JSON.stringify(items)).toBe(frozen);
  });

  it("topTrends and one script per trend", async () => {
    const r = await runResearch(fullConfig(), ctx());
    const trends = topTrends(r.analysis, 3);
    expect(trends).toHaveLength(3);
    expect(trends).toEqual(r.analysis.trending_topics.slice(0, 3));
    for (const t of trends) {
      const s = scriptForTrend(r.analysis, t, DEFAULT_EXTRACTION_RULES.google_trends);
      expect(s.insightIds[0]).toBe(t.id);
      expect(s.title).toContain(" - ");
      expect(s.citations.length).toBeGreaterThan(0);
      expect(insightsForTrend(r.analysis, t)[0]).toBe(t);
    }
  });
});

describe("pickUncoveredInsights", () => {
  it("never returns a covered topic, nor one topic twice", async () => {
    const { analysis } = await runResearch(fullConfig(), ctx());
    const first = pickUncoveredInsights(analysis, [], 3);
    expect(first).toHaveLength(3);
    const covered = first.map((i) => topicKey(i));
    expect(new Set(covered).size).toBe(3);
    // Covered keys may also be given as raw phrases in another case/plural.
    const next = pickUncoveredInsights(analysis, [...covered, "Remote Works"], 50);
    expect(next.length).toBeGreaterThan(0);
    for (const ins of next) {
      expect(covered).not.toContain(topicKey(ins));
      expect(topicKey(ins)).not.toBe(topicKey("remote work"));
    }
    expect(new Set(next.map((i) => topicKey(i))).size).toBe(next.length);
    const everything = [...covered, ...next.map((i) => topicKey(i))];
    expect(pickUncoveredInsights(analysis, everything, 5)).toEqual([]);
  });

  it("topicKey ignores case, accents, plurals, stopwords and word order", () => {
    expect(topicKey("AI Agents")).toBe(topicKey("the agent of AI"));
    expect(topicKey("Café tools")).toBe(topicKey("cafe tool"));
    expect(topicKey({ topic: "Local LLMs" })).toBe("llm-local");
  });
});

describe("polishWithLlm (OpenAI-compatible fake)", () => {
  it("rewrites texts by id, keeps items and links", async () => {
    const { analysis } = await runResearch(fullConfig(), ctx());
    const p = await polishWithLlm(analysis, { baseUrl: fakes.urls.openai, model: "fake-model", apiKey: "sk-test" });
    expect(p.polished).toBe(true);
    expect(p.key_insights.map((i) => i.text)).toEqual(analysis.key_insights.map((i) => `Polished: ${i.text}`));
    expect(p.key_insights.map((i) => [i.id, i.itemIds, i.citations])).toEqual(
      analysis.key_insights.map((i) => [i.id, i.itemIds, i.citations]),
    );
    const req = fakes.requests("openai_chat")[0];
    expect(req.path).toBe("/v1/chat/completions");
    expect(req.headers.authorization).toBe("Bearer sk-test");
    expect(JSON.parse(req.body).model).toBe("fake-model");
  });

  it("falls back to the deterministic analysis on errors, bad answers, or when not configured", async () => {
    const { analysis } = await runResearch(fullConfig(), ctx());
    for (const mode of ["server_error", "malformed", "rate_limited"] as const) {
      fakes.setMode("openai_chat", mode);
      expect(await polishWithLlm(analysis, { baseUrl: fakes.urls.openai, model: "m" })).toBe(analysis);
    }
    fakes.setMode("openai_chat", "hang");
    expect(await polishWithLlm(analysis, { baseUrl: fakes.urls.openai, model: "m", timeoutMs: 100 })).toBe(analysis);
    fakes.setMode("openai_chat", "ok");
    const before = fakes.requests("openai_chat").length;
    expect(await polishWithLlm(analysis, { baseUrl: "", model: "m" })).toBe(analysis);
    expect(await polishWithLlm(analysis, { baseUrl: fakes.urls.openai })).toBe(analysis);
    expect(fakes.requests("openai_chat").length).toBe(before);
  });
});

describe("script from a run", () => {
  it("the default Reddit rule produces a numbered script with citations", async () => {
    const { analysis } = await runResearch(fullConfig(), ctx());
    const s = generateScript(analysis, DEFAULT_EXTRACTION_RULES.reddit);
    expect(s.title).toMatch(/^Reddit Research Insights - /);
    expect(s.script).toMatch(/^Based on our latest Reddit research, here are the key insights:\n\n1\. /);
    expect(s.content).toMatch(/\n\n2\. /);
    expect(s.content.length).toBeLessThanOrEqual(1800);
    expect(s.content.length).toBeGreaterThanOrEqual(150);
    expect(s.citations.length).toBeGreaterThan(0);
    expect(new Set(s.citations.map((c) => c.url)).size).toBe(s.citations.length);
  });
});
