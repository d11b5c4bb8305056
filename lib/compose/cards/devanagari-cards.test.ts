/**
 * Devanagari on mixed-script lines in composed shorts' cards (issue 13/14). resvg 2.6 shapes a
 * text chunk as a whole: a Devanagari word sharing a chunk with Latin is misshaped (स्ते with a
 * visible virama, कि without its ि). The cards now draw a line with Devanagari as one chunk per
 * script run (svg.ts runLine, caption.ts via the studio's textLine), as captions and titles do.
 * Each test rasterises a card through its production SVG builder and compares the ink of a
 * Devanagari word drawn alone with the same word inside a mixed line (cropped to the word's
 * width from the line's edge it sits at), by IoU.
 *
 * Figures on this machine (min IoU per kind over the cases below):
 *   before (textMarkup in one chunk, with the invisible-Latin lead on Devanagari-first lines):
 *     research card title 0.753 / 0.674 / 0.635 ("नमस्ते Tokyo" / "Tokyo नमस्ते" /
 *     "किताब and more"), brand card title 0.743 / 0.669 / 0.640, watermark 0.715 / 0.657 /
 *     0.534, caption 0.000 (no highlight ink where the word should be) / 0.657 / 0.961, chip
 *     ("Source: नमस्ते" / "Source: नमस्ते Tokyo" / "Source: किताब and more") 0.663 / 0.699 / 0.585;
 *   after: 1.000 in every case.
 * Mutation tried: every `hasDevanagari(…)` gate in svg.ts, caption.ts, brand.ts and chip.ts
 * made `false && …` (each line drawn in one chunk with textMarkup again: the code before this
 * change, whose SVG for text without Devanagari is byte-identical) → all 15 cases fail with
 * the "before" figures above.
 */
import { describe, expect, it } from "vitest";
import { computeLayout } from "@/lib/render/layout";
import { FONT_FAMILY, scriptFontFile, svgToRgba, textMarkup } from "@/lib/render/raster";
import { captionGroups } from "@/lib/render/scene";
import { shotLayout } from "../layout";
import { brandCardSvg, DEFAULT_COLOURS, watermarkSvg } from "./brand";
import { captionStripSvg } from "./caption";
import { COMPOSE_ASPECTS } from "../types";
import { cardSvg, citationChipSvg, type CardSpec } from "./index";
import { runLineWidth } from "./svg";

const hasDeva = !!scriptFontFile("devanagari");
type Img = { width: number; height: number; data: Uint8Array };
type Px = (r: number, g: number, b: number, a: number) => boolean;

/** Pixels of `img` that `hit` picks, as [x, y]. */
function pixels(img: Img, hit: Px): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < img.data.length; i += 4)
    if (hit(img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3])) out.push([(i / 4) % img.width, Math.floor(i / 4 / img.width)]);
  return out;
}

/** The word's ink: pixels within `wordW` of the line's `side` edge, keyed from their top-left. */
function wordMask(on: [number, number][], side: "left" | "right", wordW: number): Set<number> {
  const xs = on.map((p) => p[0]);
  const edge = side === "left" ? Math.min(...xs) : Math.max(...xs);
  const kept = on.filter((p) => (side === "left" ? p[0] - edge < wordW : edge - p[0] < wordW));
  const x0 = Math.min(...kept.map((p) => p[0]));
  const y0 = Math.min(...kept.map((p) => p[1]));
  return new Set(kept.map((p) => (p[1] - y0) * 10000 + (p[0] - x0)));
}

function iou(a: Set<number>, b: Set<number>): number {
  let both = 0;
  for (const k of a) if (b.has(k)) both++;
  return both / (a.size + b.size - both || 1);
}

/** IoU of the word's ink drawn alone (`alone`) vs in the mixed line (`mixed`). */
function compare(alone: Img, mixed: Img, hit: Px, side: "left" | "right"): number {
  const a = pixels(alone, hit);
  expect(a.length, "the word alone has ink").toBeGreaterThan(300);
  const xs = a.map((p) => p[0]);
  const wordW = Math.max(...xs) - Math.min(...xs) + 1;
  return iou(wordMask(a, "left", wordW), wordMask(pixels(mixed, hit), side, wordW));
}

