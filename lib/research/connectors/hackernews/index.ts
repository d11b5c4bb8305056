import { createHttpClient, isRecord, joinUrl, malformed, num, str } from "../../http";
import { stripHtml, toIso } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { clampLimit, makeItem } from "../common";

/**
 * Hacker News through the Algolia search API. Points are filtered client-side (the live index
 * rejects `points` in numericFilters); only `created_at_i` is sent as a numeric filter.
 */

export const HACKERNEWS_DEFAULT_BASE = "https://hn.algolia.com/api/v1";

export function hackernewsSearchPath(q: QueryFor<"hackernews">, nowMs: number): string {
  const params = new URLSearchParams();
  params.set("query", q.query ?? "");
  params.set("tags", q.tags ?? "story");
  params.set("hitsPerPage", String(clampLimit(q.limit, 50)));
  if (q.sinceHours) params.set("numericFilters", `created_at_i>${Math.floor(nowMs / 1000 - q.sinceHours * 3600)}`);
  return `/${q.byDate ? "search_by_date" : "search"}?${params.toString()}`;
}

export function mapAlgoliaHits(body: unknown): ResearchItem[] {
  if (!isRecord(body) || !Array.isArray(body.hits)) throw malformed("hackernews", "expected an object with a hits array");
  const items: ResearchItem[] = [];
  for (const h of body.hits) {
    if (!isRecord(h)) continue;
    const id = str(h.objectID);
    const title = str(h.title) ?? str(h.story_title);
    if (!id || !title) continue;
    const createdI = num(h.created_at_i);
    const publishedAt = createdI !== null ? toIso(createdI * 1000) : str(h.created_at) ? toIso(Date.parse(String(h.created_at))) : null;
    if (!publishedAt) continue;
    const text = str(h.story_text) ?? str(h.comment_text);
    const tags = Array.isArray(h._tags)
      ? h._tags.filter((t): t is string => typeof t === "string" && !/^(author|story)_/.test(t))
      : [];
    items.push(
      makeItem("hackernews", {
        externalId: id,
        title,
        summary: text ? stripHtml(text) : null,
        url: str(h.url) || `https://news.ycombinator.com/item?id=${encodeURIComponent(id)}`,
        score: num(h.points),
        comments: num(h.num_comments),
        publishedAt,
        tags,
        raw: h,
      }),
    );
  }
  return items;
}

async function fetchHackernews(q: QueryFor<"hackernews">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const http = createHttpClient(ctx, { source: "hackernews", resetSemantics: "auto" });
  const base = ctx.baseUrls?.hackernews ?? HACKERNEWS_DEFAULT_BASE;
  const body = await http.getJson(joinUrl(base, hackernewsSearchPath(q, http.ctx.now().getTime())));
  return mapAlgoliaHits(body);
}

export const hackernewsConnector: ResearchConnector<"hackernews"> = { source: "hackernews", fetch: fetchHackernews };
