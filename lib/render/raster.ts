/**
 * Small raster toolkit: SVG → RGBA with resvg (fonts shipped in assets/fonts), alpha blending,
 * crops, and PAM files (trivial for ffmpeg to decode, so the encoder is never starved).
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Resvg, renderAsync, type ResvgRenderOptions } from "@resvg/resvg-js";
import { EMOJI_ATTR, STAND_IN_CAP, STAND_IN_EM, emojiDataUri, emojiRuns, hasEmojiWithoutPicture } from "./emoji";

export interface Rgba {
  width: number;
  height: number;
  /** Premultiplied RGBA (as resvg renders it), 4 bytes per pixel. */
  data: Uint8Array;
}

let fontDirCache: string | null | undefined;

/** lib/render/assets/fonts, found next to this module or from the repo root (bundled servers). */
export function fontDir(): string | null {
  if (fontDirCache !== undefined) return fontDirCache;
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), "assets", "fonts"));
  } catch {
    // import.meta.url is not a file URL in some bundles
  }
  candidates.push(path.join(process.cwd(), "lib", "render", "assets", "fonts"));
  fontDirCache = candidates.find((d) => fs.existsSync(path.join(d, "NotoSans-Bold.ttf"))) ?? null;
  return fontDirCache;
}

export const FONT_FAMILY = "Noto Sans";

/** True when the text needs glyphs our shipped fonts lack (CJK, emoji, ...). */
export function needsSystemFonts(text: string): boolean {
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x0250) continue; // Latin + Latin Extended
    if (c >= 0x0370 && c <= 0x052f) continue; // Greek, Cyrillic
    if (c >= 0x0600 && c <= 0x06ff) continue; // Arabic
    if (c >= 0x2000 && c <= 0x206f) continue; // punctuation
    if (c >= 0x20a0 && c <= 0x20cf) continue; // currency
    return true;
  }
  return false;
}

/**
 * CJK glyphs come from the operator's system fonts (Debian/Ubuntu: `apt-get install
 * fonts-noto-cjk`), loaded by resvg when a text needs them. Without one, Japanese, Chinese and
 * Korean captions would come out empty; this finds it so Settings and the logs can say so.
 */
const CJK_FONT_CANDIDATES = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
  "/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc",
  "/System/Library/Fonts/Hiragino Sans GB.ttc",
];
let cjkCache: string | null | undefined;
export function cjkFontFile(): string | null {
  if (cjkCache === undefined) cjkCache = CJK_FONT_CANDIDATES.find((f) => fs.existsSync(f)) ?? null;
  return cjkCache;
}

/**
 * Sans fonts for scripts our shipped Noto Sans / Noto Sans Arabic lack, from the operator's
 * system (Debian: fonts-noto-core, fonts-noto-cjk, fonts-dejavu-core; .ci/run installs them).
 * Each is loaded by file, never by scanning all system fonts: that let resvg fall back to a
 * serif face for Latin words.
 */
export const SCRIPT_FONTS = {
  hebrew: { family: "Noto Sans Hebrew", range: /[\u0590-\u05ff\ufb1d-\ufb4f]/u, files: ["/usr/share/fonts/truetype/noto/NotoSansHebrew-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"] },
  // eslint-disable-next-line no-misleading-character-class -- a range of code points (vowel signs included), not a grapheme
  devanagari: { family: "Noto Sans Devanagari", range: /[\u0900-\u097f\ua8e0-\ua8ff]/u, files: ["/usr/share/fonts/truetype/noto/NotoSansDevanagari-Bold.ttf", "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf"] },
} as const;
export type ExtraScript = keyof typeof SCRIPT_FONTS;

const scriptFileCache = new Map<ExtraScript, string | null>();
/** The font file used for `script` on this machine, or null when none is installed. */
export function scriptFontFile(script: ExtraScript): string | null {
  if (!scriptFileCache.has(script)) scriptFileCache.set(script, SCRIPT_FONTS[script].files.find((f) => fs.existsSync(f)) ?? null);
  return scriptFileCache.get(script)!;
}

const EMOJI_FONT = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";
const CJK_CHAR = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

