/**
 * Devanagari on mixed-script lines (issue 13). resvg 2.6 shapes a text chunk as a whole: when a
 * chunk mixes Devanagari with text in another font, a Devanagari word is misshaped (स्ते with a
 * visible virama, कि without its ि) or, when the chunk starts with Devanagari, not drawn at all
 * (resvg #928). Lines with Devanagari are therefore drawn as one chunk per script run
 * (devanagari-runs.ts). These tests render through the production caption path
 * (wordCaptionSvg → svgToRgba) and compare a Devanagari word drawn alone with the same word in a
 * mixed line, by the ink of its highlight colour.
 */
import { describe, expect, it } from "vitest";
import { computeLayout } from "./layout";
import { scriptFontFile, svgToRgba } from "./raster";
import { captionGroups, fitTitle, sceneSvg, wordCaptionSvg, type CaptionGroup } from "./scene";
import { lineRuns } from "./devanagari-runs";

const hasDevanagari = !!scriptFontFile("devanagari");
const L = computeLayout("9:16", "normal");

/** Pixels of the highlight colour (the active word's fill), as a mask cropped to their box. */
function activeMask(img: { width: number; height: number; data: Uint8Array }): { w: number; h: number; on: Set<number> } {
  const hit = (i: number) => img.data[i + 3] > 200 && img.data[i] > 200 && img.data[i + 1] > 170 && img.data[i + 2] < 140;
  let x0 = img.width, y0 = img.height, x1 = -1, y1 = -1;
  for (let i = 0; i < img.data.length; i += 4) {
    if (!hit(i)) continue;
    const p = i / 4, x = p % img.width, y = Math.floor(p / img.width);
    x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
  }
  const on = new Set<number>();
  for (let i = 0; i < img.data.length; i += 4) {
    if (!hit(i)) continue;
    const p = i / 4;
    on.add((Math.floor(p / img.width) - y0) * 10000 + ((p % img.width) - x0));
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1, on };
}

/** Intersection over union of two masks aligned at their top-left corners. */
function iou(a: Set<number>, b: Set<number>): number {
  let both = 0;
  for (const k of a) if (b.has(k)) both++;
  return both / (a.size + b.size - both || 1);
}

/** The caption group of `text` (one line), with word `active` highlighted, rasterised. */
function caption(text: string, active: number) {
  const groups = captionGroups([text], L);
  expect(groups, text).toHaveLength(1);
  const g: CaptionGroup = groups[0];
  expect(g.lines, text).toHaveLength(1);
  const cap = wordCaptionSvg(g, active, L);
  return { cap, img: svgToRgba(cap.svg, { text }) };
}

describe("Devanagari words keep their shape on mixed-script lines", () => {
  // Figures on this machine (IoU of the highlighted word's ink, word alone vs in the line;
  // /tmp probe through wordCaptionSvg at HEAD vs now):
  //   before (one chunk per line, an invisible Latin lead on Devanagari-first lines):
  //     "नमस्ते Tokyo" 0.661, "Tokyo नमस्ते" 0.663, "किताब and more" 0.645 (ि lost),
  //     "Hi नमस्ते दुनिया" 0.671 / 0.702, "कि OK!" 0.386;
  //   after (one chunk per script run): 1.000 for each, but दुनिया 0.990.
  // Mutation tried: `lineRuns` joining the runs back into one chunk (only the first run gets
  // its <tspan x>) → 12 of the 14 tests in this file fail: "नमस्ते Tokyo" draws nothing (#928),
  // दुनिया IoU 0.71, कि 22 px narrower. ("किताब and more" passes under it: a chunk that STARTS
  // with किताब shapes it right; at HEAD that line failed because of the invisible Latin lead.)
  const CASES: [line: string, active: number, word: string][] = [
    ["नमस्ते Tokyo", 0, "नमस्ते"],
    ["Tokyo नमस्ते", 1, "नमस्ते"],
    ["किताब and more", 0, "किताब"],
    ["Hi नमस्ते दुनिया", 1, "नमस्ते"],
    ["Hi नमस्ते दुनिया", 2, "दुनिया"],
    ["कि OK!", 0, "कि"],
    ["مرحبا नमस्ते", 1, "नमस्ते"],
  ];
  for (const [line, active, word] of CASES) {
    it.skipIf(!hasDevanagari)(`"${word}" in "${line}" is drawn as it is alone`, () => {
      const alone = caption(word, 0);
      const mixed = caption(line, active);
      expect(mixed.cap.fontSize, "same text size").toBe(alone.cap.fontSize);
      const a = activeMask(alone.img);
      const b = activeMask(mixed.img);
      expect(a.on.size, "the word has ink").toBeGreaterThan(1000);
      expect(Math.abs(a.w - b.w), `ink box width ${a.w} vs ${b.w}`).toBeLessThanOrEqual(2);
      expect(iou(a.on, b.on), `IoU of "${word}" alone vs in "${line}"`).toBeGreaterThanOrEqual(0.97);
    });
  }
});

