import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  DEFAULT_EXTRACTION_RULES,
  extractionRuleSchema,
  formatPoints,
  generateScript,
  resolveExtractionRule,
  splitSentences,
  SOURCE_IDS,
  type Analysis,
  type ExtractionRule,
  type Insight,
} from ".";

function insight(id: string, text: string, topic: string, url: string | null = `https://example.com/${id}`): Insight {
  return {
    id,
    kind: "key_insight",
    text,
    topic,
    itemIds: [`manual:${id}`],
    citations: [{ itemId: `manual:${id}`, title: `Source ${id}`, url, source: "manual" }],
    score: 1,
  };
}

function analysisOf(keyInsights: Insight[], recs: Insight[] = []): Analysis {
  return {
    generatedAt: "2025-06-10T12:00:00.000Z",
    language: "en",
    summary: { itemCount: 3, bySource: { manual: 3 }, byLanguage: {}, earliest: null, latest: null, topItemIds: [], totalComments: 0 },
    key_insights: keyInsights,
    trending_topics: [],
    actionable_recommendations: recs,
    polished: false,
  };
}

const BRIEF = analysisOf([
  insight("a", "AI automation tools showing 300% growth", "AI automation tools"),
  insight("b", "ChatGPT discussions dominate productivity subreddits", "ChatGPT"),
  insight("c", "Remote work tools gaining massive traction", "remote work tools"),
]);

const rule = (over: Partial<ExtractionRule> = {}): ExtractionRule => ({ ...DEFAULT_EXTRACTION_RULES.reddit, ...over });