/** Font files to load for `text` beyond the shipped ones; `missing` when a script has none. */
export function fontFilesFor(text: string): { files: string[]; missing: boolean } {
  const files: string[] = [];
  let missing = false;
  for (const k of Object.keys(SCRIPT_FONTS) as ExtraScript[]) {
    if (!SCRIPT_FONTS[k].range.test(text)) continue;
    const f = scriptFontFile(k);
    if (f) files.push(f);
    else missing = true;
  }
  // Emoji are drawn as SVG pictures (emoji.ts); for one without a picture (flags), Noto Color
  // Emoji (fonts-noto-color-emoji) is loaded so it never draws as a .notdef box (resvg-js 2.6.2
  // cannot paint its colour bitmaps, so it leaves a space).
  const textEmoji = SCRIPT_FONTS.devanagari.range.test(text) ? /\p{Extended_Pictographic}/u.test(text) : hasEmojiWithoutPicture(text);
  if (textEmoji && fs.existsSync(EMOJI_FONT)) files.push(EMOJI_FONT);
  if (CJK_CHAR.test(text)) {
    const f = cjkFontFile();
    if (f) files.push(f);
    else missing = true;
  }
  return { files, missing };
}

function renderOptions(opts: { width?: number; text?: string }): ResvgRenderOptions {
  const dir = fontDir();
  const fontFiles = dir ? ["NotoSans-Bold.ttf", "NotoSansArabic-Bold.ttf"].map((f) => path.join(dir, f)) : [];
  const needs = !dir || (opts.text ? needsSystemFonts(opts.text) : false);
  // Known script fonts by file; every system font only as the last resort for a script we
  // have no file for.
  const extra = needs && opts.text ? fontFilesFor(opts.text) : { files: [], missing: needs };
  fontFiles.push(...extra.files);
  return {
    font: {
      fontFiles,
      loadSystemFonts: !dir || extra.missing,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
    },
    fitTo: opts.width ? { mode: "width", value: opts.width } : { mode: "original" },
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  };
}

export function svgToRgba(svg: string, opts: { width?: number; text?: string } = {}): Rgba {
  const o = renderOptions(opts);
  const r = new Resvg(withEmoji(svg, o), o).render();
  return { width: r.width, height: r.height, data: new Uint8Array(r.pixels.buffer, r.pixels.byteOffset, r.pixels.byteLength) };
}

/** Same, rasterised on libuv's thread pool so several renders (and the TTS) overlap. */
export async function svgToRgbaAsync(svg: string, opts: { width?: number; text?: string } = {}): Promise<Rgba> {
  const o = renderOptions(opts);
  const r = await renderAsync(withEmoji(svg, o), o);
  return { width: r.width, height: r.height, data: new Uint8Array(r.pixels.buffer, r.pixels.byteOffset, r.pixels.byteLength) };
}

export function svgToPng(svg: string, opts: { width?: number; text?: string } = {}): Buffer {
  const o = renderOptions(opts);
  return new Resvg(withEmoji(svg, o), o).render().asPng();
}

type Matrix = [number, number, number, number, number, number];
const mul = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5],
];
function matrixOf(attrs: string): Matrix | null {
  const m = /transform="matrix\(([^)]*)\)"/.exec(attrs);
  const v = m ? m[1].trim().split(/[\s,]+/).map(Number) : [];
  return v.length === 6 ? (v as Matrix) : null;
}

/**
 * Puts each emoji's picture where its stand-in glyph (emoji.ts) was laid out. The stand-ins get
 * unique marker colours, usvg lays the text out once (text → paths, no pixels), the ink box of
 * each marker path gives the emoji's place, and the stand-ins are then made invisible (their
 * advance kept). Costs one extra parse per picture with emoji, none otherwise.
 */
