import type { ResearchFilters, ResearchItem } from "./types";

/**
 * Pure filtering. Items without a source score pass `minScore` (RSS, manual notes have none);
 * items whose language could not be determined pass `language` (detection is best-effort).
 * Undated items (a feed entry without a date) never pass a freshness window: someone who asks
 * for "the last 168 hours" expects nothing older, and an undated post may be years old — its
 * `publishedAt` is only when we fetched it. Without a window they are kept.
 */
export function applyFilters(items: ResearchItem[], filters: ResearchFilters, now: Date): ResearchItem[] {
  const since = filters.windowHours ? now.getTime() - filters.windowHours * 3_600_000 : null;
  const lang = filters.language?.toLowerCase();
  return items.filter((it) => {
    if (filters.minScore !== undefined && it.score !== null && it.score < filters.minScore) return false;
    if (since !== null) {
      if (it.undated) return false;
      const t = Date.parse(it.publishedAt);
      if (!Number.isFinite(t) || t < since) return false;
    }
    if (lang && it.language && it.language !== lang) return false;
    return true;
  });
}
