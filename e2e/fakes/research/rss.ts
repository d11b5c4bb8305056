import type { FakeDefinition } from "./server";
import { rfc822, send, xmlEscape } from "./server";
import { ATOM_ENTRIES, RSS_ARTICLES } from "./data";

/**
 * A publisher: `/feed.xml` (RSS 2.0 with content/dc/slash namespaces), `/atom.xml` (Atom,
 * RFC 4287) and `/rdf.xml` (RSS 1.0). Rate limiting answers 503 + Retry-After as an HTTP date.
 */

export const FAKE_RSS_RETRY_AFTER_SECONDS = 10;

export function rssFeed(nowMs: number): string {
  const items = RSS_ARTICLES.map(
    (a, i) => `
  <item>
   <title>${xmlEscape(a.title)}</title>
   <link>${xmlEscape(a.link)}</link>
   <guid isPermaLink="${a.guid.startsWith("http") ? "true" : "false"}">${xmlEscape(a.guid)}</guid>${
     a.hoursAgo === null ? "" : `\n   <pubDate>${rfc822(nowMs - a.hoursAgo * 3600_000)}</pubDate>`
   }
   <dc:creator>Editor ${i + 1}</dc:creator>
   ${a.categories.map((c) => `<category>${xmlEscape(c)}</category>`).join("")}
   <description>${xmlEscape(a.description.replace(/&amp;/g, "&").replace(/&/g, "&amp;"))}</description>
   <comments>${xmlEscape(a.link)}#comments</comments>
   <slash:comments>${(i * 7) % 23}</slash:comments>
  </item>`,
  ).join("");
  return `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
 <channel>
  <title>Example Work &amp; Tools Blog</title>
  <link>https://blog.example.com/</link>
  <description>Notes on AI tools, productivity and remote work</description>
  <ttl>60</ttl>${items}
 </channel>
</rss>
`;
}

export function atomFeed(nowMs: number): string {
  const entries = ATOM_ENTRIES.map(
    (e) => `
 <entry>
  <title type="text">${xmlEscape(e.title)}</title>
  <link rel="alternate" type="text/html" href="${xmlEscape(e.link)}"/>
  <link rel="replies" href="${xmlEscape(e.link)}#comments"/>
  <id>${xmlEscape(e.guid)}</id>
  <published>${new Date(nowMs - (e.hoursAgo ?? 0) * 3600_000).toISOString()}</published>
  <updated>${new Date(nowMs - (e.hoursAgo ?? 0) * 3600_000 + 600_000).toISOString()}</updated>
  <author><name>Engineering Team</name></author>
  ${e.categories.map((c) => `<category term="${xmlEscape(c)}"/>`).join("")}
  <summary type="html">${xmlEscape(`<p>${e.description}</p>`)}</summary>
 </entry>`,
  ).join("");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
 <title>Example Engineering</title>
 <link href="https://engineering.example.org/"/>
 <link rel="self" href="https://engineering.example.org/atom.xml"/>
 <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
 <updated>${new Date(nowMs).toISOString()}</updated>${entries}
</feed>
`;
}

export function rdfFeed(nowMs: number): string {
  const items = RSS_ARTICLES.slice(0, 3)
    .map(
      (a) => `
 <item rdf:about="${xmlEscape(a.link)}">
  <title>${xmlEscape(a.title)}</title>
  <link>${xmlEscape(a.link)}</link>
  <description>${xmlEscape(a.description.replace(/<[^>]+>/g, ""))}</description>
  <dc:date>${new Date(nowMs - (a.hoursAgo ?? 0) * 3600_000).toISOString()}</dc:date>
 </item>`,
    )
    .join("");
  return `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
 <channel rdf:about="https://blog.example.com/"><title>Example (RSS 1.0)</title><link>https://blog.example.com/</link></channel>${items}
</rdf:RDF>
`;
}

export function rssFake(): FakeDefinition {
  return {
    name: "rss",
    ok(_req, url, res, ctx) {
      const type = { "/feed.xml": "application/rss+xml", "/atom.xml": "application/atom+xml", "/rdf.xml": "application/rdf+xml" }[url.pathname];
      if (!type) return send(res, 404, "<html><body>Not Found</body></html>", { "Content-Type": "text/html" });
      const body = url.pathname === "/feed.xml" ? rssFeed(ctx.now()) : url.pathname === "/atom.xml" ? atomFeed(ctx.now()) : rdfFeed(ctx.now());
      send(res, 200, body, { "Content-Type": `${type}; charset=utf-8`, "Cache-Control": "max-age=600", ETag: '"v1"' });
    },
    rateLimited(res, ctx) {
      send(res, 503, "<html><body>Slow down</body></html>", {
        "Content-Type": "text/html",
        "Retry-After": new Date(ctx.now() + FAKE_RSS_RETRY_AFTER_SECONDS * 1000).toUTCString(),
      });
    },
    malformed(res) {
      send(res, 200, "<!DOCTYPE html><html><head><title>Welcome</title></head><body><p>Not a feed</body></html>", {
        "Content-Type": "text/html",
      });
    },
  };
}
