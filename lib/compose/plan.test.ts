import { describe, expect, it } from "vitest";
import { writeShortScript } from "@/lib/research/writer";
import { cardSvg } from "./cards";
import { FAKE_ITEMS } from "./fixtures";
import { DEFAULT_MUSIC, brollPrompt, compactNumber, musicFor, planStoryboard, proposeBroll } from "./plan";
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

describe("proposed AI B-roll", () => {
  const written = writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 });

  it("is off by default: no scene asks for a paid clip unless the caller says the workspace has B-roll on", () => {
    // Mutation tried: `opts.broll ?` → `opts.broll !== false ?` in planStoryboard → the hook becomes B-roll and this fails.
    expect(planStoryboard(written, FAKE_ITEMS).scenes.some((s) => s.visual.type === "broll")).toBe(false);
  });

  it("turns the hook (a presenter scene) into B-roll and leaves cards with figures and the call to action alone", () => {
    const plain = planStoryboard(written, FAKE_ITEMS);
    const board = planStoryboard(written, FAKE_ITEMS, { broll: true });
    expect(storyboardSchema.parse(board)).toEqual(board);
    expect(board.scenes.map((s) => s.visual.type)).toEqual(["broll", "card", "card", "card", "card", "none"]);
    // Everything but the hook is the plan without B-roll; the lines never change.
    expect(board.scenes.slice(1)).toEqual(plain.scenes.slice(1));
    expect(board.scenes.map((s) => s.text)).toEqual(plain.scenes.map((s) => s.text));
    // The hook keeps the face beside the clip.
    expect(board.scenes[0]).toMatchObject({ layout: "split", citation: null });
  });

  it("proposes at most two clips, hook first, replacing only nothing or a pull quote, never the call to action", () => {
    const script = ["Your inbox is lying to you.", "Remote teams move standups to async video.", "One founder said: less noise, more focus.", "Developers now review more code than they write.", "Follow for the next one."].join("\n\n");
    const base = planStoryboard({ script }, []);
    // A pull quote on scene 3 (weak) and a figure card on scene 4 (strong) stand in for research cards.
    base.scenes[2] = { ...base.scenes[2], layout: "split", visual: { type: "card", card: { kind: "quote", text: "Less noise, more focus.", attribution: "example.com" } }, citation: { label: "example.com", url: null } };
    base.scenes[3] = { ...base.scenes[3], layout: "split", visual: { type: "card", card: { kind: "number", value: "15K", caption: "stars" } }, citation: { label: "GitHub", url: null } };
    const board = proposeBroll(base);
    // Mutation tried: dropping the `left <= 0` stop → scene 3 (the quote) becomes a third clip and this fails.
    expect(board.scenes.map((s) => s.visual.type)).toEqual(["broll", "broll", "card", "card", "none"]);
    expect(board.scenes.map((s) => s.layout)).toEqual(["split", "visual", "split", "split", "presenter"]);
    // With room for more, the quote goes too, the figure card never; the CTA stays the presenter.
    // Mutation tried: `i === last && last > 0` removed → the CTA becomes B-roll and this fails.
    const more = proposeBroll(base, 5);
    expect(more.scenes.map((s) => s.visual.type)).toEqual(["broll", "broll", "broll", "card", "none"]);
    expect(more.scenes[2].citation).toBeNull();
    expect(more.scenes[3].citation).toEqual({ label: "GitHub", url: null });
    // B-roll the user already chose counts towards the two.
    const chosen = { ...base, scenes: base.scenes.map((s, i) => (i === 3 ? { ...s, visual: { type: "broll" as const, prompt: "A robot arm" } } : s)) };
    expect(proposeBroll(chosen).scenes.filter((s) => s.visual.type === "broll")).toHaveLength(2);
    expect(proposeBroll(base)).toEqual(proposeBroll(base));
  });

  it("writes a concrete, visual, safe prompt from the scene's own words, without links, handles, figures or internal phrases", () => {
    const p = brollPrompt("Per https://example.com/x and @devnews, AI pair programmers ship features 40% faster.", "point")!;
    expect(p).toMatch(/^Slow, steady dolly shot of lines of code scrolling on a monitor/);
    expect(p).toContain("evoking pair, programmers, ship, features");
    expect(p).toMatch(/No text, no logos, no recognisable people\.$/);
    // Mutation tried: removing the URL / handle / figure stripping → "https", "devnews" or "40" reach the prompt and this fails.
    for (const bad of ["http", "example.com", "devnews", "40", "%"]) expect(p).not.toContain(bad);
    expect(brollPrompt("Stop scrolling: your meetings are eating your week.", "hook")).toMatch(/^Dynamic opening shot with a quick push-in of a laptop on a desk showing a video call grid/);
    // A line about something unsafe gets the neutral shot and none of its words.
    // Mutation tried: UNSAFE test removed → "weapons" reaches the prompt and this fails.
    const unsafe = brollPrompt("Hackers sell weapons of mass disruption.", "point")!;
    expect(unsafe).toContain("a calm, modern workspace");
    expect(unsafe).not.toMatch(/weapons|hackers/i);
    expect(brollPrompt("42 — 100%!", "point")).toBeNull();
    const board = planStoryboard(written, FAKE_ITEMS, { broll: true });
    for (const s of board.scenes) if (s.visual.type === "broll") for (const re of INTERNAL) expect(s.visual.prompt).not.toMatch(re);
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

describe("musicFor (the one owner of a storyboard's music; the planner and video create call it)", () => {
  it("takes the board's choice, else the template's bed, else calm at −20 dB", () => {
    // Mutations tried: the template line removed → the second case gets calm/-20; `if (chosen)`
    // removed → the first case gets the template's focus/-12.
    const tpl = { musicBed: "focus" as const, musicVolumeDb: -12 };
    expect(musicFor({ bed: "upbeat", volumeDb: -16 }, tpl)).toEqual({ bed: "upbeat", volumeDb: -16 });
    expect(musicFor(undefined, tpl)).toEqual({ bed: "focus", volumeDb: -12 });
    expect(musicFor(null, { musicBed: null, musicVolumeDb: -12 })).toEqual({ bed: "calm", volumeDb: -20 });
    expect(DEFAULT_MUSIC).toEqual({ bed: "calm", volumeDb: -20 });
    // The planner fills the same default.
    expect(planStoryboard(writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 }), FAKE_ITEMS, {}).music).toEqual(DEFAULT_MUSIC);
  });
});
