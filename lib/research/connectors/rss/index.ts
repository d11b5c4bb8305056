import { createHttpClient, malformed, num } from "../../http";
import { parseDate, stableHash, stripHtml, toIso } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { attr, child, childExact, children, childText, parseXml, textOf } from "../../xml";
import { clampLimit, makeItem } from "../common";

/** Any RSS 2.0, RSS 1.0 (RDF) or Atom feed. */

function resolveUrl(href: string | null, base: string): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).toString();
  } catch {
    return null;
  }
}

function atomLink(entry: unknown, base: string): string | null {
  const links = children(entry, "link");
  const alt = links.find((l) => (attr(l, "rel") ?? "alternate") === "alternate") ?? links[0];
  return resolveUrl(attr(alt, "href") ?? textOf(alt), base);
}

export function mapFeed(xml: string, feedUrl: string, nowMs: number): ResearchItem[] {
  const doc = parseXml("rss", xml);
  const rss = child(doc, "rss");
  const atom = child(doc, "feed");
  const rdf = child(doc, "RDF");
  const fetchedAt = new Date(nowMs).toISOString();
  const items: ResearchItem[] = [];

  if (rss || rdf) {
    const channel = rss ? child(rss, "channel") : child(rdf, "channel");
    if (!channel && !rdf) throw malformed("rss", "expected <rss><channel>");
    const entries = rss ? children(channel, "item") : children(rdf, "item");
    for (const it of entries) {
      const title = childText(it, "title");
      const link = resolveUrl(childText(it, "link"), feedUrl);
      const guid = childText(it, "guid") ?? attr(it, "rdf:about");
      if (!title && !link) continue;
      const description = childText(it, "encoded") ?? childText(it, "description");
      const date = parseDate(childText(it, "pubDate") ?? childText(it, "date"));
      const slash = childExact(it, "slash:comments")[0];
      items.push(
        makeItem("rss", {
          externalId: guid ?? link ?? stableHash(title ?? ""),
          title: title ? stripHtml(title) : (link as string),
          summary: description ? stripHtml(description) : null,
          url: link ?? (guid && /^https?:\/\//.test(guid) ? guid : null),
          score: null,
          comments: num(textOf(slash)),
          publishedAt: (date !== null ? toIso(date) : null) ?? fetchedAt,
          undated: date === null || toIso(date) === null,
          tags: [...children(it, "category").map((c) => textOf(c) ?? ""), ...children(it, "subject").map((c) => textOf(c) ?? "")],
          raw: it,
        }),
      );
    }
    return items;
  }

  if (atom) {
    for (const e of children(atom, "entry")) {
      const title = childText(e, "title");
      const link = atomLink(e, feedUrl);
      const id = childText(e, "id");
      if (!title && !link) continue;
      const summary = childText(e, "summary") ?? childText(e, "content");
      const date = parseDate(childText(e, "published") ?? childText(e, "updated"));
      items.push(
        makeItem("rss", {
          externalId: id ?? link ?? stableHash(title ?? ""),
          title: title ? stripHtml(title) : (link as string),
          summary: summary ? stripHtml(summary) : null,
          url: link,
          score: null,
          comments: null,
          publishedAt: (date !== null ? toIso(date) : null) ?? fetchedAt,
          undated: date === null || toIso(date) === null,
          tags: children(e, "category").map((c) => attr(c, "term") ?? ""),
          raw: e,
        }),
      );
    }
    return items;
  }

  throw malformed("rss", "the document is neither an RSS nor an Atom feed");
}

async function fetchRss(q: QueryFor<"rss">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const http = createHttpClient(ctx, { source: "rss", resetSemantics: "auto" });
  const xml = await http.getText(q.feedUrl, {
    headers: { Accept: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5" },
  });
  return mapFeed(xml, q.feedUrl, http.ctx.now().getTime()).slice(0, clampLimit(q.limit, 50));
}

export const rssConnector: ResearchConnector<"rss"> = { source: "rss", fetch: fetchRss };
