/**
 * Brand kit pieces drawn offline (SVG → PNG, all text escaped by textBlock/runLine/textMarkup):
 * the intro/outro card, the frame background in the kit's colours, the watermark and the logo.
 */
import fs from "node:fs";
import { FONT_FAMILY, textMarkup } from "@/lib/render/raster";
import { hasDevanagari } from "@/lib/render/devanagari-runs";
import { fitText, runLine, textBlock } from "./svg";

export interface BrandColours {
  primary: string;
  background: string;
  text: string;
}

/** The composer's look without a kit. */
export const DEFAULT_COLOURS: BrandColours = { primary: "#7c3aed", background: "#111827", text: "#ffffff" };

/** Mixes two #rrggbb colours (t = share of b). */
export function mixHex(a: string, b: string, t: number): string {
  const p = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
  const [x, y] = [p(a), p(b)];
  return `#${x.map((v, i) => Math.round(v + (y[i] - v) * t).toString(16).padStart(2, "0")).join("")}`;
}

export function backgroundSvg(width: number, height: number, c: BrandColours = DEFAULT_COLOURS, tint = "#312e81"): string {
  const to = c === DEFAULT_COLOURS ? tint : mixHex(c.background, c.primary, 0.28);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c.background}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`
  );
}

/** A logo file as an <image> data URI (PNG, JPEG or SVG; sniffed from the bytes, not the name). */
export function logoImage(file: string): { href: string; svgText: string | null } {
  const buf = fs.readFileSync(file);
  const head = buf.subarray(0, 256).toString("latin1");
  const mime = buf[0] === 0x89 && head.startsWith("\x89PNG") ? "image/png" : buf[0] === 0xff && buf[1] === 0xd8 ? "image/jpeg" : /<svg[\s>]/i.test(buf.subarray(0, 4096).toString("utf8")) ? "image/svg+xml" : null;
  if (!mime) throw new Error("The brand logo is not a PNG, JPEG or SVG file; upload the logo again in one of those formats.");
  return { href: `data:${mime};base64,${buf.toString("base64")}`, svgText: mime === "image/svg+xml" ? buf.toString("utf8") : null };
}

/** The logo drawn into a w×h box (aspect kept, centred). */
export function logoSvg(href: string, w: number, h: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}"><image x="0" y="0" width="${w}" height="${h}" preserveAspectRatio="xMidYMid meet" xlink:href="${href}" href="${href}"/></svg>`;
}

/** Watermark text, right-aligned in a w×h box. */
export function watermarkSvg(text: string, w: number, h: number, colour: string, opacity: number): string {
  const size = Math.round(h * 0.72);
  const y = Math.round(h * 0.78);
  const attrs = `fill="${colour}" fill-opacity="${opacity}" stroke="#000" stroke-opacity="${(opacity * 0.35).toFixed(2)}" stroke-width="${Math.max(1, Math.round(size / 14))}" paint-order="stroke"`;
  // Devanagari: one chunk per script run, right-aligned from the runs' advance (see runLine).
  const line = hasDevanagari(text)
    ? runLine(text, { x: w, y, size, weight: 700, anchor: "end", attrs })
    : `<text x="${w}" y="${y}" text-anchor="end" font-family="${FONT_FAMILY}" font-weight="700" font-size="${size}" ${attrs}>${textMarkup(text)}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${line}</svg>`;
}

/** Intro / outro card: the kit's background, title and subtitle, and the logo above them. */
export function brandCardSvg(
  w: number,
  h: number,
  card: { title: string; subtitle: string },
  c: BrandColours,
  logoHref: string | null,
): string {
  const short = Math.min(w, h);
  const pad = Math.round(short * 0.08);
  const logoH = logoHref ? Math.round(short * 0.2) : 0;
  const title = fitText(card.title, w - 2 * pad, Math.round(short * 0.085), Math.round(short * 0.045), 3);
  const sub = card.subtitle ? fitText(card.subtitle, w - 2 * pad, Math.round(short * 0.045), Math.round(short * 0.03), 2) : null;
  const titleH = title.lines.length * Math.round(title.size * 1.22);
  const subH = sub ? sub.lines.length * Math.round(sub.size * 1.22) + Math.round(short * 0.03) : 0;
  const total = logoH + (logoH ? Math.round(short * 0.05) : 0) + titleH + subH;
  let y = Math.round((h - total) / 2);
  let out = backgroundSvg(w, h, c).replace(/<\/svg>$/, "");
  out = out.replace("<svg ", `<svg xmlns:xlink="http://www.w3.org/1999/xlink" `);
  if (logoHref) {
    out += `<image x="${Math.round((w - logoH * 2.5) / 2)}" y="${y}" width="${Math.round(logoH * 2.5)}" height="${logoH}" preserveAspectRatio="xMidYMid meet" xlink:href="${logoHref}" href="${logoHref}"/>`;
    y += logoH + Math.round(short * 0.05);
  }
  const t = textBlock(title.lines, { x: Math.round(w / 2), y: y - Math.round(title.size * 0.2), size: title.size, fill: c.text, anchor: "middle" });
  out += t.svg;
  if (sub) out += textBlock(sub.lines, { x: Math.round(w / 2), y: t.bottom + Math.round(short * 0.02), size: sub.size, fill: c.primary, anchor: "middle", weight: 700 }).svg;
  // A bar in the primary colour under everything.
  out += `<rect x="${Math.round(w / 2 - short * 0.08)}" y="${Math.min(h - pad, y + titleH + subH + Math.round(short * 0.05))}" width="${Math.round(short * 0.16)}" height="${Math.max(4, Math.round(short * 0.012))}" rx="${Math.max(2, Math.round(short * 0.006))}" fill="${c.primary}"/>`;
  return `${out}</svg>`;
}
