import { describe, expect, it } from "vitest";
import { FAKE_ITEMS } from "@/lib/compose/fixtures";
import type { ResearchItem } from "./types";
import { analyseResearch, whereFound } from "./analyse";

describe("analysis wording", () => {
  it("says where things were found as a person would, never the source ids' labels", () => {
    const notes: ResearchItem[] = ["AI agents for onboarding", "AI agents in support", "AI agents write docs"].map((title, i) => ({
      ...FAKE_ITEMS[6], id: `manual:n${i}`, externalId: `n${i}`, title,
    }));
    const a = analyseResearch([...FAKE_ITEMS, ...notes], { now: new Date("2026-11-30T00:00:00Z") });
    const texts = [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations].map((i) => i.text);
    expect(texts.length).toBeGreaterThan(0);
    // Mutation tried: HUMAN_SOURCE.manual.name = "Manual input" → fails here.
    for (const t of texts) {
      expect(t).not.toMatch(/Manual input/);
      expect(t).not.toMatch(/\bitems\b/);
    }
    expect(whereFound(["manual"])).toBe(" in your notes");
    expect(whereFound(["hackernews"])).toBe(" on Hacker News");
    expect(whereFound(["reddit", "manual", "rss"])).toBe(" across Reddit, your notes and news feeds");
  });
});

describe("topic spelling", () => {
  it("keeps an acronym's capitals when any source wrote it so (\"AI agents\", not \"Ai agents\")", () => {
    // The fake Google Trends term is "ai agents" (lower case, the most frequent surface); the
    // Hacker News and GitHub texts write "AI agent(s)".
    // Mutation tried: preferredSurface returning mostFrequentSurface(surfaces) as it is → "Ai agents …".
    const a = analyseResearch(FAKE_ITEMS, { now: new Date("2026-11-30T00:00:00Z") });
    const texts = [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations].map((i) => i.text);
    expect(texts.some((t) => t.startsWith("AI agents"))).toBe(true);
    for (const t of texts) expect(t).not.toMatch(/\bAi agents?\b/);
  });
});
