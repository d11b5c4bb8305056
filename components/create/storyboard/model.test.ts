/** The editor's board edits keep a board the API accepts (storyboardSchema) after every step. */
import { describe, expect, it } from "vitest";
import { storyboardSchema, type Storyboard } from "@/lib/compose/types";
import { brollEstimateBoard, moveScene, removeScene, restoreVisual, toggleAspect, updateScene, withBroll, withCard, withOwnVisual, type CardChoice } from "./model";

const board = (): Storyboard => ({
  version: 1,
  scenes: [
    { id: "s1", text: "Hook.", layout: "presenter", visual: { type: "none" }, citation: null },
    { id: "s2", text: "Point.", layout: "split", visual: { type: "card", card: { kind: "hackernews", title: "A", points: 1, comments: 2 } }, citation: { label: "Hacker News", url: "https://news.ycombinator.com/item?id=1" } },
    { id: "s3", text: "Bye.", layout: "presenter", visual: { type: "none" }, citation: null },
  ],
  music: { bed: "calm", volumeDb: -20 },
  aspects: ["16:9"],
});

const card: CardChoice = { itemId: "rss:1", label: "example.com", title: "B", visual: { type: "card", card: { kind: "headline", site: "example.com", title: "B" } }, citation: { label: "example.com", url: "https://example.com/b" } };

describe("storyboard edits", () => {
  it("moves a scene, clamping at the ends", () => {
    expect(moveScene(board(), 0, 2).scenes.map((s) => s.id)).toEqual(["s2", "s3", "s1"]);
    expect(moveScene(board(), 2, 1).scenes.map((s) => s.id)).toEqual(["s1", "s3", "s2"]);
    const b = board();
    // Mutation tried: dropping the clamp → moving the last scene down loses it (splice at 3).
    expect(moveScene(b, 2, 3)).toBe(b);
  });

  it("swapping a visual carries the card's citation; an upload or none drops it; none falls back to the presenter layout", () => {
    const swapped = withCard(board(), "s1", card);
    // Mutation tried: withCard without citation → the old (null) citation stays.
    expect(swapped.scenes[0]).toMatchObject({ visual: card.visual, citation: card.citation, layout: "split" });
    const cleared = withOwnVisual(board(), "s2", { type: "none" });
    // Mutation tried: removing normalise's none → presenter rule → layout stays "split" with nothing to show.
    expect(cleared.scenes[1]).toMatchObject({ visual: { type: "none" }, citation: null, layout: "presenter" });
    const upload = withOwnVisual(board(), "s2", { type: "upload", key: "uploads/w/1/image.png", kind: "image" });
    expect(upload.scenes[1].citation).toBeNull();
    for (const b of [swapped, cleared, upload]) expect(storyboardSchema.safeParse(b).success).toBe(true);
  });

  it("keeps at least one aspect and the first aspect first", () => {
    const b = board();
    expect(toggleAspect(b, "16:9")).toBe(b);
    const more = toggleAspect(toggleAspect(b, "9:16"), "1:1");
    // Mutation tried: sorting aspects canonically → 9:16 would become the main file.
    expect(more.aspects).toEqual(["16:9", "9:16", "1:1"]);
    expect(toggleAspect(more, "9:16").aspects).toEqual(["16:9", "1:1"]);
  });

  it("edits a line and never removes the last scene", () => {
    expect(updateScene(board(), "s3", { text: "Follow." }).scenes[2].text).toBe("Follow.");
    let b = removeScene(removeScene(board(), "s1"), "s2");
    expect(b.scenes.map((s) => s.id)).toEqual(["s3"]);
    b = removeScene(b, "s3");
    expect(b.scenes).toHaveLength(1);
  });

  it("AI B-roll drops the card's citation and needs room; switching back restores the card with its citation", () => {
    const b = board();
    const before = { visual: b.scenes[1].visual, citation: b.scenes[1].citation, layout: b.scenes[1].layout };
    const broll = withBroll(b, "s2", "A drone shot over a harbour at dawn");
    expect(broll.scenes[1]).toMatchObject({ visual: { type: "broll", prompt: "A drone shot over a harbour at dawn" }, citation: null, layout: "split" });
    // From a presenter scene, B-roll gets a layout that shows it.
    // Mutation tried: withBroll via a raw spread instead of updateScene → the hook stays "presenter" (nothing shown).
    expect(withBroll(b, "s1", "Sunrise").scenes[0].layout).toBe("split");
    // Over-long prompts are cut to what the API takes.
    expect((withBroll(b, "s1", "x".repeat(600)).scenes[0].visual as { prompt: string }).prompt).toHaveLength(500);
    const back = restoreVisual(broll, "s2", before);
    expect(back.scenes[1]).toEqual(b.scenes[1]);
    for (const x of [broll, back]) expect(storyboardSchema.safeParse(x).success).toBe(true);
  });

  it("asks the estimate only about what changes the price, and never with an invalid board", () => {
    const b = withBroll(withBroll(board(), "s2", "  A lighthouse in fog "), "s3", "   ");
    const edited = updateScene(b, "s1", { text: "" });
    const asked = brollEstimateBoard(edited);
    // A line being rewritten (empty) or a prompt not written yet would make the API answer 400.
    // Mutation tried: keeping scenes with an empty prompt → the schema rejects the board and this fails.
    expect(storyboardSchema.safeParse(asked).success).toBe(true);
    expect(asked.scenes.map((s) => [s.id, s.visual])).toEqual([["s2", { type: "broll", prompt: "A lighthouse in fog" }]]);
    // Editing a line does not change what is asked (no refetch).
    expect(brollEstimateBoard(updateScene(b, "s1", { text: "Other hook." }))).toEqual(asked);
    // No B-roll yet: a probe scene, so the answer still says whether B-roll is available.
    const probe = brollEstimateBoard(board());
    expect(storyboardSchema.safeParse(probe).success).toBe(true);
    expect(probe.scenes.map((s) => s.visual.type)).toEqual(["none"]);
    expect(probe.aspects).toEqual(["16:9"]);
  });
});
