/**
 * SVG building blocks for research cards. Every piece of user or source text goes through
 * textMarkup or runLine (both XML-escape) here and nowhere else, so a title like
 * `</text><script>` or `"; drawtext=` is drawn as characters: it never reaches markup, a
 * filter graph or a shell.
 */
import { hasDevanagari, lineRuns } from "@/lib/render/devanagari-runs";
import { FONT_FAMILY, textMarkup } from "@/lib/render/raster";
import { estimateTextWidth, wrapLines } from "@/lib/render/scene";

export interface Box {
  width: number;
  height: number;
}

export const INK = "#0f172a";
export const MUTED = "#475569";

/**
 * Breaks a word wider than `maxWidth` into pieces that fit, after "/", ".", "-" or "_" when it
 * can (URLs and repository names read better cut there), else anywhere.
 */
function breakLongWord(word: string, maxWidth: number, size: number): string[] {
  const out: string[] = [];
  let rest = word;
  while (estimateTextWidth(rest, size) > maxWidth && rest.length > 1) {
    let cut = 1;
    while (cut < rest.length && estimateTextWidth(rest.slice(0, cut + 1), size) <= maxWidth) cut++;
    const soft = Math.max(...["/", ".", "-", "_"].map((c) => rest.lastIndexOf(c, cut - 1) + 1));
    if (soft > cut * 0.4) cut = soft;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest) out.push(rest);
  return out;
}

/** Greedy wrap in which no line is wider than `maxWidth` (long words are broken). */
function wrapFitting(text: string, maxWidth: number, size: number): string[] {
  const lines: string[] = [];
  for (const line of wrapLines(text, maxWidth, size)) {
    if (estimateTextWidth(line, size) <= maxWidth) lines.push(line);
    else {
      // A line is only too wide when it holds one long word (wrapLines never joins past the width).
      let cur = "";
      for (const word of line.split(" ")) {
        for (const piece of breakLongWord(word, maxWidth, size)) {
          const next = cur ? `${cur} ${piece}` : piece;
          if (cur && estimateTextWidth(next, size) > maxWidth) {
            lines.push(cur);
            cur = piece;
          } else cur = next;
        }
      }
      if (cur) lines.push(cur);
    }
  }
  return lines;
}

/**
 * Wraps `text` into at most `maxLines` lines of width `maxWidth`, shrinking the font from
 * `size` down to `minSize`; words wider than the box are broken, and the last line gets an
 * ellipsis when the text still does not fit. No returned line is wider than `maxWidthIn`.
 */
export function fitText(text: string, maxWidthIn: number, size: number, minSize: number, maxLines: number): { lines: string[]; size: number } {
  // The width estimate is for regular text; our bold face runs ~10 % wider.
  const maxWidth = maxWidthIn * 0.9;
  let s = size;
  for (; s > minSize; s = Math.floor(s * 0.9)) {
    const lines = wrapLines(text, maxWidth, s);
    if (lines.length <= maxLines && lines.every((l) => estimateTextWidth(l, s) <= maxWidth)) return { lines, size: s };
  }
  // Then with long words broken, again from the largest size that fits.
  for (s = size; s > minSize; s = Math.floor(s * 0.9)) {
    const lines = wrapFitting(text, maxWidth, s);
    if (lines.length <= maxLines) return { lines, size: s };
  }
  // One line (the chip): cut the whole text at the width rather than drop everything after
  // its first long word.
  if (maxLines === 1) {
    let one = text;
    while (one.length > 1 && estimateTextWidth(`${one}…`, minSize) > maxWidth) one = one.slice(0, -1);
    return { lines: [`${one.trimEnd()}…`], size: minSize };
  }
  const lines = wrapFitting(text, maxWidth, minSize);
  if (lines.length <= maxLines) return { lines, size: minSize };
  const kept = lines.slice(0, maxLines);
  let last = kept[maxLines - 1];
  while (last.length > 1 && estimateTextWidth(`${last}…`, minSize) > maxWidth) last = last.slice(0, -1);
  kept[maxLines - 1] = `${last.trimEnd()}…`;
  return { lines: kept, size: minSize };
}