describe("lines that start with Devanagari and go on in another font (resvg #928)", () => {
  // resvg #928 drew nothing for such a line (ink 0). The chunks cure it: no chunk mixes fonts.
  // Mutation tried: same as above (one chunk for the whole line, without the old invisible
  // lead) → every case here fails: four draw no ink at all, "बें 42" is short of its width.
  for (const text of ["नमस्ते world", "बें and 🇮🇳", "स्ते abc", "बें 42", "नमस्ते 🚀"]) {
    it.skipIf(!hasDevanagari)(`draws "${text}" across its full width, centred`, () => {
      const { cap, img } = caption(text, 0);
      let x0 = img.width, x1 = 0;
      for (let i = 3; i < img.data.length; i += 4) {
        if (img.data[i] < 128) continue;
        const x = ((i - 3) / 4) % img.width;
        x0 = Math.min(x0, x); x1 = Math.max(x1, x);
      }
      const pad = Math.round(cap.fontSize * 0.3);
      expect(cap.width, "strip width").toBeGreaterThan(cap.fontSize * 2.5);
      expect(x1 - x0, `ink ${x0}..${x1} of ${cap.width}`).toBeGreaterThan((cap.width - 2 * pad) * 0.9);
      expect(Math.abs((x0 + x1) / 2 - cap.width / 2), "centred").toBeLessThan(cap.fontSize * 0.15);
    });
  }
});

