/**
 * SVG for the static scene (background, title, presenter card) and for captions. All user
 * text is XML-escaped into SVG and rasterised by resvg: it never reaches an ffmpeg filter graph.
 */
import { AppError } from "@/lib/errors";
import type { Layout } from "./layout";
import { presenterSvg, getPresenter, type EyeState, type MouthState } from "./presenters";
import { hasDevanagari, lineRuns, type LineSegment } from "./devanagari-runs";
import { FONT_FAMILY, svgContentWidth, textMarkup } from "./raster";

/** Backgrounds the library accepts: colours inline, media as a local file path. */
export type RenderBackground =
  | { type: "color"; value: string }
  | { type: "gradient"; colors: [string, string] }
  | { type: "image"; path: string }
  | { type: "video"; path: string };

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** "#abc" / "aabbcc" → "#aabbcc"; anything else is a bad_request (colours end up in SVG). */
export function normaliseColor(c: unknown, what = "Background colour"): string {
  if (typeof c !== "string" || !HEX.test(c.trim())) {
    throw new AppError("bad_request", `${what} must be a hex colour like #1e293b (got ${JSON.stringify(c)?.slice(0, 40)}).`);
  }
  let h = c.trim().replace(/^#/, "").toLowerCase();
  if (h.length === 3) h = h.split("").map((x) => x + x).join("");
  return `#${h}`;
}

function luminance(hex: string): number {
  const n = parseInt(hex.slice(1), 16);
  const r = (n >> 16) & 255;
  const g = (n >> 8) & 255;
  const b = n & 255;
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

function backgroundSvg(bg: RenderBackground, w: number, h: number): { defs: string; body: string; dark: boolean } {
  if (bg.type === "color") {
    const c = normaliseColor(bg.value);
    return {
      defs: `<radialGradient id="bgGlow" cx="50%" cy="42%" r="65%"><stop offset="0" stop-color="#fff" stop-opacity="0.16"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>`,
      body: `<rect width="${w}" height="${h}" fill="${c}"/><rect width="${w}" height="${h}" fill="url(#bgGlow)"/>`,
      dark: luminance(c) < 0.55,
    };
  }
  if (bg.type === "gradient") {
    const a = normaliseColor(bg.colors?.[0], "Gradient colour 1");
    const b = normaliseColor(bg.colors?.[1], "Gradient colour 2");
    return {
      defs: `<linearGradient id="bgGrad" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient>`,
      body: `<rect width="${w}" height="${h}" fill="url(#bgGrad)"/>`,
      dark: (luminance(a) + luminance(b)) / 2 < 0.55,
    };
  }
  // Image / video: drawn underneath by the compositor; a light scrim keeps the card readable.
  return { defs: "", body: "", dark: true };
}

export interface SceneOptions {
  layout: Layout;
  slug: string;
  background: RenderBackground;
  title?: string;
  mouth: MouthState;
  eyes: EyeState;
  /** Head tilt in degrees (clockwise positive), about the neck; the body stays put. */
  tilt?: number;
  /** Render only this region of the frame (face patches). */
  region?: { x: number; y: number; w: number; h: number };
  /** Leave out the background (image / video backgrounds are composited underneath). */
  transparentBackground?: boolean;
  /**
   * Which layers to draw: everything (default), everything but the presenter, only the
   * presenter (unclipped, transparent elsewhere) or only the card's ring. The renderer moves
   * the presenter inside the card (idle motion) by composing these.
   */
  parts?: "all" | "noAvatar" | "avatar" | "ring";
}

function stripSvgWrapper(svg: string): { inner: string } {
  const start = svg.indexOf(">", svg.indexOf("<svg")) + 1;
  const end = svg.lastIndexOf("</svg>");
  return { inner: svg.slice(start, end) };
}

/** True when the line's first letter is Arabic or Hebrew (its paragraph runs right to left). */
export function rtlLine(text: string): boolean {
  const first = /\p{L}/u.exec(text);
  return !!first && /[\p{Script=Arabic}\p{Script=Hebrew}]/u.test(first[0]);
}

/**
 * One line of text centred on x: its width and its `<text>` element. A line with Devanagari is
 * drawn as one chunk per script run (devanagari-runs.ts: resvg misshapes Devanagari in a chunk
 * with another font) and measured by its advance; any other line is one chunk, anchored in the
 * middle and measured by its ink, as before. `segs[i].attrs` are raw SVG attributes built by
 * our code (never user text). Also used by lib/compose/cards (caption strips).
 */
export function textLine(segs: LineSegment[], fontSize: number, weight: number, family: string = FONT_FAMILY): { width: number; element(x: number, y: number, attrs: string): string } {
  const plain = segs.map((s, i) => (i ? (s.sep ?? "") : "") + s.text).join("");
  if (hasDevanagari(plain)) {
    const runs = lineRuns(segs, { fontSize, weight, family });
    return {
      width: runs.width,
      element: (x, y, attrs) => {
        const x0 = x - runs.width / 2;
        return `<text x="${x0.toFixed(2)}" y="${y}" text-anchor="start" font-family="${family}" font-weight="${weight}" font-size="${fontSize}" ${attrs}>${runs.markup(x0)}</text>`;
      },
    };
  }
  // resvg lays every line out left to right and ignores `direction`, so an Arabic or Hebrew
  // line put its final full stop on the right. Right-to-left marks at both ends make the
  // line's edges right-to-left, and the neutral punctuation follows.
  const rlm = rtlLine(plain) ? "\u200F" : "";
  const width = svgContentWidth(
    `<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="300"><text x="10" y="150" font-family="${family}" font-weight="${weight}" font-size="${fontSize}">${rlm}${textMarkup(plain)}${rlm}</text></svg>`,
    plain,
  );
  const markup = rlm + segs.map((s, i) => `${i ? (s.sep ?? "") : ""}${s.attrs ? `<tspan ${s.attrs}>${textMarkup(s.text)}</tspan>` : textMarkup(s.text)}`).join("") + rlm;
  return {
    width,
    element: (x, y, attrs) => `<text x="${x}" y="${y}" text-anchor="middle" font-family="${family}" font-weight="${weight}" font-size="${fontSize}" ${attrs}>${markup}</text>`,
  };
}

/** Title fitted to its width: shrinks, then truncates with an ellipsis. */
export function fitTitle(title: string, layout: Layout): { text: string; fontSize: number } {
  const t = layout.title;
  let text = title.replace(/\s+/g, " ").trim();
  if (text.length > 80) text = `${text.slice(0, 79)}…`;
  let fontSize = t.fontSize;
  const measure = (s: string, fs: number) => textLine([{ text: s }], fs, 700).width;
  let w = measure(text, fontSize);
  const max = t.maxWidth - fontSize * 1.6;
  if (w > max) {
    fontSize = Math.max(Math.round(t.fontSize * 0.8), Math.floor((fontSize * max) / w));
    w = measure(text, fontSize);
    while (w > max && text.length > 4) {
      text = `${text.slice(0, Math.max(3, Math.floor(text.length * (max / w)) - 2)).trimEnd()}…`;
      w = measure(text, fontSize);
    }
  }
  return { text, fontSize };
}

/** The whole frame minus captions, or a region of it. */
export function sceneSvg(o: SceneOptions, titleFit?: { text: string; fontSize: number } | null): string {
  const { layout: L } = o;
  const p = getPresenter(o.slug);
  const accent = `#${p.look.accent}`;
  const bg = o.transparentBackground ? { defs: "", body: "", dark: true } : backgroundSvg(o.background, L.width, L.height);
  const avatar = stripSvgWrapper(presenterSvg(o.slug, o.mouth, o.eyes, o.tilt ?? 0)).inner;
  const k = L.avatar.size / 280;
  // Torso: the avatar's last rows of clothing (y 274–278 of its viewBox) stretched down to the
  // frame bottom, drawn under the avatar, so the presenter reads as half-body, not a bust.
  const stretch = Math.ceil((L.height - (L.avatar.y + 274 * k)) / (4 * k)) + 1;
  // Face patches (a region of the full scene) never reach the torso; resvg 2.6 also panics on a
  // clipped, scaled group that falls wholly outside the rendered region.
  const wantTorso = L.torso && !(o.region && (o.parts ?? "all") === "all");
  const torso = wantTorso && stretch > 1
    ? `<g transform="translate(0 274) scale(1 ${stretch}) translate(0 -274)"><g clip-path="url(#torsoSlice)">${avatar}</g></g>`
    : "";
  const avatarG = `<g transform="translate(${L.avatar.x} ${L.avatar.y}) scale(${k})">${torso}${avatar}</g>`;

  let frameDefs = `<clipPath id="torsoSlice"><rect x="0" y="274" width="280" height="4"/></clipPath><linearGradient id="cardFill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="${accent}"/></linearGradient>`;
  frameDefs += `<filter id="shadow" x="-20%" y="-20%" width="140%" height="150%"><feDropShadow dx="0" dy="${Math.round(L.height / 90)}" stdDeviation="${Math.round(L.height / 70)}" flood-color="#0b1020" flood-opacity="0.35"/></filter>`;
  let frameShape: string;
  let clip: string;
  if (L.frame.kind === "card") {
    const r = L.frame.rect;
    frameShape = `<rect x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="${L.frame.radius}"`;
    clip = `<clipPath id="frameClip">${frameShape}/></clipPath>`;
  } else {
    const c = L.frame;
    frameShape = `<circle cx="${c.cx}" cy="${c.cy}" r="${c.r}"`;
    clip = `<clipPath id="frameClip">${frameShape}/></clipPath>`;
  }
  const ring =
    L.frame.kind === "circle"
      ? `<circle cx="${L.frame.cx}" cy="${L.frame.cy}" r="${L.frame.r + 7}" fill="none" stroke="#ffffff" stroke-width="14"/>`
      : `${frameShape} fill="none" stroke="#ffffff" stroke-opacity="0.9" stroke-width="6"/>`;

  let titleSvg = "";
  if (titleFit && titleFit.text) {
    const t = L.title;
    const fs = titleFit.fontSize;
    const line = textLine([{ text: titleFit.text }], fs, 700);
    const est = Math.min(t.maxWidth, line.width + fs * 1.6);
    const h = fs * 1.9;
    titleSvg =
      `<rect x="${t.centerX - est / 2}" y="${t.centerY - h / 2}" width="${est}" height="${h}" rx="${h / 2}" fill="${bg.dark ? "#ffffff" : "#0f172a"}" fill-opacity="${bg.dark ? 0.16 : 0.08}"/>` +
      line.element(t.centerX, t.centerY + fs * 0.36, `fill="${bg.dark ? "#ffffff" : "#0f172a"}"`);
  }

  const full = { x: 0, y: 0, w: L.width, h: L.height };
  const reg = o.region ?? full;
  const shadowLayer = o.region ? "" : `${frameShape} fill="#000" filter="url(#shadow)"/>`;
  const parts = o.parts ?? "all";
  const open = `<svg xmlns="http://www.w3.org/2000/svg" width="${reg.w}" height="${reg.h}" viewBox="0 0 ${reg.w} ${reg.h}">` +
    `<defs>${bg.defs}${frameDefs}${clip}</defs><g transform="translate(${-reg.x} ${-reg.y})">`;
  if (parts === "avatar") return `${open}${avatarG}</g></svg>`;
  if (parts === "ring") return `${open}${ring}</g></svg>`;
  return (
    // A region is rendered by translating the content, not by a viewBox offset (resvg clips
    // grouped layers wrongly with an offset viewBox).
    open +
    bg.body +
    (o.region ? "" : titleSvg) +
    shadowLayer +
    `${frameShape} fill="url(#cardFill)"/>` +
    (parts === "all" ? `<g clip-path="url(#frameClip)">${avatarG}</g>` + ring : "") +
    `</g></svg>`
  );
}

// ---------------------------------------------------------------- captions

/** Rough advance widths of Noto Sans Bold in em, for wrapping before exact measurement. */
function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (ch === " ") return 0.26;
  if ("il.,:;'!|`´".includes(ch)) return 0.3;
  if ("fjrtI()[]{}\"-/\\".includes(ch)) return 0.4;
  if ("mwMW@%".includes(ch)) return 0.9;
  if (c >= 0x41 && c <= 0x5a) return 0.68;
  if (c < 0x250) return 0.58;
  if (c >= 0x0600 && c <= 0x06ff) return 0.5;
  if (c >= 0x1f000) return 1.2; // emoji
  if (c >= 0x2e80) return 1.0; // CJK & co.
  return 0.62;
}

export function estimateTextWidth(text: string, fontSize: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontSize;
}

const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/u;

/** Splits into wrap units: words, and single characters for scripts without spaces. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (CJK.test(word) && [...word].length > 4) {
      let buf = "";
      for (const ch of word) {
        buf += ch;
        if (CJK.test(ch)) {
          out.push(buf);
          buf = "";
        }
      }
      if (buf) out.push(buf);
    } else out.push(word);
  }
  return out;
}

function joinTokens(a: string, b: string): string {
  if (!a) return b;
  return CJK.test(a.slice(-1)) && CJK.test(b[0] ?? "") ? a + b : `${a} ${b}`;
}

/** Greedy line wrapping by estimated width. */
export function wrapLines(text: string, maxWidth: number, fontSize: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const t of tokens(text)) {
    const next = joinTokens(cur, t);
    if (cur && estimateTextWidth(next, fontSize) > maxWidth) {
      lines.push(cur);
      cur = t;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

export interface CaptionCue {
  text: string;
  lines: string[];
  startSec: number;
  endSec: number;
}

/** Cues of at most two lines, timed within each spoken phrase by character share. */
export function buildCues(
  phrases: { text: string; startSec: number; endSec: number }[],
  layout: Layout,
): CaptionCue[] {
  const { maxWidth, fontSize } = layout.caption;
  const textWidth = maxWidth - fontSize * 1.4;
  const cues: CaptionCue[] = [];
  for (const ph of phrases) {
    const groups = balancedGroups(ph.text, textWidth, fontSize);
    const total = groups.reduce((n, g) => n + g.join(" ").length, 0) || 1;
    let t = ph.startSec;
    const span = ph.endSec - ph.startSec;
    for (const g of groups) {
      const end = t + (span * g.join(" ").length) / total;
      cues.push({ text: g.join(" "), lines: g, startSec: t, endSec: end });
      t = end;
    }
  }
  return cues;
}

/** Splits text into the fewest cues of ≤ 2 lines, with similar lengths (no lonely last word). */
function balancedGroups(text: string, width: number, fontSize: number): string[][] {
  const lines = wrapLines(text, width, fontSize);
  if (lines.length <= 2) return [balanceTwo(lines, fontSize)];
  const toks = tokens(text);
  const totalW = estimateTextWidth(text, fontSize);
  for (let g = Math.ceil(lines.length / 2); g <= toks.length; g++) {
    const target = totalW / g;
    const groups: string[] = [];
    let cur = "";
    for (const t of toks) {
      const next = joinTokens(cur, t);
      if (cur && estimateTextWidth(next, fontSize) > target * 1.08 && groups.length < g - 1) {
        groups.push(cur);
        cur = t;
      } else cur = next;
    }
    if (cur) groups.push(cur);
    const wrapped = groups.map((x) => wrapLines(x, width, fontSize));
    if (wrapped.every((w) => w.length <= 2)) return wrapped.map((w) => balanceTwo(w, fontSize));
  }
  return [lines.slice(0, 2)];
}

/** Re-splits a two-line cue where the longer line is shortest ("a b c / d" → "a b / c d"). */
function balanceTwo(lines: string[], fontSize: number): string[] {
  if (lines.length !== 2) return lines;
  const toks = tokens(lines.join(" "));
  let best = lines;
  let bestW = Math.max(...lines.map((l) => estimateTextWidth(l, fontSize)));
  for (let i = 1; i < toks.length; i++) {
    const a = toks.slice(0, i).reduce(joinTokens, "");
    const b = toks.slice(i).reduce(joinTokens, "");
    const w = Math.max(estimateTextWidth(a, fontSize), estimateTextWidth(b, fontSize));
    if (w < bestW) {
      best = [a, b];
      bestW = w;
    }
  }
  return best;
}

/** SVG of one caption box; returns its size so the compositor can place it. */
export function captionSvg(cue: CaptionCue, layout: Layout): { svg: string; width: number; height: number; fontSize: number } {
  const { maxWidth, minFontSize } = layout.caption;
  let fontSize = layout.caption.fontSize;
  const padX = Math.round(fontSize * 0.7);
  const measureLine = (line: string, fs: number) => textLine([{ text: line }], fs, 700).width;
  let widths = cue.lines.map((l) => measureLine(l, fontSize));
  const widest = Math.max(1, ...widths);
  if (widest > maxWidth - padX * 2) {
    fontSize = Math.max(minFontSize, Math.floor((fontSize * (maxWidth - padX * 2)) / widest));
    widths = cue.lines.map((l) => measureLine(l, fontSize));
  }
  const lineH = Math.round(fontSize * 1.3);
  const padY = Math.round(fontSize * 0.45);
  const boxW = Math.min(maxWidth, Math.round(Math.max(...widths) + padX * 2));
  const boxH = lineH * cue.lines.length + padY * 2;
  const radius = Math.round(fontSize * 0.55);
  const text = cue.lines
    .map(
      (l, i) =>
        textLine([{ text: l }], fontSize, 700).element(boxW / 2, padY + lineH * i + lineH * 0.5 + fontSize * 0.36, `fill="#ffffff" stroke="#000000" stroke-opacity="0.35" stroke-width="${Math.max(2, Math.round(fontSize / 18))}" paint-order="stroke"`),
    )
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}" viewBox="0 0 ${boxW} ${boxH}">` +
    `<rect x="0" y="0" width="${boxW}" height="${boxH}" rx="${radius}" fill="#0b1020" fill-opacity="0.78"/>` +
    text +
    `</svg>`;
  return { svg, width: boxW, height: boxH, fontSize };
}

// ---------------------------------------------------------------- word-by-word captions

/** One caption word: a script token, or a chunk of a long CJK token, with its share of the token's time. */
export interface CaptionWord {
  text: string;
  /** Index of the script token (= index into Speech.words). */
  token: number;
  /** Share of the token's spoken time this chunk covers (0..1). */
  from: number;
  to: number;
}

export interface CaptionGroup {
  words: CaptionWord[];
  /** Words per line (1 line normally, 2 when the group is too wide). */
  lines: number[][];
}

const MAX_GROUP_WORDS = 3;
const CJK_CHUNK = 6;

/** Splits script tokens into caption words (long CJK tokens into chunks of a few characters). */
function captionWords(phrases: string[]): CaptionWord[][] {
  let token = 0;
  return phrases.map((text) =>
    text.split(/\s+/).filter(Boolean).flatMap((tok) => {
      const i = token++;
      const chars = [...tok];
      if (!CJK.test(tok) || chars.length <= CJK_CHUNK + 2) return [{ text: tok, token: i, from: 0, to: 1 }];
      const n = Math.ceil(chars.length / CJK_CHUNK);
      return Array.from({ length: n }, (_, k) => ({ text: chars.slice(k * CJK_CHUNK, (k + 1) * CJK_CHUNK).join(""), token: i, from: k / n, to: (k + 1) / n }));
    }),
  );
}

/**
 * Groups of 1–3 words for word-by-word captions, from the script text alone (so their images
 * can be drawn while speech is synthesised). A group ends at punctuation, at a phrase end, at
 * three words, or when it would not fit on one line.
 */
export function captionGroups(phrases: string[], layout: Layout): CaptionGroup[] {
  const fontSize = layout.caption.fontSize;
  const width = layout.caption.maxWidth - fontSize * 0.8;
  const groups: CaptionGroup[] = [];
  for (const words of captionWords(phrases)) {
    let cur: CaptionWord[] = [];
    const flush = () => {
      if (!cur.length) return;
      const one = estimateTextWidth(cur.map((w) => w.text).join(" "), fontSize) <= width;
      const idx = cur.map((_, k) => k);
      groups.push({ words: cur, lines: one || cur.length === 1 ? [idx] : [idx.slice(0, Math.ceil(idx.length / 2)), idx.slice(Math.ceil(idx.length / 2))] });
      cur = [];
    };
    for (const w of words) {
      if (cur.length && estimateTextWidth([...cur, w].map((x) => x.text).join(" "), fontSize) > width) flush();
      cur.push(w);
      if (cur.length >= MAX_GROUP_WORDS || /[.,!?;:…。、！？，؟]["')\]]*$/u.test(w.text)) flush();
    }
    flush();
  }
  return groups;
}

export interface WordCaptionCue extends CaptionCue {
  group: number;
  /** Index of the highlighted word within the group. */
  active: number;
  /** Image key: the same group with the same word highlighted looks the same. */
  key: string;
}

export function wordCueKey(group: CaptionGroup, active: number): string {
  return `${active}\u0000${group.words.map((w) => w.text).join("\u0001")}`;
}

/**
 * Timed cues: each word of a group is highlighted from the moment it is spoken until the next
 * word starts; the group stays up through short pauses and clears after a longer one.
 */
export function wordCues(groups: CaptionGroup[], words: { startSec: number; endSec: number }[], duration: number): WordCaptionCue[] {
  const at = (w: CaptionWord) => {
    const t = words[w.token] ?? words.at(-1) ?? { startSec: 0, endSec: 0 };
    const span = t.endSec - t.startSec;
    return { start: t.startSec + span * w.from, end: t.startSec + span * w.to };
  };
  const cues: WordCaptionCue[] = [];
  for (let g = 0; g < groups.length; g++) {
    const grp = groups[g];
    const nextStart = groups[g + 1] ? at(groups[g + 1].words[0]).start : duration;
    const lines = grp.lines.map((l) => l.map((k) => grp.words[k].text).reduce(joinTokens, ""));
    for (let k = 0; k < grp.words.length; k++) {
      const { start, end } = at(grp.words[k]);
      const last = k === grp.words.length - 1;
      const groupEnd = nextStart - end < 0.6 ? nextStart : Math.min(duration, end + 0.35);
      const stop = last ? groupEnd : Math.max(start, at(grp.words[k + 1]).start);
      if (stop - start <= 0 && !last) continue; // unspoken token (emoji, dash): shown with the next word
      cues.push({ text: lines.join(" "), lines, startSec: start, endSec: Math.max(stop, start), group: g, active: k, key: wordCueKey(grp, k) });
    }
  }
  return cues;
}

/** Caption style: bold white words, a heavy outline, the spoken word highlighted. */
export const CAPTION_STYLE = { fill: "#ffffff", active: "#ffe14d", stroke: "#0b0f1a" } as const;

/** SVG of a word-caption group with word `active` highlighted. */
export function wordCaptionSvg(group: CaptionGroup, active: number, layout: Layout): { svg: string; width: number; height: number; fontSize: number } {
  const { maxWidth, minFontSize } = layout.caption;
  let fontSize = layout.caption.fontSize;
  const pad = Math.round(fontSize * 0.3);
  // Each word its own segment (the active one in the highlight colour); no space between CJK words.
  const segments = (l: number[]): LineSegment[] =>
    l.map((k, j) => ({
      text: group.words[k].text,
      sep: j === 0 ? "" : CJK.test(group.words[l[j - 1]].text.slice(-1)) && CJK.test(group.words[k].text[0] ?? "") ? "" : " ",
      attrs: `fill="${k === active ? CAPTION_STYLE.active : CAPTION_STYLE.fill}"`,
    }));
  let lines = group.lines.map((l) => textLine(segments(l), fontSize, 800));
  const widest = Math.max(1, ...lines.map((x) => x.width));
  if (widest > maxWidth - pad * 2) {
    fontSize = Math.max(minFontSize, Math.floor((fontSize * (maxWidth - pad * 2)) / widest));
    lines = group.lines.map((l) => textLine(segments(l), fontSize, 800));
  }
  const lineH = Math.round(fontSize * 1.18);
  const boxW = Math.min(maxWidth, Math.round(Math.max(...lines.map((x) => x.width)) + pad * 2));
  const boxH = lineH * group.lines.length + pad * 2;
  const strokeW = Math.max(3, Math.round(fontSize / 7));
  const text = lines
    .map((line, i) =>
      line.element(boxW / 2, pad + lineH * i + lineH * 0.5 + fontSize * 0.36, `stroke="${CAPTION_STYLE.stroke}" stroke-width="${strokeW}" stroke-linejoin="round" paint-order="stroke"`),
    )
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}" viewBox="0 0 ${boxW} ${boxH}">${text}</svg>`;
  return { svg, width: boxW, height: boxH, fontSize };
}
