/**
 * No card text leaves its card: every line of every card, drawn with long inputs in the box
 * each aspect gives it (split and visual layouts), is measured with the real font (resvg's
 * bounding box) and must lie inside the card's sheet.
 */
import { describe, expect, it } from "vitest";
import { FONT_FAMILY, svgContentWidth } from "@/lib/render/raster";
import { shotLayout } from "../layout";
import { COMPOSE_ASPECTS } from "../types";
import { cardSvg, citationChipSvg, type CardSpec } from "./index";

const LONG = "Supercalifragilisticexpialidocious-internationalisation-frameworks";
const CARDS: CardSpec[] = [
  { kind: "number", value: "15K", caption: "stars · github.com/acme/agentkit" },
  { kind: "number", value: "1,234,567,890", caption: `stars · github.com/acme-corporation-international/${LONG}` },
  { kind: "github", repo: `acme-corporation-international/${LONG}`, description: `${LONG} ${LONG} for agents`, stars: 15400, language: "typescript" },
  { kind: "reddit", subreddit: "r/SomeVeryLongSubredditNameThatGoesOnAndOnForever", title: `${LONG} saved my team ${LONG} hours`, score: 4210, comments: 388 },
  { kind: "hackernews", title: `Show HN: ${LONG}/${LONG}`, points: 812, comments: 233 },
  { kind: "headline", site: "www.an-extremely-long-news-site-name-for-testing.example.com", title: LONG },
  { kind: "quote", text: `${LONG} ${LONG} ${LONG}`, attribution: `u/${LONG}` },
  { kind: "trend", term: `${LONG} trend`, counts: [1, 3, 2, 5], labels: ["Mon", "Tue", "Wed", "Thu"] },
];

/** Each drawn line: its left and right edge in the card, measured with the real font. */
function lines(svg: string): { text: string; left: number; right: number }[] {
  const out: { text: string; left: number; right: number }[] = [];
  for (const t of svg.matchAll(/<text font-family="[^"]*" font-weight="(\d+)" font-size="(\d+)"[^>]*text-anchor="(\w+)">(.*?)<\/text>/g)) {
    const [, weight, size, anchor, body] = t;
    for (const sp of body.matchAll(/<tspan x="(-?[\d.]+)" y="[^"]*">(.*?)<\/tspan>/g)) {
      const x = Number(sp[1]);
      const w = svgContentWidth(
        `<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="400"><text x="10" y="200" font-family="${FONT_FAMILY}" font-weight="${weight}" font-size="${size}">${sp[2]}</text></svg>`,
        sp[2],
      );
      const left = anchor === "middle" ? x - w / 2 : x;
      out.push({ text: sp[2], left, right: left + w });
    }
  }
  return out;
}

describe("research cards", () => {
  for (const aspect of COMPOSE_ASPECTS)
    it(`keep every line inside the card with long inputs (${aspect})`, () => {
      // Mutation tried: fitText without the per-line width check and the long-word breaking
      // (as before) → "github.com/acme/agentkit" runs 40+ px past the number card, fails.
      for (const layout of ["split", "visual"] as const) {
        const r = shotLayout(aspect, layout).visual!;
        const pad = Math.round(Math.min(r.w, r.h) * 0.03);
        for (const card of CARDS) {
          const drawn = lines(cardSvg(card, { width: r.w, height: r.h }));
          expect(drawn.length).toBeGreaterThan(0);
          for (const l of drawn) {
            expect(l.left, `${card.kind} "${l.text}" starts outside (${aspect} ${layout})`).toBeGreaterThanOrEqual(pad);
            expect(l.right, `${card.kind} "${l.text}" runs past the card (${aspect} ${layout}, width ${r.w})`).toBeLessThanOrEqual(r.w - pad);
          }
        }
      }
    });

  it("keeps the Source chip's text inside the chip", () => {
    const l = shotLayout("16:9", "visual");
    // The text keeps at least half its padding from the pill's rounded end.
    // Mutation tried: chip width from the width estimate (as before) → "WWW MMM WWW" ends
    // 17 px from the edge (padding 40), fails.
    for (const label of [`github.com/acme-corporation-international/${LONG}`, "WWW MMM WWW", "Hacker News"]) {
      const chip = citationChipSvg(label, l.chip.unit, l.chip.maxWidth);
      expect(chip.width).toBeLessThanOrEqual(l.chip.maxWidth);
      for (const line of lines(chip.svg)) expect(line.right, label).toBeLessThanOrEqual(chip.width - Math.round(l.chip.unit * 1.1) / 2);
    }
  });
});