export type Anchor = "start" | "middle" | "end";

/**
 * One line of text with Devanagari as its own `<text>`, one chunk per script run
 * (lib/render/devanagari-runs): resvg 2.6 misshapes a Devanagari word that shares a chunk with
 * text in another font (स्ते with a visible virama, कि without its ि) or drops the chunk (#928).
 * The runs are placed from the line's measured advance so the line keeps its anchor; `attrs`
 * are our own attributes (fill, stroke), never user text.
 */
export function runLine(text: string, o: { x: number; y: number; size: number; weight: number; family?: string; anchor: Anchor; attrs: string }): string {
  const family = o.family ?? FONT_FAMILY;
  const runs = lineRuns([{ text }], { fontSize: o.size, weight: o.weight, family });
  const x0 = o.anchor === "start" ? o.x : o.anchor === "middle" ? o.x - runs.width / 2 : o.x - runs.width;
  return `<text x="${x0.toFixed(2)}" y="${o.y}" text-anchor="start" font-family="${family}" font-weight="${o.weight}" font-size="${o.size}" ${o.attrs}>${runs.markup(x0)}</text>`;
}

/** Advance width of a line with Devanagari as runLine draws it (px). */
export function runLineWidth(text: string, size: number, weight: number, family: string = FONT_FAMILY): number {
  return lineRuns([{ text }], { fontSize: size, weight, family }).width;
}

/**
 * A multi-line <text> block; returns the markup and the y below its last line. Lines with
 * Devanagari are drawn by runLine, each its own <text> after the block's; the others (and so a
 * block without Devanagari, unchanged) share one <text> of positioned tspans.
 */
export function textBlock(
  lines: string[],
  o: { x: number; y: number; size: number; fill: string; weight?: number; anchor?: "start" | "middle"; lineHeight?: number },
): { svg: string; bottom: number } {
  const lh = Math.round(o.size * (o.lineHeight ?? 1.22));
  const weight = o.weight ?? 700;
  const anchor = o.anchor ?? "start";
  const baseline = (i: number) => Math.round(o.y + o.size + i * lh);
  const spans = lines
    .map((l, i) => (hasDevanagari(l) ? "" : `<tspan x="${o.x}" y="${baseline(i)}">${textMarkup(l)}</tspan>`))
    .join("");
  const runs = lines
    .map((l, i) => (hasDevanagari(l) ? runLine(l, { x: o.x, y: baseline(i), size: o.size, weight, anchor, attrs: `fill="${o.fill}"` }) : ""))
    .join("");
  const shared = spans || !runs ? `<text font-family="${FONT_FAMILY}" font-weight="${weight}" font-size="${o.size}" fill="${o.fill}" text-anchor="${anchor}">${spans}</text>` : "";
  return { svg: shared + runs, bottom: o.y + o.size + (lines.length - 1) * lh + Math.round(o.size * 0.3) };
}

/** The rounded white sheet every card sits on, with a soft shadow. */
export function sheet(box: Box, radius: number, inner: string, fill = "#ffffff"): string {
  const { width: w, height: h } = box;
  const pad = Math.round(Math.min(w, h) * 0.03);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">` +
    `<defs><filter id="sh" x="-10%" y="-10%" width="120%" height="130%"><feDropShadow dx="0" dy="${Math.round(pad / 2)}" stdDeviation="${pad}" flood-color="#000" flood-opacity="0.35"/></filter></defs>` +
    `<rect x="${pad}" y="${pad}" width="${w - 2 * pad}" height="${h - 2 * pad}" rx="${radius}" fill="${fill}" filter="url(#sh)"/>` +
    inner +
    `</svg>`
  );
}

/** A stat pill: "▲ 4,210 upvotes". */
export function statText(n: number | null, unit: string): string | null {
  if (n === null) return null;
  return `${n.toLocaleString("en-US")} ${unit}`;
}
