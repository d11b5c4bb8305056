import { describe, expect, it } from "vitest";
import { estimateSpeechSeconds } from "@/lib/providers/types";
import { HOOK_STYLES, pointFor, sourceLabel, writeShortScript } from "./writer";
import { FAKE_ITEMS } from "@/lib/compose/fixtures";

/** The recorded mix the composer and the bench use too (lib/compose/fixtures.ts). */
const ITEMS = FAKE_ITEMS;

/** Phrases that belong to our analysis, not to a script a person would say. */
const INTERNAL = [/\bitems?\b/i, /Manual input/, /\d+ of \d+/, /stands out:/i, /mention it/i, /key insights/i, /Based on our latest/i, /^\d+\. /m];

describe("writeShortScript", () => {
  it("writes hook → points → takeaway → call to action from the items' own titles and numbers", () => {
    const s = writeShortScript(ITEMS, { topic: "AI agents", targetSec: 30 });
    expect(s.lines.map((l) => l.role)).toEqual(["hook", "point", "point", "point", "takeaway", "cta"]);
    for (const re of INTERNAL) expect(s.script).not.toMatch(re);
    // Points carry the sources' own figures, formatted for speech.
    expect(s.script).toMatch(/4,210 upvotes and 388 comments|15 thousand stars|200 thousand/);
    for (const l of s.lines.filter((x) => x.role === "point")) {
      expect(l.sources).toHaveLength(1);
      expect(ITEMS.map((i) => i.id)).toContain(l.sources[0].itemId);
    }
    expect(s.citations.length).toBeGreaterThanOrEqual(3);
    expect(s.title).toMatch(/AI agents/i);
  });

  it.each([15, 30, 60] as const)("is sized to a %i s target at the chosen voice speed", (targetSec) => {
    for (const voiceSpeed of [1, 1.25]) {
      const s = writeShortScript(ITEMS, { topic: "AI agents", targetSec, voiceSpeed });
      // The same speech model the estimate and reservation use.
      const spoken = estimateSpeechSeconds(s.script, voiceSpeed);
      expect(spoken).toBeLessThanOrEqual(Math.ceil(targetSec * 1.15));
      expect(spoken).toBeGreaterThanOrEqual(Math.floor(targetSec * (targetSec === 60 ? 0.5 : 0.6)));
      expect(s.estimatedSec).toBe(spoken);
    }
  });

  it("is deterministic, and offers every hook style", () => {
    expect(writeShortScript(ITEMS, { topic: "AI agents" })).toEqual(writeShortScript(ITEMS, { topic: "AI agents" }));
    const hooks = HOOK_STYLES.map((hookStyle) => writeShortScript(ITEMS, { topic: "AI agents", hookStyle }).lines[0].text);
    expect(new Set(hooks).size).toBe(HOOK_STYLES.length);
  });

  it("honours preferred items and skips covered ones (campaigns don't repeat themselves)", () => {
    const a = writeShortScript(ITEMS, { topic: "AI agents", preferItemIds: ["github:9001"] });
    expect(a.lines[1].sources[0].itemId).toBe("github:9001");
    const b = writeShortScript(ITEMS, { topic: "AI agents", excludeItemIds: a.itemIds });
    const pointsA = a.lines.filter((l) => l.role === "point").map((l) => l.text);
    const pointsB = b.lines.filter((l) => l.role === "point").map((l) => l.text);
    expect(pointsB.filter((p) => pointsA.includes(p))).toEqual([]);
  });

  it("labels sources for the screen, never as 'Manual input'", () => {
    expect(ITEMS.map(sourceLabel)).toEqual(["r/productivity", "r/localllama", "Hacker News", "github.com/acme/agentkit", "Google Trends", "example-news.com", "your notes"]);
    expect(pointFor(ITEMS[6], true)).toBe("Our customers ask for shorter onboarding videos.");
  });

  it("refuses clearly when there is nothing to say", () => {
    expect(() => writeShortScript([])).toThrow(/no research content/);
  });
});