function withEmoji(svg: string, o: ResvgRenderOptions): string {
  if (!svg.includes(EMOJI_ATTR)) return svg;
  const keys: string[] = [];
  const attr = new RegExp(`${EMOJI_ATTR}="([0-9a-f-]+)"`, "g");
  const colour = (i: number) => `#fe${i.toString(16).padStart(4, "0")}`;
  const marked = svg.replace(attr, (_, k: string) => `fill="${colour(keys.push(k) - 1)}"`);
  const tree = new Resvg(marked, o).toString();
  const boxes = new Map<string, { x0: number; y0: number; x1: number; y1: number }>();
  const stack: Matrix[] = [[1, 0, 0, 1, 0, 0]];
  for (const t of tree.matchAll(/<(\/?)(g|path)\b([^>]*?)(\/?)>/g)) {
    const [, close, tag, attrs, selfClose] = t;
    if (tag === "g") {
      if (close) stack.pop();
      else if (!selfClose) stack.push(mul(stack.at(-1)!, matrixOf(attrs) ?? [1, 0, 0, 1, 0, 0]));
      continue;
    }
    const fill = /fill="(#fe[0-9a-f]{4})"/.exec(attrs)?.[1];
    const d = /\bd="([^"]*)"/.exec(attrs)?.[1];
    if (!fill || !d) continue;
    const m = mul(stack.at(-1)!, matrixOf(attrs) ?? [1, 0, 0, 1, 0, 0]);
    const nums = d.match(/-?\d*\.?\d+(?:e-?\d+)?/g)?.map(Number) ?? [];
    const b = boxes.get(fill) ?? { x0: Infinity, y0: Infinity, x1: -Infinity, y1: -Infinity };
    for (let i = 0; i + 1 < nums.length; i += 2) {
      const x = m[0] * nums[i] + m[2] * nums[i + 1] + m[4];
      const y = m[1] * nums[i] + m[3] * nums[i + 1] + m[5];
      b.x0 = Math.min(b.x0, x); b.x1 = Math.max(b.x1, x); b.y0 = Math.min(b.y0, y); b.y1 = Math.max(b.y1, y);
    }
    boxes.set(fill, b);
  }
  const images = keys
    .map((k, i) => {
      const b = boxes.get(colour(i));
      const uri = emojiDataUri(k);
      if (!b || !uri) return "";
      // The "M" sits on the baseline; its ink height gives the text size. The picture is a
      // square a little over 1 em, centred on the stand-in and on the text's cap height.
      const fs = (b.y1 - b.y0) / (STAND_IN_CAP * STAND_IN_EM);
      const side = fs * 1.15;
      const cx = (b.x0 + b.x1) / 2;
      const cy = b.y1 - fs * 0.36;
      return `<image x="${(cx - side / 2).toFixed(2)}" y="${(cy - side / 2).toFixed(2)}" width="${side.toFixed(2)}" height="${side.toFixed(2)}" href="${uri}"/>`;
    })
    .join("");
  const hidden = svg.replace(attr, 'fill="none"');
  const end = hidden.lastIndexOf("</svg>");
  return hidden.slice(0, end) + images + hidden.slice(end);
}

/** Width of the drawn content of an SVG (resvg bbox), for text fitting. */
export function svgContentWidth(svg: string, text: string): number {
  const r = new Resvg(svg, renderOptions({ text }));
  const bb = r.getBBox();
  return bb ? bb.width : 0;
}

export function blank(width: number, height: number): Rgba {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

export function clone(img: Rgba): Rgba {
  return { width: img.width, height: img.height, data: new Uint8Array(img.data) };
}

/** Source-over blend of one premultiplied RGBA pixel of `s` (at si) onto `d` (at di). Small enough for V8 to inline in the loops. */
export function blendPixel(d: Uint8Array, di: number, s: Uint8Array, si: number): void {
  const sa = s[si + 3];
  if (sa === 0) return;
  if (sa === 255) {
    d[di] = s[si];
    d[di + 1] = s[si + 1];
    d[di + 2] = s[si + 2];
    d[di + 3] = 255;
    return;
  }
  const k = (255 - sa) / 255;
  d[di] = s[si] + d[di] * k;
  d[di + 1] = s[si + 1] + d[di + 1] * k;
  d[di + 2] = s[si + 2] + d[di + 2] * k;
  d[di + 3] = sa + d[di + 3] * k;
}

/** Source-over blend of premultiplied `src` onto premultiplied `dst` at (x, y), clipped to dst. */
export function blendOnto(dst: Rgba, src: Rgba, x: number, y: number): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(dst.width, x + src.width);
  const y1 = Math.min(dst.height, y + src.height);
  const d = dst.data;
  const s = src.data;
  for (let yy = y0; yy < y1; yy++) {
    let di = (yy * dst.width + x0) * 4;
    let si = ((yy - y) * src.width + (x0 - x)) * 4;
    for (let xx = x0; xx < x1; xx++, di += 4, si += 4) {
      blendPixel(d, di, s, si);
    }
  }
}

export function crop(img: Rgba, x: number, y: number, w: number, h: number): Rgba {
  const out = blank(w, h);
  for (let yy = 0; yy < h; yy++) {
    const si = ((y + yy) * img.width + x) * 4;
    out.data.set(img.data.subarray(si, si + w * 4), yy * w * 4);
  }
  return out;
}