/** Mixed lines: the word, its side of the line. */
const CASES: [word: string, line: string, side: "left" | "right"][] = [
  ["नमस्ते", "नमस्ते Tokyo", "left"],
  ["नमस्ते", "Tokyo नमस्ते", "right"],
  ["किताब", "किताब and more", "left"],
];

const dark: Px = (r, g, b, a) => a > 200 && r < 90 && g < 90 && b < 110;
const white: Px = (r, g, b, a) => a > 200 && r > 225 && g > 225 && b > 225;
const yellow: Px = (r, g, b, a) => a > 200 && r > 200 && g > 170 && b < 140;
const rgba = (svg: string, text: string) => svgToRgba(svg, { text });

const KINDS: Record<string, (text: string) => { img: Img; hit: Px }> = {
  // A research card: the headline's title, left-aligned, ink colour on the white sheet.
  "research card title": (t) => {
    const r = shotLayout("16:9", "split").visual!;
    return { img: rgba(cardSvg({ kind: "headline", site: "example.com", title: t }, { width: r.w, height: r.h }), t), hit: dark };
  },
  // The brand intro/outro card: the title, centred, white on the kit's background.
  "brand card title": (t) => ({ img: rgba(brandCardSvg(1080, 1080, { title: t, subtitle: "" }, DEFAULT_COLOURS, null), t), hit: white }),
  // The watermark (lower corner): right-aligned.
  watermark: (t) => ({ img: rgba(watermarkSvg(t, 700, 90, "#ffffff", 1), t), hit: white }),
  // Word-by-word captions: every word highlighted in turn; the Devanagari word is the active one.
  caption: (t) => {
    const [g] = captionGroups([t], computeLayout("9:16", "normal"));
    const active = g.words.findIndex((w) => /[\u0900-\u097f]/u.test(w.text));
    return { img: rgba(captionStripSvg(g, active, shotLayout("9:16", "split").captions), t), hit: yellow };
  },
};

describe("Devanagari words in cards keep their shape on mixed-script lines", () => {
  for (const [kind, draw] of Object.entries(KINDS))
    for (const [word, line, side] of CASES)
      it.skipIf(!hasDeva)(`${kind}: "${word}" in "${line}" is drawn as it is alone`, () => {
        const alone = draw(word);
        const mixed = draw(line);
        const v = compare(alone.img, mixed.img, alone.hit, side);
        expect(v, `IoU of "${word}" alone vs in "${line}" (${kind})`).toBeGreaterThanOrEqual(0.97);
      });

  // The chip always reads "Source: <label>", so its Devanagari never stands alone: the word is
  // compared with itself drawn alone in a bare <text> (an all-Devanagari chunk, which resvg
  // shapes right) at the chip's size and weight.
  for (const [word, line, side] of [["नमस्ते", "नमस्ते", "right"], ["नमस्ते", "नमस्ते Tokyo", "left"], ["किताब", "किताब and more", "left"]] as const)
    it.skipIf(!hasDeva)(`citation chip: "${word}" in "Source: ${line}" is drawn as it is alone`, () => {
      const l = shotLayout("16:9", "visual");
      const chip = citationChipSvg(line, l.chip.unit, l.chip.maxWidth);
      const size = Number(chip.svg.match(/font-size="(\d+)"/)![1]);
      const bare = `<svg xmlns="http://www.w3.org/2000/svg" width="${size * 8}" height="${size * 3}"><text x="${size}" y="${size * 2}" font-family="${FONT_FAMILY}" font-weight="700" font-size="${size}" fill="#ffffff">${textMarkup(word)}</text></svg>`;
      const img = rgba(chip.svg, line);
      // Crop the chip to the label after "Source: " (its right part): the word sits at the
      // label's left edge unless it is the whole label, then at the line's right edge.
      const on = pixels(img, white);
      const srcW = pixels(rgba(citationChipSvg("x", l.chip.unit, l.chip.maxWidth).svg.replace(/>Source: x</, ">Source: <"), "x"), white);
      const srcRight = Math.max(...srcW.map((p) => p[0]));
      const label = on.filter((p) => p[0] > srcRight + size * 0.15);
      const a = pixels(rgba(bare, word), white);
      const xs = a.map((p) => p[0]);
      const wordW = Math.max(...xs) - Math.min(...xs) + 1;
      const v = iou(wordMask(a, "left", wordW), wordMask(label, side, wordW));
      expect(v, `IoU of "${word}" alone vs in the chip "Source: ${line}"`).toBeGreaterThanOrEqual(0.97);
    });
});