describe("generateScript", () => {
  it("formats insights as numbered points, as in the brief", () => {
    const s = generateScript(BRIEF, rule({ min_content_length: 50 }), { topic: "AI tools" });
    expect(s.content).toBe(
      "1. AI automation tools showing 300% growth.\n\n" +
        "2. ChatGPT discussions dominate productivity subreddits.\n\n" +
        "3. Remote work tools gaining massive traction.",
    );
    expect(s.title).toBe("Reddit Research Insights - AI Tools");
    expect(s.script).toBe(
      `Based on our latest Reddit research, here are the key insights:\n\n${s.content}\n\n` +
        "These trends represent significant opportunities for content creators and businesses.",
    );
    expect(s.insightIds).toEqual(["a", "b", "c"]);
    expect(s.citations).toEqual([
      { title: "Source a", url: "https://example.com/a", source: "manual" },
      { title: "Source b", url: "https://example.com/b", source: "manual" },
      { title: "Source c", url: "https://example.com/c", source: "manual" },
    ]);
  });

  it("fills {topic}, {source}, {date} once (placeholder text inside content stays literal) and dedents", () => {
    const a = analysisOf([insight("x", "A title mentioning {topic} literally", "weird")]);
    const s = generateScript(
      a,
      rule({
        min_content_length: 10,
        title_template: "{source} on {topic} ({date})",
        script_template: "\n    Topic: {topic}\n    {content}\n    From {source}, {date}\n",
      }),
      { topic: "remote work" },
    );
    expect(s.title).toBe("Reddit on Remote Work (2025-06-10)");
    expect(s.script).toBe("Topic: remote work\n1. A title mentioning {topic} literally.\nFrom Reddit, 2025-06-10");
  });

  it("drops whole points beyond max length", () => {
    const s = generateScript(BRIEF, rule({ min_content_length: 10, max_content_length: 101 }));
    expect(s.content).toBe("1. AI automation tools showing 300% growth.\n\n2. ChatGPT discussions dominate productivity subreddits.");
    expect(s.insightIds).toEqual(["a", "b"]);
    expect(s.citations.map((c) => c.url)).toEqual(["https://example.com/a", "https://example.com/b"]);
  });

  it("trims a long point at a sentence boundary, never mid-sentence", () => {
    const long = analysisOf([
      insight(
        "l",
        'Local LLMs are now practical on laptops. "Why is v2.0 so fast?" asked one thread. Inference costs fell by half this year. Privacy-minded teams are switching quickly.',
        "local LLM",
      ),
    ]);
    const s = generateScript(long, rule({ min_content_length: 20, max_content_length: 110 }));
    expect(s.content).toBe('1. Local LLMs are now practical on laptops. "Why is v2.0 so fast?" asked one thread.');
    expect(s.content.length).toBeLessThanOrEqual(110);
    expect(s.content).toMatch(/[.!?]"?$/);
  });

  it("refuses below the minimum content length with a clear error", () => {
    const tiny = analysisOf([insight("t", "AI is big", "AI")]);
    let err: unknown;
    try {
      generateScript(tiny, DEFAULT_EXTRACTION_RULES.reddit);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("bad_request");
    expect((err as AppError).message).toMatch(/Not enough research content for a Reddit script: 13 characters, the rule needs at least 150/);
    expect(() => generateScript(analysisOf([]), DEFAULT_EXTRACTION_RULES.github)).toThrow(/at least 120/);
  });

  it("content paths order the points; one point per topic; max_points caps them", () => {
    const a = analysisOf(
      [insight("k1", "Key one", "alpha"), insight("k2", "Key two", "beta")],
      [insight("r1", "Rec about alpha", "Alpha"), insight("r2", "Rec gamma", "gamma")],
    );
    const s = generateScript(
      a,
      rule({ min_content_length: 5, content_paths: ["analysis.actionable_recommendations", "analysis.key_insights"], max_points: 3 }),
    );
    expect(s.insightIds).toEqual(["r1", "r2", "k2"]);
  });

  it("explicit insights override the content paths; citations without a URL are left out", () => {
    const a = analysisOf([insight("k1", "Key one is long enough to pass", "alpha", null)]);
    const s = generateScript(a, rule({ min_content_length: 5 }), { insights: a.key_insights });
    expect(s.citations).toEqual([]);
    expect(s.insightIds).toEqual(["k1"]);
  });
});

describe("helpers", () => {
  it("splitSentences keeps quotes, decimals and abbreviations-with-no-space intact", () => {
    expect(splitSentences('One. "Is it v2.0?" she asked. Three! Four')).toEqual(["One.", '"Is it v2.0?" she asked.', "Three!", "Four"]);
  });

  it("formatPoints adds missing full stops only", () => {
    expect(formatPoints(["a", "b!", 'c "q?"'])).toBe('1. a.\n\n2. b!\n\n3. c "q?"');
  });
});

describe("extraction rules", () => {
  it("there is a valid default for every source; Reddit is 150–1800", () => {
    for (const s of SOURCE_IDS) {
      const r = DEFAULT_EXTRACTION_RULES[s];
      expect(extractionRuleSchema.parse(r)).toEqual(r);
      expect(r.source).toBe(s);
      expect(r.script_template).toContain("{content}");
    }
    expect(DEFAULT_EXTRACTION_RULES.reddit).toMatchObject({
      content_paths: ["analysis.actionable_recommendations", "analysis.key_insights", "analysis.trending_topics"],
      title_template: "Reddit Research Insights - {topic}",
      min_content_length: 150,
      max_content_length: 1800,
    });
  });

  it("the schema rejects bad edits with readable messages", () => {
    const bad = (over: object) => extractionRuleSchema.safeParse({ ...DEFAULT_EXTRACTION_RULES.rss, ...over });
    expect(bad({ script_template: "no placeholder" }).error?.issues[0].message).toBe("script_template must contain {content}");
    expect(bad({ script_template: "{content} {nope}" }).error?.issues[0].message).toMatch(/may only use/);
    expect(bad({ min_content_length: 900, max_content_length: 800 }).error?.issues[0].message).toMatch(/below/);
    expect(bad({ content_paths: ["analysis.secrets"] }).success).toBe(false);
    expect(resolveExtractionRule("github", { max_content_length: 900 })).toMatchObject({ source: "github", max_content_length: 900 });
  });
});