/** PAM (Netpbm P7) bytes: RGB when `alpha` is false (alpha dropped), else RGB_ALPHA. */
export function toPam(img: Rgba, alpha: boolean): Buffer {
  const depth = alpha ? 4 : 3;
  const header = Buffer.from(
    `P7\nWIDTH ${img.width}\nHEIGHT ${img.height}\nDEPTH ${depth}\nMAXVAL 255\nTUPLTYPE ${alpha ? "RGB_ALPHA" : "RGB"}\nENDHDR\n`,
    "ascii",
  );
  const n = img.width * img.height;
  const s = img.data;
  if (alpha) {
    // PAM wants straight alpha: un-premultiply.
    const body = Buffer.allocUnsafe(n * 4);
    for (let k = 0; k < n * 4; k += 4) {
      const a = s[k + 3];
      body[k + 3] = a;
      if (a === 255 || a === 0) {
        body[k] = s[k];
        body[k + 1] = s[k + 1];
        body[k + 2] = s[k + 2];
      } else {
        body[k] = Math.min(255, Math.round((s[k] * 255) / a));
        body[k + 1] = Math.min(255, Math.round((s[k + 1] * 255) / a));
        body[k + 2] = Math.min(255, Math.round((s[k + 2] * 255) / a));
      }
    }
    return Buffer.concat([header, body]);
  }
  const body = Buffer.allocUnsafe(n * 3);
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const k = i * 4;
    body[j] = s[k];
    body[j + 1] = s[k + 1];
    body[j + 2] = s[k + 2];
  }
  return Buffer.concat([header, body]);
}

/** XML-escapes user text for SVG (and drops characters XML 1.0 forbids). */
export function xmlEscape(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
      .replace(/'/g, "&apos;")
  );
}

