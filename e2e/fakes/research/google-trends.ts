import type { FakeDefinition } from "./server";
import { rfc822, send, xmlEscape } from "./server";
import { GOOGLE_TRENDS } from "./data";

/**
 * Google Trends "Trending now" RSS: `GET /trending/rss?geo=XX`, RSS 2.0 with the `ht:` namespace
 * (approx_traffic, picture, news_item…). No documented rate headers; abuse answers 429 with
 * Retry-After (assumed).
 */

export const FAKE_TRENDS_RETRY_AFTER_SECONDS = 5;

export function googleTrendsFeed(geo: string, nowMs: number): string {
  const items = GOOGLE_TRENDS.map((t) => {
    const news = t.news
      .map(
        (n) => `
   <ht:news_item>
    <ht:news_item_title>${xmlEscape(n.title)}</ht:news_item_title>
    <ht:news_item_snippet>${xmlEscape(n.snippet ?? "")}</ht:news_item_snippet>
    <ht:news_item_url>${xmlEscape(n.url)}</ht:news_item_url>
    <ht:news_item_picture>https://encrypted-tbn0.gstatic.com/images?q=tbn:${encodeURIComponent(t.title)}</ht:news_item_picture>
    <ht:news_item_source>${xmlEscape(n.source)}</ht:news_item_source>
   </ht:news_item>`,
      )
      .join("");
    return `
  <item>
   <title>${xmlEscape(t.title)}</title>
   <ht:approx_traffic>${t.traffic}</ht:approx_traffic>
   <description></description>
   <link>https://trends.google.com/trending/rss?geo=${geo}</link>
   <pubDate>${rfc822(nowMs - t.hoursAgo * 3600_000)}</pubDate>
   <ht:picture>https://encrypted-tbn0.gstatic.com/images?q=tbn:${encodeURIComponent(t.title)}</ht:picture>
   <ht:picture_source>${xmlEscape(t.news[0]?.source ?? "")}</ht:picture_source>${news}
  </item>`;
  }).join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss xmlns:atom="http://www.w3.org/2005/Atom" xmlns:ht="https://trends.google.com/trending/rss" version="2.0">
 <channel>
  <title>Daily Search Trends</title>
  <description>Recent searches</description>
  <link>https://trends.google.com/trending/rss?geo=${geo}</link>
  <atom:link href="https://trends.google.com/trending/rss?geo=${geo}" rel="self" type="application/rss+xml"/>${items}
 </channel>
</rss>
`;
}

export function googleTrendsFake(): FakeDefinition {
  return {
    name: "google_trends",
    ok(_req, url, res, ctx) {
      if (url.pathname !== "/trending/rss") return send(res, 404, "<html><body>Not Found</body></html>", { "Content-Type": "text/html" });
      const geo = (url.searchParams.get("geo") ?? "US").toUpperCase();
      send(res, 200, googleTrendsFeed(geo, ctx.now()), { "Content-Type": "application/rss+xml; charset=utf-8" });
    },
    rateLimited(res) {
      send(res, 429, "<html><head><title>Sorry...</title></head><body>We're sorry... but your computer or network may be sending automated queries.</body></html>", {
        "Content-Type": "text/html",
        "Retry-After": String(FAKE_TRENDS_RETRY_AFTER_SECONDS),
      });
    },
    malformed(res) {
      send(res, 200, `<?xml version="1.0"?><rss version="2.0"><channel><title>Daily Search Trends</title><item><title>broken</item></channel>`, {
        "Content-Type": "application/rss+xml",
      });
    },
  };
}
