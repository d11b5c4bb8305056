import { describe, expect, it } from "vitest";
import { writeShortScript } from "@/lib/research/writer";
import { cardSvg } from "./cards";
import { FAKE_ITEMS } from "./fixtures";
import { compactNumber, planStoryboard } from "./plan";
import { storyboardSchema, storyboardScript } from "./types";

/** Phrases that belong to our analysis, not to a script a person would say (as writer.test.ts). */
const INTERNAL = [/\bitems?\b/i, /Manual input/, /\d+ of \d+/, /stands out:/i, /mention it/i, /key insights/i, /Based on our latest/i, /^\d+\. /m];

describe("planStoryboard", () => {
  const written = writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 });

  it("makes one scene per line: presenter hook, card points with varied layouts, a figure takeaway, presenter CTA", () => {
    const board = planStoryboard(written, FAKE_ITEMS, { platforms: ["tiktok", "youtube", "instagram_feed_square", "instagram_reels"] });
    // Valid against the shared contract the editor and API use.
    expect(storyboardSchema.parse(board)).toEqual(board);
    expect(board.scenes.map((s) => s.text)).toEqual(written.lines.map((l) => l.text));
    expect(board.scenes.map((s) => s.layout)).toEqual(["presenter", "split", "visual", "split", "visual", "presenter"]);
    expect(board.scenes.map((s) => (s.visual.type === "card" ? s.visual.card.kind : s.visual.type))).toEqual(["none", "hackernews", "reddit", "github", "number", "none"]);
    // Mutation tried: citationOf returning null → fewer than 3 citations, fails.
    const cited = board.scenes.filter((s) => s.citation);
    expect(cited.length).toBeGreaterThanOrEqual(3);
    expect(cited[0].citation).toEqual({ label: "Hacker News", url: "https://news.ycombinator.com/item?id=41000001" });
    // The takeaway shows the largest figure among its sources, with that source cited.
    const take = board.scenes[4];
    expect(take.visual).toEqual({ type: "card", card: { kind: "number", value: "15K", caption: "stars · github.com/acme/agentkit" } });
    expect(take.citation?.label).toBe("github.com/acme/agentkit");
    // Aspects from the ticked platforms, first one first, each once.
    expect(board.aspects).toEqual(["9:16", "16:9", "1:1"]);
    expect(board.music).toEqual({ bed: "calm", volumeDb: -20 });
    for (const re of INTERNAL) expect(storyboardScript(board)).not.toMatch(re);
  });

  it("is deterministic, and plans a bare script by matching quoted titles", () => {
    expect(planStoryboard(written, FAKE_ITEMS)).toEqual(planStoryboard(written, FAKE_ITEMS));
    const bare = planStoryboard({ script: "Big week for agents.\n\nOne post says AI automation tools saved my team 10 hours a week.\n\nFollow for more." }, FAKE_ITEMS);
    expect(bare.aspects).toEqual(["9:16"]);
    expect(bare.scenes.map((s) => s.layout)).toEqual(["presenter", "split", "presenter"]);
    expect(bare.scenes[1].citation?.label).toBe("r/productivity");
  });

  it("formats card figures compactly", () => {
    expect([812, 4210, 15400, 200000, 1250000].map(compactNumber)).toEqual(["812", "4.2K", "15K", "200K", "1.3M"]);
  });
});

describe("research cards", () => {
  it("escape source text: markup in a title is drawn as characters, never parsed", () => {
    // Mutation tried: textMarkup → raw text in svg.ts textBlock; the <script> tag appears unescaped and this fails.
    const svg = cardSvg({ kind: "reddit", subreddit: "r/x", title: `</text><script>alert(1)</script> & "quotes"`, score: 1, comments: 2 }, { width: 1000, height: 800 });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;/text&gt;&lt;script&gt;");
    expect(svg).toContain("&amp; &quot;quotes&quot;");
  });
});