const ARABIC_RUN = /([\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+(?:[\s\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]*[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff])?)/u;

/**
 * Escaped SVG text content; Arabic runs get their font explicitly (resvg's per-glyph fallback
 * can pick a font without Arabic after an emoji or CJK glyph).
 */
export function textMarkup(text: string): string {
  return withDevanagariLead(text, inlineMarkup(text));
}

/**
 * textMarkup without the #928 lead: for one text chunk that is either all Devanagari or has
 * none, as devanagari-runs.ts lays lines out (no chunk there mixes Devanagari with another font).
 */
export function inlineMarkup(text: string): string {
  // Emoji stand-ins are bidi-isolated only where right-to-left text needs it. Next to
  // Devanagari they are pictures too: the line drop a stand-in after a Devanagari cluster used
  // to cause ("किताबें M", "नमस्ते 🚀"; resvg issue #928) is avoided by withDevanagariLead, and
  // "Привет नमस्ते 🚀", "नमस्ते 🇯🇵 🇺🇸" draw in full (checked in scripts.test.ts).
  const isolate = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u.test(text);
  return text
    .split(ARABIC_RUN)
    .map((part, i) => (i % 2 === 1 ? `<tspan font-family="Noto Sans Arabic">${xmlEscape(part)}</tspan>` : scriptRuns(part, { isolate, pictures: true })))
    .join("");
}

/**
 * Markup of one piece of a chunk and the advance (em) it still owes to what follows: a
 * Devanagari word ending in a spacing vowel sign owes the advance resvg drops (devanagariRun).
 */
export function pieceMarkup(text: string): { markup: string; owed: number } {
  // eslint-disable-next-line no-misleading-character-class -- a range of code points (vowel signs included), not a grapheme
  if (/^[\u0900-\u097f\ua8e0-\ua8ff\u200c\u200d]+$/u.test(text)) return devanagariRun(text, SCRIPT_FONTS.devanagari.family);
  return { markup: inlineMarkup(text), owed: 0 };
}

/**
 * resvg 2.6 (issue #928) drops a whole text chunk whose first letter is Devanagari when text in
 * another font follows ("नमस्ते world", "किताबें and": nothing drawn, measured 0 wide), while
 * "a नमस्ते world" draws. A Latin letter first avoids it, so such a line starts with an
 * invisible "x" whose advance (Noto Sans Bold: 0.571 em) is cancelled by letter-spacing: the
 * pen, the centring and the measured box stay as they were. (A space, ".", "|" or a zero-size
 * letter do not avoid it; a `dx` pull-back instead widens the measured box or shifts a centred
 * line by half the advance.) Only lines
 * that need it get it: resvg shapes a chunk that starts with a Latin letter worse (a pre-base
 * sign like the ि of कि goes missing, as it already did after a Latin word), so an
 * all-Devanagari line is left as it is.
 * Captions and titles no longer go through it: they draw one chunk per script run
 * (devanagari-runs.ts), which shapes every word right. It stays for textMarkup's inline callers
 * that position the text themselves (lib/compose/cards), where a blank line is the worse fault.
 */
export function withDevanagariLead(line: string, markup: string): string {
  if (!/^\s*[\u0900-\u097f]/u.test(line) || !/[^\s\u0900-\u097f\u200c\u200d]/u.test(line)) return markup;
  return `<tspan fill="none" stroke="none" letter-spacing="-0.571em">x</tspan>${markup}`;
}

/**
 * resvg (2.6.2, and 2.7.0-alpha.2) drops the advance of the second glyph of a Devanagari
 * cluster made of a consonant and a spacing vowel sign (कि = [ि, क], की = [क, ी]): what follows
 * overlaps the vowel sign and the space after such a word vanishes ("हिन्दी द्ध" drew as
 * "हिन्दीद्ध"). Upstream resvg fixed glyph advances in clusters (linebender/resvg PR #1043,
 * 2026-04) but no resvg-js release carries it yet. Until then the lost advance is given back
 * as `dx` on whatever follows such a cluster. Every spacing sign of Noto Sans Devanagari has
 * the same advance (HarfBuzz 6.0 `hb-shape`: 294/1000 in Bold, 259/1000 in Regular).
 */
const DEVANAGARI_SPACING_SIGN = /[\u093e-\u0940\u0949-\u094c\u094e\u094f\u0903]/gu;
function devanagariSignAdvance(): number {
  const f = scriptFontFile("devanagari") ?? "";
  return /Regular/.test(f) ? 0.259 : 0.294;
}

/** A Devanagari run in its font, each cluster after a spacing vowel sign moved right by the lost advance. */
function devanagariRun(text: string, family: string): { markup: string; owed: number } {
  const adv = devanagariSignAdvance();
  let out = "";
  let owed = 0;
  for (const { segment: g } of new Intl.Segmenter("und", { granularity: "grapheme" }).segment(text)) {
    out += owed ? `<tspan dx="${(owed * adv).toFixed(3)}em">${xmlEscape(g)}</tspan>` : xmlEscape(g);
    owed = (g.match(DEVANAGARI_SPACING_SIGN) ?? []).length;
  }
  return { markup: `<tspan font-family="${family}">${out}</tspan>`, owed: owed * adv };
}

const OTHER_RUNS: [RegExp, string][] = [
  // Devanagari clusters (with their combining marks) must be shaped by one font: per-glyph
  // fallback split them and drew .notdef boxes.
  // eslint-disable-next-line no-misleading-character-class -- a range of code points (vowel signs included), not a grapheme
  [/([\u0900-\u097f\ua8e0-\ua8ff\u200c\u200d]+)/u, SCRIPT_FONTS.devanagari.family],
  [/([\u0590-\u05ff\ufb1d-\ufb4f]+(?:[\s\u0590-\u05ff\ufb1d-\ufb4f]*[\u0590-\u05ff\ufb1d-\ufb4f])?)/u, SCRIPT_FONTS.hebrew.family],
];

interface EmojiMode {
  isolate: boolean;
  pictures: boolean;
}

function scriptRuns(text: string, mode: EmojiMode, k = 0): string {
  if (k >= OTHER_RUNS.length) return mode.pictures ? emojiRuns(text, xmlEscape, mode.isolate) : xmlEscape(text);
  const [re, family] = OTHER_RUNS[k];
  const parts = text.split(re);
  let out = "";
  let owed = 0; // advance a Devanagari run still owes to the text after it (see devanagariRun)
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i % 2 === 1 && k === 0) {
      const run = devanagariRun(part, family);
      out += run.markup;
      owed = run.owed;
    } else if (i % 2 === 1) out += `<tspan font-family="${family}">${xmlEscape(part)}</tspan>`;
    else if (owed && part) {
      // The first character after the run takes the lost advance.
      const [first, ...rest] = [...part];
      out += `<tspan dx="${owed.toFixed(3)}em">${scriptRuns(first, mode, k + 1)}</tspan>${scriptRuns(rest.join(""), mode, k + 1)}`;
      owed = 0;
    } else out += scriptRuns(part, mode, k + 1);
  }
  return out;
}
