/**
 * Word-by-word caption strips for composed shorts. The grouping and timing are the studio's
 * (lib/render/scene: captionGroups, wordCues); the drawing is ours so the brand kit's font and
 * colour reach it. One PNG per (group, highlighted word), drawn once and reused by every shot.
 * A strip is the caption slot's full size (text centred on its bottom edge) so a shot's caption
 * stream keeps one frame size.
 */
import type { BrandFont } from "@/lib/brand/types";
import { hasDevanagari } from "@/lib/render/devanagari-runs";
import { FONT_FAMILY, textMarkup } from "@/lib/render/raster";
import { textLine, type CaptionGroup } from "@/lib/render/scene";
import type { CaptionSlot } from "../layout";

export interface CaptionStyle {
  font: BrandFont;
  fill: string;
  active: string;
  stroke: string;
}

export const DEFAULT_CAPTION_STYLE: CaptionStyle = { font: "sans-bold", fill: "#ffffff", active: "#ffe14d", stroke: "#0b0f1a" };

/** Fonts that ship with the app (Noto Sans in lib/render/assets) or with the OS image (DejaVu). */
const FONTS: Record<BrandFont, { family: string; weight: number }> = {
  "sans-bold": { family: FONT_FAMILY, weight: 800 },
  sans: { family: FONT_FAMILY, weight: 500 },
  serif: { family: "DejaVu Serif", weight: 700 },
  mono: { family: "DejaVu Sans Mono", weight: 700 },
};

const CJK = /[\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** Text of a group's line `l`. */
const lineText = (g: CaptionGroup, l: number[]) => l.map((k, j) => sepBefore(g, l, j) + g.words[k].text).join("");

/** Separator before word `j` of line `l` ("" between two CJK words). */
const sepBefore = (g: CaptionGroup, l: number[], j: number) =>
  j > 0 && !(CJK.test(g.words[l[j - 1]].text.slice(-1)) && CJK.test(g.words[l[j]].text[0] ?? "")) ? " " : "";

/**
 * The SVG of one strip (slot.maxWidth × slot.height, transparent) with word `active` in the
 * active colour. Text wider than the strip shrinks down to slot.minFontSize, measured with the
 * real font. A line with Devanagari is drawn by the studio's textLine, one text chunk per
 * script run (resvg misshapes Devanagari sharing a chunk with Latin); other lines are one
 * centred chunk, as before.
 */
export function captionStripSvg(group: CaptionGroup, active: number, slot: CaptionSlot, style: CaptionStyle = DEFAULT_CAPTION_STYLE): string {
  const font = FONTS[style.font];
  const w = Math.round(slot.maxWidth);
  const h = Math.round(slot.height);
  let fontSize = slot.fontSize;
  const pad = Math.round(fontSize * 0.3);
  // textLine measures a line without Devanagari exactly as this strip did before (resvg's box
  // of the one-chunk line) and one with Devanagari by its runs' advances.
  const segments = (l: number[], fill: (k: number) => string | undefined) =>
    l.map((k, j) => ({ text: group.words[k].text, sep: sepBefore(group, l, j), attrs: fill(k) }));
  const widest = Math.max(1, ...group.lines.map((l) => textLine(segments(l, () => undefined), fontSize, font.weight, font.family).width));
  if (widest > w - pad * 2) fontSize = Math.max(slot.minFontSize, Math.floor((fontSize * (w - pad * 2)) / widest));
  const lineH = Math.round(fontSize * 1.18);
  const strokeW = Math.max(2, Math.round(fontSize / 7));
  const n = group.lines.length;
  const text = group.lines
    .map((l, i) => {
      // Lines stack upwards from the strip's bottom edge.
      const baseline = h - pad - (n - 1 - i) * lineH - Math.round(lineH * 0.5 - fontSize * 0.36);
      const strokeAttrs = `stroke="${style.stroke}" stroke-width="${strokeW}" stroke-linejoin="round" paint-order="stroke"`;
      const fill = (k: number) => `fill="${k === active ? style.active : style.fill}"`;
      if (hasDevanagari(lineText(group, l))) return textLine(segments(l, fill), fontSize, font.weight, font.family).element(w / 2, baseline, strokeAttrs);
      const spans = l.map((k, j) => `${sepBefore(group, l, j)}<tspan ${fill(k)}>${textMarkup(group.words[k].text)}</tspan>`).join("");
      return `<text x="${w / 2}" y="${baseline}" text-anchor="middle" font-family="${font.family}" font-weight="${font.weight}" font-size="${fontSize}" ${strokeAttrs}>${spans}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">${text}</svg>`;
}

export function blankStripSvg(slot: CaptionSlot): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.round(slot.maxWidth)}" height="${Math.round(slot.height)}"></svg>`;
}