describe("run layout", () => {
  // Mutation tried: the gap between two runs left out (`gap = 0` in lineRuns) → "नमस्ते" and
  // "Tokyo" touch: the widths differ by one space (26 px at 100 px) and this fails (as do
  // "बें 42"'s strip width and "नमस्ते Tokyo"'s ink box width above).
  it.skipIf(!hasDevanagari)("places each run at the pen position, a space apart, as one line would", () => {
    const one = lineRuns([{ text: "नमस्ते" }], { fontSize: 100, weight: 800 });
    const two = lineRuns([{ text: "नमस्ते" }, { text: "Tokyo", sep: " " }], { fontSize: 100, weight: 800 });
    const tokyo = lineRuns([{ text: "Tokyo" }], { fontSize: 100, weight: 800 });
    const space = lineRuns([{ text: "H" }, { text: "H", sep: " " }], { fontSize: 100, weight: 800 }).width - 2 * lineRuns([{ text: "H" }], { fontSize: 100, weight: 800 }).width;
    expect(space).toBeGreaterThan(20);
    expect(Math.abs(two.width - (one.width + space + tokyo.width))).toBeLessThan(1);
    // Advances scale with the text size (measured once at 100 px).
    const half = lineRuns([{ text: "नमस्ते" }, { text: "Tokyo", sep: " " }], { fontSize: 50, weight: 800 });
    expect(Math.abs(half.width * 2 - two.width)).toBeLessThan(0.01);
    expect(two.markup(0).match(/<tspan x=/g)).toHaveLength(2);
  });

  // Runs are ordered by the bidi algorithm at run level: in a line that starts with Arabic the
  // Arabic word is on the right, the Devanagari word after it on its left; in a line that
  // starts with Devanagari the order is left to right. Mutation tried: `visualOrder` returning
  // the logical order (`return idx` first) → the Arabic of "مرحبا नमस्ते" is drawn on the left
  // and the first two cases fail.
  for (const [line, active, side] of [["مرحبا नमस्ते", 0, "right"], ["مرحبا नमस्ते", 1, "left"], ["नमस्ते مرحبا", 1, "right"], ["नमस्ते مرحبا", 0, "left"]] as const) {
    it.skipIf(!hasDevanagari)(`puts word ${active} of "${line}" on the ${side}`, () => {
      const { img } = caption(line, active);
      let sum = 0, n = 0;
      for (let i = 0; i < img.data.length; i += 4) {
        if (img.data[i + 3] > 200 && img.data[i] > 200 && img.data[i + 1] > 170 && img.data[i + 2] < 140) {
          sum += (i / 4) % img.width;
          n++;
        }
      }
      expect(n).toBeGreaterThan(500);
      const mid = sum / n;
      if (side === "right") expect(mid).toBeGreaterThan(img.width * 0.55);
      else expect(mid).toBeLessThan(img.width * 0.45);
    });
  }

  it("escapes user text in every run", () => {
    const r = lineRuns([{ text: "नमस्ते<b>&" }, { text: "'x'", sep: " ", attrs: 'fill="#fff"' }], { fontSize: 40, weight: 700 });
    const m = r.markup(10);
    expect(m).toContain("&lt;b&gt;&amp;");
    expect(m).not.toContain("<b>");
    expect(m).toContain("&apos;x&apos;");
  });

  // The title is a line too: "नमस्ते" on the left of the title "नमस्ते Tokyo" is drawn as the
  // title "नमस्ते" draws it (white text pixels of the title band, word-wide crop from the left).
  // Figures: after 1.000. Mutation tried: sceneSvg drawing the title with textMarkup in one
  // centred chunk again (the HEAD code, with its invisible lead) → IoU 0.769, fails.
  it.skipIf(!hasDevanagari)("draws a Devanagari title word as it is alone", () => {
    const titleInk = (title: string) => {
      const fit = fitTitle(title, L);
      const svg = sceneSvg({ layout: L, slug: "sarah", background: { type: "color", value: "#1e293b" }, mouth: "X", eyes: "open", parts: "noAvatar" }, fit);
      const img = svgToRgba(svg, { text: title });
      const top = Math.round(L.title.centerY - fit.fontSize);
      const rows = Math.round(fit.fontSize * 2);
      const on: [number, number][] = [];
      for (let y = top; y < top + rows; y++) {
        for (let x = 0; x < img.width; x++) {
          const i = (y * img.width + x) * 4;
          if (img.data[i] > 235 && img.data[i + 1] > 235 && img.data[i + 2] > 235) on.push([x, y]);
        }
      }
      return { fit, on };
    };
    const alone = titleInk("नमस्ते");
    const mixed = titleInk("नमस्ते Tokyo");
    expect(mixed.fit.fontSize).toBe(alone.fit.fontSize);
    const box = (on: [number, number][]) => ({ x0: Math.min(...on.map((p) => p[0])), y0: Math.min(...on.map((p) => p[1])) });
    const a = box(alone.on);
    const wordW = Math.max(...alone.on.map((p) => p[0])) - a.x0 + 1;
    const m = box(mixed.on);
    const key = (p: [number, number], o: { x0: number; y0: number }) => (p[1] - o.y0) * 10000 + (p[0] - o.x0);
    const A = new Set(alone.on.map((p) => key(p, a)));
    const B = new Set(mixed.on.filter((p) => p[0] - m.x0 < wordW).map((p) => key(p, m)));
    expect(A.size).toBeGreaterThan(500);
    expect(iou(A, B), "IoU of the title word").toBeGreaterThanOrEqual(0.97);
  });
});

