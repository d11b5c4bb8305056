/**
 * SVG for the static scene (background, title, presenter card) and for captions. All user
 * text is XML-escaped into SVG and rasterised by resvg: it never reaches an ffmpeg filter graph.
 */
import { AppError } from "@/lib/errors";
import type { Layout } from "./layout";
import { presenterSvg, getPresenter, type EyeState, type MouthState } from "./presenters";
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
  /** Render only this region of the frame (face patches). */
  region?: { x: number; y: number; w: number; h: number };
  /** Leave out the background (image / video backgrounds are composited underneath). */
  transparentBackground?: boolean;
}

function stripSvgWrapper(svg: string): { inner: string } {
  const start = svg.indexOf(">", svg.indexOf("<svg")) + 1;
  const end = svg.lastIndexOf("</svg>");
  return { inner: svg.slice(start, end) };
}

/** Title fitted to its width: shrinks, then truncates with an ellipsis. */
export function fitTitle(title: string, layout: Layout): { text: string; fontSize: number } {
  const t = layout.title;
  let text = title.replace(/\s+/g, " ").trim();
  if (text.length > 80) text = `${text.slice(0, 79)}…`;
  let fontSize = t.fontSize;
  const measure = (s: string, fs: number) =>
    svgContentWidth(
      `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="100" font-family="${FONT_FAMILY}" font-weight="700" font-size="${fs}">${textMarkup(s)}</text></svg>`,
      s,
    );
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
  const avatar = stripSvgWrapper(presenterSvg(o.slug, o.mouth, o.eyes)).inner;
  const k = L.avatar.size / 280;
  const avatarG = `<g transform="translate(${L.avatar.x} ${L.avatar.y}) scale(${k})">${avatar}</g>`;

  let frameDefs = `<linearGradient id="cardFill" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#ffffff"/><stop offset="1" stop-color="${accent}"/></linearGradient>`;
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
    const est = Math.min(t.maxWidth, svgContentWidth(
      `<svg xmlns="http://www.w3.org/2000/svg" width="4000" height="200"><text x="10" y="100" font-family="${FONT_FAMILY}" font-weight="700" font-size="${fs}">${textMarkup(titleFit.text)}</text></svg>`,
      titleFit.text,
    ) + fs * 1.6);
    const h = fs * 1.9;
    titleSvg =
      `<rect x="${t.centerX - est / 2}" y="${t.centerY - h / 2}" width="${est}" height="${h}" rx="${h / 2}" fill="${bg.dark ? "#ffffff" : "#0f172a"}" fill-opacity="${bg.dark ? 0.16 : 0.08}"/>` +
      `<text x="${t.centerX}" y="${t.centerY + fs * 0.36}" text-anchor="middle" font-family="${FONT_FAMILY}" font-weight="700" font-size="${fs}" fill="${bg.dark ? "#ffffff" : "#0f172a"}">${textMarkup(titleFit.text)}</text>`;
  }

  const full = { x: 0, y: 0, w: L.width, h: L.height };
  const reg = o.region ?? full;
  const shadowLayer = o.region ? "" : `${frameShape} fill="#000" filter="url(#shadow)"/>`;
  return (
    // A region is rendered by translating the content, not by a viewBox offset (resvg clips
    // grouped layers wrongly with an offset viewBox).
    `<svg xmlns="http://www.w3.org/2000/svg" width="${reg.w}" height="${reg.h}" viewBox="0 0 ${reg.w} ${reg.h}">` +
    `<defs>${bg.defs}${frameDefs}${clip}</defs><g transform="translate(${-reg.x} ${-reg.y})">` +
    bg.body +
    (o.region ? "" : titleSvg) +
    shadowLayer +
    `${frameShape} fill="url(#cardFill)"/>` +
    `<g clip-path="url(#frameClip)">${avatarG}</g>` +
    ring +
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
  const measureLine = (line: string, fs: number) =>
    svgContentWidth(
      `<svg xmlns="http://www.w3.org/2000/svg" width="6000" height="300"><text x="10" y="150" font-family="${FONT_FAMILY}" font-weight="700" font-size="${fs}">${textMarkup(line)}</text></svg>`,
      line,
    );
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
        `<text x="${boxW / 2}" y="${padY + lineH * i + lineH * 0.5 + fontSize * 0.36}" text-anchor="middle" font-family="${FONT_FAMILY}" font-weight="700" font-size="${fontSize}" fill="#ffffff" stroke="#000000" stroke-opacity="0.35" stroke-width="${Math.max(2, Math.round(fontSize / 18))}" paint-order="stroke">${textMarkup(l)}</text>`,
    )
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${boxW}" height="${boxH}" viewBox="0 0 ${boxW} ${boxH}">` +
    `<rect x="0" y="0" width="${boxW}" height="${boxH}" rx="${radius}" fill="#0b1020" fill-opacity="0.78"/>` +
    text +
    `</svg>`;
  return { svg, width: boxW, height: boxH, fontSize };
}
