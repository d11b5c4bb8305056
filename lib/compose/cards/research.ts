/**
 * Cards for items with a headline: the Reddit post, the Hacker News story, the GitHub
 * repository and the RSS headline. Laid out relative to the box so the same card reads at
 * 960×1000 (split, landscape) and 1000×600 (stacked, portrait).
 */
import type { CardSpec } from "./index";
import { INK, MUTED, fitText, sheet, statText, textBlock, type Box } from "./svg";

interface HeadlineParts {
  /** Brand colour of the source strip. */
  accent: string;
  /** Short source name in the strip ("Reddit", "Hacker News"). */
  brand: string;
  /** Second header text (subreddit, site, repository). */
  where: string;
  title: string;
  body?: string;
  stats: string[];
}

function headlineCard(box: Box, p: HeadlineParts): string {
  const { width: w, height: h } = box;
  const u = Math.min(w, h * 1.1) / 20; // layout unit
  const pad = Math.round(u * 1.6);
  const inner = w - 2 * pad;
  const strip = Math.round(u * 2.6);
  let out = `<rect x="${Math.round(w * 0.03)}" y="${Math.round(h * 0.03)}" width="${Math.round(w * 0.94)}" height="${strip}" rx="${Math.round(u * 0.9)}" fill="${p.accent}"/>`;
  out += `<rect x="${Math.round(w * 0.03)}" y="${Math.round(h * 0.03 + strip / 2)}" width="${Math.round(w * 0.94)}" height="${Math.round(strip / 2)}" fill="${p.accent}"/>`;
  out += textBlock([p.brand], { x: pad, y: Math.round(h * 0.03 + strip * 0.18), size: Math.round(u * 1.25), fill: "#ffffff" }).svg;
  let y = Math.round(h * 0.03 + strip + u * 1.2);
  const where = fitText(p.where, inner, Math.round(u * 1.1), Math.round(u * 0.8), 1);
  out += textBlock(where.lines, { x: pad, y, size: where.size, fill: p.accent }).svg;
  y += Math.round(where.size * 1.6);
  const statsH = p.stats.length ? Math.round(u * 3) : 0;
  const room = h * 0.97 - y - statsH - pad;
  const maxTitleSize = Math.round(u * 1.9);
  const titleLines = Math.max(1, Math.floor(room / (maxTitleSize * 1.22)) - (p.body ? 1 : 0));
  const t = fitText(p.title, inner, maxTitleSize, Math.round(u * 1.1), Math.min(5, titleLines));
  const tb = textBlock(t.lines, { x: pad, y, size: t.size, fill: INK });
  out += tb.svg;
  y = tb.bottom + Math.round(u * 0.5);
  if (p.body) {
    const bodyRoom = Math.floor((h * 0.97 - y - statsH - pad) / (u * 1.15 * 1.22));
    if (bodyRoom >= 1) {
      const b = fitText(p.body, inner, Math.round(u * 1.15), Math.round(u * 0.9), Math.min(3, bodyRoom));
      out += textBlock(b.lines, { x: pad, y, size: b.size, fill: MUTED, weight: 400 }).svg;
    }
  }
  if (p.stats.length) {
    const sy = Math.round(h * 0.97 - pad - u * 2.2);
    const s = fitText(p.stats.join("   ·   "), inner, Math.round(u * 1.35), Math.round(u * 0.9), 1);
    out += `<rect x="${pad - Math.round(u * 0.6)}" y="${sy}" width="${inner + Math.round(u * 1.2)}" height="${Math.round(u * 2.4)}" rx="${Math.round(u * 1.2)}" fill="#f1f5f9"/>`;
    out += textBlock(s.lines, { x: pad, y: sy + Math.round((u * 2.4 - s.size * 1.25) / 2), size: s.size, fill: INK }).svg;
  }
  return sheet(box, Math.round(u * 0.9), out);
}

export function researchCardSvg(card: Extract<CardSpec, { kind: "reddit" | "hackernews" | "github" | "headline" }>, box: Box): string {
  switch (card.kind) {
    case "reddit":
      return headlineCard(box, {
        accent: "#ff4500",
        brand: "Reddit",
        where: card.subreddit,
        title: card.title,
        stats: [statText(card.score, "upvotes"), statText(card.comments, "comments")].filter((x): x is string => !!x),
      });
    case "hackernews":
      return headlineCard(box, {
        accent: "#ff6600",
        brand: "Hacker News",
        where: "news.ycombinator.com",
        title: card.title,
        stats: [statText(card.points, "points"), statText(card.comments, "comments")].filter((x): x is string => !!x),
      });
    case "github":
      return headlineCard(box, {
        accent: "#24292f",
        brand: "GitHub",
        where: card.language ? `${card.language}` : "repository",
        title: card.repo,
        body: card.description || undefined,
        stats: [statText(card.stars, "stars")].filter((x): x is string => !!x),
      });
    case "headline":
      return headlineCard(box, { accent: "#2563eb", brand: "In the news", where: card.site, title: card.title, stats: [] });
  }
}
