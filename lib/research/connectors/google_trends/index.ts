import { createHttpClient, joinUrl, malformed } from "../../http";
import { collapse, decodeEntities, parseDate, stableHash, toIso } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { child, children, childText, parseXml } from "../../xml";
import { clampLimit, makeItem } from "../common";

/**
 * Google Trends "Trending now" RSS per country (`/trending/rss?geo=US`). The `ht:` namespace
 * URI differs between the new and legacy feeds, so fields are matched by local name.
 */

export const GOOGLE_TRENDS_DEFAULT_BASE = "https://trends.google.com";

/** "2,000+" / "500,000+" / "200+" → 2000 / 500000 / 200. */
export function parseTraffic(s: string | null): number | null {
  if (!s) return null;
  const m = s.replace(/[,.\s\u00a0]/g, "").match(/(\d+)\s*([KkMm])?/);
  if (!m) return null;
  const mult = m[2] ? (m[2].toLowerCase() === "k" ? 1_000 : 1_000_000) : 1;
  return parseInt(m[1], 10) * mult;
}

export function mapTrendsFeed(xml: string, geo: string, nowMs: number, query?: string): ResearchItem[] {
  const doc = parseXml("google_trends", xml);
  const channel = child(child(doc, "rss"), "channel");
  if (!channel) throw malformed("google_trends", "expected <rss><channel>");
  const region = geo.toUpperCase();
  const items: ResearchItem[] = [];
  for (const it of children(channel, "item")) {
    const rawTitle = childText(it, "title");
    if (!rawTitle) continue;
    const title = collapse(decodeEntities(rawTitle));
    const dated = parseDate(childText(it, "pubDate"));
    const published = dated ?? nowMs;
    const news = children(it, "news_item").map((n) => ({
      title: childText(n, "news_item_title"),
      url: childText(n, "news_item_url"),
      source: childText(n, "news_item_source"),
      snippet: childText(n, "news_item_snippet"),
    }));
    const first = news.find((n) => n.title || n.url);
    const summary = first?.title
      ? `${decodeEntities(first.title)}${first.source ? ` (${first.source})` : ""}`
      : childText(it, "description");
    const day = new Date(published).toISOString().slice(0, 10);
    const url =
      first?.url ??
      `https://trends.google.com/trends/explore?${new URLSearchParams({ q: title, geo: region, date: "now 1-d" }).toString()}`;
    items.push(
      makeItem("google_trends", {
        externalId: stableHash(`${region}|${title.toLowerCase()}|${day}`),
        title,
        summary,
        url,
        score: parseTraffic(childText(it, "approx_traffic")),
        comments: null,
        publishedAt: toIso(published) ?? new Date(nowMs).toISOString(),
        undated: dated === null || toIso(dated) === null,
        tags: [`geo:${region.toLowerCase()}`, ...news.map((n) => n.source ?? "")],
        raw: it,
      }),
    );
  }
  if (!query) return items;
  const needle = query.toLowerCase();
  return items.filter((i) => `${i.title} ${i.summary ?? ""}`.toLowerCase().includes(needle));
}

async function fetchTrends(q: QueryFor<"google_trends">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const http = createHttpClient(ctx, { source: "google_trends", resetSemantics: "auto" });
  const base = ctx.baseUrls?.googleTrends ?? GOOGLE_TRENDS_DEFAULT_BASE;
  const geo = (q.region ?? "US").toUpperCase();
  const xml = await http.getText(joinUrl(base, `/trending/rss?geo=${encodeURIComponent(geo)}`), {
    headers: { Accept: "application/rss+xml, application/xml;q=0.9, */*;q=0.5" },
  });
  return mapTrendsFeed(xml, geo, http.ctx.now().getTime(), q.query).slice(0, clampLimit(q.limit, 50));
}

export const googleTrendsConnector: ResearchConnector<"google_trends"> = { source: "google_trends", fetch: fetchTrends };