describe("Devanagari lines in cards escape user text", () => {
  // runLine / textLine put user text into markup through the run layout's own escaping.
  // Mutation tried: runLine building its line from the raw text (`${text}` instead of
  // runs.markup(x0)) → the <script> tag reaches the card's SVG and this fails.
  it("draws markup-like text as characters in every card kind", () => {
    const t = `नमस्ते </text><script>alert(1)</script> & "x" Tokyo`;
    const r = shotLayout("16:9", "split").visual!;
    // A caption group holds up to three short words: the markup-like word is kept short.
    const [g] = captionGroups(["नमस्ते <b>&</b> Tokyo"], computeLayout("9:16", "normal"));
    const svgs: [string, string][] = [
      ["research card", cardSvg({ kind: "headline", site: t, title: t }, { width: r.w, height: r.h })],
      ["brand card", brandCardSvg(1080, 1080, { title: t, subtitle: t }, DEFAULT_COLOURS, null)],
      ["watermark", watermarkSvg(t, 700, 90, "#ffffff", 1)],
      ["chip", citationChipSvg(t, 27, 1600).svg],
      ["caption", captionStripSvg(g, 0, shotLayout("9:16", "split").captions)],
    ];
    for (const [kind, svg] of svgs) {
      expect(svg, kind).toContain("नमस्ते");
      expect(svg, kind).not.toMatch(/<script>|<b>/);
      expect(svg, kind).toMatch(/&lt;(\/text|b)&gt;/);
      expect(svg, kind).toContain("&amp;");
    }
  });
});

describe("Devanagari card lines stay inside their card", () => {
  // Every run-drawn line (its pen x and its runs' advance, as runLine places it) lies inside the
  // card's sheet, for long Hindi inputs in every aspect and layout (the fitting's width estimate
  // is for Latin; the Devanagari lines measured here end well inside the edge). Mutation tried:
  // runLine ignoring the anchor (`x0 = o.x` always) → the centred number-card caption starts
  // at the centre and runs past the right edge, fails.
  const H = "नमस्ते दुनिया किताबें हिन्दी में पढ़िए और सीखिए Tokyo के बारे में बहुत कुछ नया अंतर्राष्ट्रीयकरण";
  const cards: CardSpec[] = [
    { kind: "headline", site: H, title: H },
    { kind: "reddit", subreddit: "r/x", title: H, score: 1, comments: 2 },
    { kind: "github", repo: "a/b", description: H, stars: 5, language: "ts" },
    { kind: "quote", text: H, attribution: H },
    { kind: "number", value: "15K", caption: H },
    { kind: "trend", term: H, counts: [1, 2], labels: ["सोम", "Tue"] },
  ];
  it.skipIf(!hasDeva)("keeps every line inside the card with long Hindi inputs", () => {
    for (const aspect of COMPOSE_ASPECTS)
      for (const layout of ["split", "visual"] as const) {
        const r = shotLayout(aspect, layout).visual!;
        const pad = Math.round(Math.min(r.w, r.h) * 0.03);
        for (const c of cards) {
          const svg = cardSvg(c, { width: r.w, height: r.h });
          const drawn = [...svg.matchAll(/<text x="([\d.-]+)" y="\d+" text-anchor="start" font-family="([^"]+)" font-weight="(\d+)" font-size="(\d+)" [^>]*>(.*?)<\/text>/g)];
          expect(drawn.length, `${c.kind} draws run lines`).toBeGreaterThan(0);
          for (const m of drawn) {
            // The line's text: its runs (one <tspan x> each) a space apart (a run after one
            // without a space, "बहुत…", gains one: the check errs on the strict side).
            const runs = m[5].split(/<tspan x="[\d.-]+">/).map((r) => r.replace(/<[^>]+>/g, "")).filter(Boolean);
            const text = runs.join(" ").replace(/&amp;/g, "&");
            const left = Number(m[1]);
            const right = left + runLineWidth(text, Number(m[4]), Number(m[3]), m[2]);
            expect(left, `${c.kind} "${text}" starts outside (${aspect} ${layout})`).toBeGreaterThanOrEqual(pad);
            expect(right, `${c.kind} "${text}" runs past the card (${aspect} ${layout}, width ${r.w})`).toBeLessThanOrEqual(r.w - pad);
          }
        }
      }
  });
});

