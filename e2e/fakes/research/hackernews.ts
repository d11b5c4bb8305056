import type { FakeDefinition } from "./server";
import { send, sendJson } from "./server";
import { HN_STORIES } from "./data";

/**
 * HN Algolia search: `GET /search` and `/search_by_date` with query, tags, numericFilters
 * (only created_at_i; points/num_comments are rejected with 400 like the live index), hitsPerPage.
 * No rate headers are documented; the rate-limited answer is 429 with Retry-After (assumed).
 */

export const FAKE_HN_RETRY_AFTER_SECONDS = 3;

export function hackernewsFake(): FakeDefinition {
  return {
    name: "hackernews",
    ok(_req, url, res, ctx) {
      if (url.pathname !== "/search" && url.pathname !== "/search_by_date") {
        return sendJson(res, 404, { message: "Not Found", status: 404 });
      }
      const query = (url.searchParams.get("query") ?? "").toLowerCase();
      const tags = (url.searchParams.get("tags") ?? "").split(",").filter(Boolean);
      const per = Math.min(1000, parseInt(url.searchParams.get("hitsPerPage") ?? "20", 10) || 20);
      const nf = url.searchParams.get("numericFilters");
      let minCreated = 0;
      if (nf) {
        for (const f of nf.split(",")) {
          const m = f.match(/^(\w+)(>=|>|<=|<|=)(\d+)$/);
          if (!m) return sendJson(res, 400, { message: `invalid numericFilters ${f}`, status: 400 });
          if (m[1] !== "created_at_i") {
            return sendJson(res, 400, {
              message: `invalid numeric attribute(${m[1]}), attribute not specified in numericAttributesForFiltering setting`,
              status: 400,
            });
          }
          if (m[2].startsWith(">")) minCreated = parseInt(m[3], 10);
        }
      }
      const nowS = Math.floor(ctx.now() / 1000);
      let hits = HN_STORIES.map((s) => {
        const created = nowS - s.hoursAgo * 3600;
        const storyTags = ["story", `author_${s.author}`, `story_${s.id}`, ...(s.tags ?? [])];
        return {
          created_at: new Date(created * 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
          title: s.title, url: s.url ?? null, author: s.author, points: s.points, story_text: s.text ?? null,
          comment_text: null, num_comments: s.comments, story_id: s.id, story_title: null, story_url: null,
          parent_id: null, created_at_i: created, updated_at: new Date(ctx.now()).toISOString(),
          children: [s.id + 100, s.id + 200], _tags: storyTags, objectID: String(s.id),
          _highlightResult: { title: { value: s.title, matchLevel: "none", matchedWords: [] } },
        };
      });
      hits = hits.filter((h) => h.created_at_i > minCreated);
      hits = hits.filter((h) => tags.every((t) => t === "story" || h._tags.includes(t)));
      if (query) {
        const words = query.split(/\s+/);
        hits = hits.filter((h) => words.some((w) => `${h.title} ${h.story_text ?? ""}`.toLowerCase().includes(w)));
      }
      hits.sort((a, b) => (url.pathname === "/search_by_date" ? b.created_at_i - a.created_at_i : b.points - a.points));
      const page = hits.slice(0, per);
      return sendJson(res, 200, {
        hits: page, nbHits: hits.length, page: 0, nbPages: Math.ceil(hits.length / per), hitsPerPage: per,
        exhaustiveNbHits: true, exhaustive: { nbHits: true }, query, params: url.search.slice(1), processingTimeMS: 2,
      });
    },
    rateLimited(res) {
      sendJson(res, 429, { message: "Too many requests", status: 429 }, { "Retry-After": String(FAKE_HN_RETRY_AFTER_SECONDS) });
    },
    malformed(res) {
      send(res, 200, '{"hits": [{"objectID": "1", "title": "truncated', { "Content-Type": "application/json" });
    },
  };
}
