/**
 * Lines with Devanagari, laid out as one text chunk per script run.
 *
 * resvg 2.6 (resvg-js 2.6.2) shapes a whole text chunk at once. A chunk that mixes Devanagari
 * with text in another font is misshaped ("नमस्ते Tokyo": स्ते with a visible virama; "किताब and":
 * the ि of कि lost) or, when it starts with Devanagari, not drawn at all (resvg issue #928).
 * In SVG a `<tspan>` with an absolute `x` starts a new chunk, and resvg shapes each chunk on
 * its own, so a line with Devanagari is split into runs (Devanagari / everything else: Latin,
 * digits, punctuation, emoji, CJK, Arabic, which resvg shapes correctly together), each run its
 * own chunk placed at the pen position from its measured advance. Spaces between runs of
 * different kinds become gaps of one space of the line's font; spaces inside a run stay in it.
 *
 * Advances come from resvg itself (no second shaper that could disagree with it): the ink
 * width of marker + run + marker minus that of the two markers, the marker being a glyph of
 * the run's own font ("।" for Devanagari, "H" otherwise), measured once at 100 px (resvg
 * does not hint, so advances scale linearly) and cached.
 *
 * Lines without Devanagari keep the one-chunk path (text-anchor, resvg's own bidi), unchanged.
 * A line mixing Devanagari with Arabic or Hebrew has its runs ordered by a chunk-level bidi
 * (visualOrder); resvg orders the text inside each run.
 */
import { FONT_FAMILY, pieceMarkup, svgContentWidth } from "./raster";

// eslint-disable-next-line no-misleading-character-class -- a range of code points (vowel signs included), not a grapheme
const DEVANAGARI = /^[\u0900-\u097f\ua8e0-\ua8ff]/u;

/** True when the text has Devanagari and so is laid out by lineRuns. */
export function hasDevanagari(text: string): boolean {
  // eslint-disable-next-line no-misleading-character-class -- a range of code points, not a grapheme
  return /[\u0900-\u097f\ua8e0-\ua8ff]/u.test(text);
}

/** One styled piece of a line (a caption word), after `sep` (" " or "" between CJK words). */
export interface LineSegment {
  text: string;
  sep?: string;
  /** Raw SVG attributes for this piece (e.g. its fill); built by our code, never user text. */
  attrs?: string;
}

type Kind = "deva" | "other" | "space";
interface Piece {
  kind: Kind;
  text: string;
  attrs?: string;
}
interface Chunk {
  deva: boolean;
  pieces: Piece[];
  /** Spaces before this chunk (a gap, not drawn). */
  gap: number;
}

const segmenter = new Intl.Segmenter("und", { granularity: "grapheme" });
function kindOf(g: string): Kind {
  if (/^\s+$/u.test(g)) return "space";
  return DEVANAGARI.test(g) ? "deva" : "other";
}

/** Pieces of a line: maximal runs of one kind within each segment, separators as spaces. */
function pieces(segs: LineSegment[]): Piece[] {
  const out: Piece[] = [];
  segs.forEach((s, i) => {
    if (i > 0 && s.sep) out.push({ kind: "space", text: s.sep });
    for (const { segment: g } of segmenter.segment(s.text)) {
      const kind = kindOf(g);
      const last = out.at(-1);
      // A joiner or mark on its own (e.g. after a space) stays with the run before it.
      if (last && last.attrs === s.attrs && (last.kind === kind || (kind !== "space" && /^[\u200c\u200d\p{M}]/u.test(g) && last.kind !== "space"))) last.text += g;
      else out.push({ kind, text: g, attrs: s.attrs });
    }
  });
  return out;
}

/** Chunks: runs of one kind; spaces inside a run kept, spaces between kinds turned into gaps. */
function chunks(ps: Piece[]): Chunk[] {
  const out: Chunk[] = [];
  let spaces: Piece[] = [];
  for (const p of ps) {
    if (p.kind === "space") {
      spaces.push(p);
      continue;
    }
    const cur = out.at(-1);
    const deva = p.kind === "deva";
    if (cur && cur.deva === deva) cur.pieces.push(...spaces, p);
    else out.push({ deva, pieces: [p], gap: cur ? spaces.reduce((n, s) => n + [...s.text].length, 0) : 0 });
    spaces = [];
  }
  return out;
}

/** Markup of a chunk's pieces, each in its own tspan with its attributes; lost advances given back. */
function chunkMarkup(ps: Piece[]): string {
  let out = "";
  let owed = 0;
  for (const p of ps) {
    const m = pieceMarkup(p.text);
    const body = owed ? `<tspan dx="${owed.toFixed(3)}em">${m.markup}</tspan>` : m.markup;
    out += p.attrs ? `<tspan ${p.attrs}>${body}</tspan>` : body;
    owed = m.owed;
  }
  return out;
}

