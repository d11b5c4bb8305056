/** Cards that are one figure: the trend bar chart, the pull quote and the big number. */
import type { CardSpec } from "./index";
import { INK, MUTED, fitText, sheet, textBlock, type Box } from "./svg";

export function trendCardSvg(card: Extract<CardSpec, { kind: "trend" }>, box: Box): string {
  const { width: w, height: h } = box;
  const u = Math.min(w, h * 1.1) / 20;
  const pad = Math.round(u * 1.6);
  let out = textBlock(["Google Trends"], { x: pad, y: pad, size: Math.round(u * 1.1), fill: "#1a73e8" }).svg;
  const term = fitText(card.term, w - 2 * pad, Math.round(u * 2), Math.round(u * 1.1), 2);
  const tb = textBlock(term.lines, { x: pad, y: pad + Math.round(u * 1.8), size: term.size, fill: INK });
  out += tb.svg;
  const counts = card.counts.length ? card.counts : [0];
  const max = Math.max(1, ...counts);
  const top = tb.bottom + Math.round(u * 1.2);
  const hasLabels = card.labels.some((l) => l.trim());
  const bottom = Math.round(h * 0.97 - pad - (hasLabels ? u * 1.5 : 0));
  const gap = Math.max(2, Math.round(((w - 2 * pad) / counts.length) * 0.25));
  const bw = Math.max(2, Math.floor((w - 2 * pad - gap * (counts.length - 1)) / counts.length));
  counts.forEach((c, i) => {
    const bh = Math.max(2, Math.round(((bottom - top) * c) / max));
    const x = pad + i * (bw + gap);
    const last = i === counts.length - 1;
    out += `<rect x="${x}" y="${bottom - bh}" width="${bw}" height="${bh}" rx="${Math.round(bw * 0.15)}" fill="${last ? "#1a73e8" : "#93c5fd"}"/>`;
    if (hasLabels && card.labels[i]) out += textBlock([card.labels[i]], { x: x + Math.round(bw / 2), y: bottom + Math.round(u * 0.2), size: Math.round(u * 0.8), fill: MUTED, weight: 400, anchor: "middle" }).svg;
  });
  return sheet(box, Math.round(u * 0.9), out);
}

export function quoteCardSvg(card: Extract<CardSpec, { kind: "quote" }>, box: Box, accent = "#7c3aed"): string {
  const { width: w, height: h } = box;
  const u = Math.min(w, h * 1.1) / 20;
  const pad = Math.round(u * 2);
  let out = `<text x="${pad}" y="${pad + Math.round(u * 4)}" font-size="${Math.round(u * 6)}" font-weight="700" fill="${accent}">“</text>`;
  const q = fitText(card.text, w - 2 * pad, Math.round(u * 2), Math.round(u * 1.1), Math.max(2, Math.floor((h * 0.6) / (u * 2 * 1.22))));
  const block = textBlock(q.lines, { x: pad, y: pad + Math.round(u * 4.5), size: q.size, fill: INK });
  out += block.svg;
  if (card.attribution) {
    const a = fitText(`— ${card.attribution}`, w - 2 * pad, Math.round(u * 1.2), Math.round(u * 0.9), 1);
    out += textBlock(a.lines, { x: pad, y: block.bottom + Math.round(u * 0.8), size: a.size, fill: MUTED, weight: 400 }).svg;
  }
  return sheet(box, Math.round(u * 0.9), out);
}

export function numberCardSvg(card: Extract<CardSpec, { kind: "number" }>, box: Box, accent = "#7c3aed"): string {
  const { width: w, height: h } = box;
  const u = Math.min(w, h * 1.1) / 20;
  const pad = Math.round(u * 1.6);
  const v = fitText(card.value, w - 2 * pad, Math.round(Math.min(u * 7, h * 0.42)), Math.round(u * 2.5), 1);
  const vy = Math.round(h * 0.5 - v.size * 0.75);
  let out = textBlock(v.lines, { x: Math.round(w / 2), y: vy, size: v.size, fill: accent, anchor: "middle" }).svg;
  const c = fitText(card.caption, w - 2 * pad, Math.round(u * 1.5), Math.round(u * 1), 2);
  out += textBlock(c.lines, { x: Math.round(w / 2), y: vy + Math.round(v.size * 1.2), size: c.size, fill: MUTED, anchor: "middle" }).svg;
  return sheet(box, Math.round(u * 0.9), out);
}
