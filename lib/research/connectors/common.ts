import type { ResearchItem, SourceId } from "../types";
import { collapse, decodeEntities, detectLanguage, summaryOf } from "../text";

export interface ItemFields {
  externalId: string;
  title: string;
  summary?: string | null;
  url: string | null;
  score?: number | null;
  comments?: number | null;
  publishedAt: string;
  /** The source gave no date; `publishedAt` is the fetch time. */
  undated?: boolean;
  tags?: string[];
  language?: string | null;
  raw: unknown;
}

/** Builds a normalised item: titles decoded and trimmed, tags lower-cased and unique, language guessed. */
export function makeItem(source: SourceId, f: ItemFields): ResearchItem {
  const title = collapse(decodeEntities(f.title));
  const summary = f.summary == null ? null : summaryOf(f.summary, "text");
  const tags = [...new Set((f.tags ?? []).map((t) => collapse(t).toLowerCase()).filter(Boolean))];
  return {
    id: `${source}:${f.externalId}`,
    source,
    externalId: f.externalId,
    title,
    summary,
    url: f.url,
    score: f.score ?? null,
    comments: f.comments ?? null,
    publishedAt: f.publishedAt,
    ...(f.undated ? { undated: true } : {}),
    tags,
    language: f.language !== undefined ? f.language : detectLanguage(`${title}. ${summary ?? ""}`),
    raw: f.raw,
  };
}

export function clampLimit(limit: number | undefined, def: number, max = 100): number {
  return Math.min(max, Math.max(1, limit ?? def));
}