const advanceCache = new Map<string, number>();
/** Ink width of the two markers alone, per font and weight. */
const pairCache = new Map<string, number>();
/** Advance (px at 100 px) of a chunk's text, measured by resvg between two markers, drawn as lineRuns draws it. */
function advance100(text: string, deva: boolean, weight: number, family: string): number {
  const key = `${family}\u0000${weight}\u0000${deva ? 1 : 0}\u0000${text}`;
  const hit = advanceCache.get(key);
  if (hit !== undefined) return hit;
  const mark = deva ? "।" : "H";
  const width = (s: string) =>
    svgContentWidth(
      `<svg xmlns="http://www.w3.org/2000/svg" width="${200 + s.length * 200}" height="300"><text x="10" y="150" font-family="${family}" font-weight="${weight}" font-size="100">${chunkMarkup(pieces([{ text: s }]))}</text></svg>`,
      s,
    );
  const pairKey = `${family}\u0000${weight}\u0000${mark}`;
  let pair = pairCache.get(pairKey);
  if (pair === undefined) pairCache.set(pairKey, (pair = width(mark + mark)));
  const adv = width(mark + text + mark) - pair;
  if (advanceCache.size > 5000) advanceCache.clear();
  advanceCache.set(key, adv);
  return adv;
}

const spaceCache = new Map<string, number>();
/** Advance of one space of the line's font at 100 px. */
function space100(weight: number, family: string): number {
  const key = `${family}\u0000${weight}`;
  let s = spaceCache.get(key);
  if (s === undefined) {
    s = advance100("H H", false, weight, family) - advance100("HH", false, weight, family);
    spaceCache.set(key, s);
  }
  return s;
}

export interface LineRuns {
  /** Advance width of the whole line (px). */
  width: number;
  /** The line's content for a `<text>` (any text-anchor is overridden): one `<tspan x>` per run, from pen x `x0`. */
  markup(x0: number): string;
}

/**
 * Lays out a line as one chunk per script run at `fontSize`, `weight` in `family` (default
 * Noto Sans; Devanagari runs always in Noto Sans Devanagari). Put the markup in a `<text>` of
 * that family, size and weight with `text-anchor="start"`; centre it with x0 = centre − width / 2.
 */
export function lineRuns(segs: LineSegment[], o: { fontSize: number; weight: number; family?: string }): LineRuns {
  const family = o.family ?? FONT_FAMILY;
  const logical = chunks(pieces(segs));
  const order = visualOrder(logical);
  const k = o.fontSize / 100;
  const gap = space100(o.weight, family) * k;
  const placed: { x: number; markup: string }[] = [];
  let pen = 0;
  order.forEach((i, j) => {
    const c = logical[i];
    // Logical neighbours keep the gap between them; runs brought together by reordering get
    // the gap of the boundary they sit at.
    if (j > 0) {
      const prev = order[j - 1];
      pen += (Math.abs(prev - i) === 1 ? logical[Math.max(prev, i)].gap : logical[j].gap) * gap;
    }
    placed.push({ x: pen, markup: chunkMarkup(c.pieces) });
    pen += advance100(c.pieces.map((p) => p.text).join(""), c.deva, o.weight, family) * k;
  });
  return {
    width: pen,
    // Whole pixels: a run is rasterised the same wherever it sits (no sub-pixel blur that
    // differs from run to run); the spacing moves by under half a pixel.
    markup: (x0) => placed.map((p) => `<tspan x="${Math.round(x0 + p.x)}">${p.markup}</tspan>`).join(""),
  };
}

const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;
/** Direction of the first strong letter (UAX #9 P2, letters only), or null. */
function firstStrong(text: string): "L" | "R" | null {
  for (const ch of text) {
    if (RTL.test(ch)) return "R";
    if (/\p{L}/u.test(ch)) return "L";
  }
  return null;
}

/**
 * Left-to-right order of the chunks: the Unicode bidi algorithm at chunk level (a chunk's
 * direction is its first strong letter's, a Devanagari chunk is left-to-right; runs without
 * letters take their neighbours' direction when both agree, else the line's; rule L2
 * reverses). resvg still orders the text inside each chunk. Only lines with right-to-left
 * letters are reordered.
 */
function visualOrder(cs: Chunk[]): number[] {
  const idx = cs.map((_, i) => i);
  const text = (c: Chunk) => c.pieces.map((p) => p.text).join("");
  if (!cs.some((c) => RTL.test(text(c)))) return idx;
  const para = firstStrong(cs.map(text).join(" ")) ?? "L";
  const dirs = cs.map((c) => (c.deva ? "L" : firstStrong(text(c))));
  const resolved = dirs.map((d, i) => {
    if (d) return d;
    const before = dirs.slice(0, i).reverse().find(Boolean) ?? para;
    const after = dirs.slice(i + 1).find(Boolean) ?? para;
    return before === after ? before : para;
  });
  const base = para === "R" ? 1 : 0;
  // UAX #9 I1/I2: right-to-left runs at level 1; left-to-right ones at 0, or 2 in a right-to-left line.
  const levels = resolved.map((d) => (d === "R" ? 1 : base + base));
  const order = [...idx];
  for (let lvl = Math.max(...levels); lvl >= 1; lvl--) {
    for (let a = 0; a < order.length; ) {
      if (levels[order[a]] < lvl) {
        a++;
        continue;
      }
      let b = a;
      while (b < order.length && levels[order[b]] >= lvl) b++;
      order.splice(a, b - a, ...order.slice(a, b).reverse());
      a = b;
    }
  }
  return order;
}
