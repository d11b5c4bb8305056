import type { FakeDefinition } from "./server";
import { send, sendJson } from "./server";
import { REDDIT_POSTS } from "./data";

/**
 * Reddit: `POST /api/v1/access_token` (Basic client_id:secret, grant_type=client_credentials)
 * and OAuth listings (`/r/{subs}/{hot|new|top|rising}`, `/r/{subs}/search`, `/search`) that
 * require `Authorization: bearer <token>`. Rate-limit headers on every API answer;
 * X-Ratelimit-Reset is seconds until the window ends.
 */

export const FAKE_REDDIT_CLIENT_ID = "fake-client-id";
export const FAKE_REDDIT_CLIENT_SECRET = "fake-client-secret";
export const FAKE_REDDIT_RESET_SECONDS = 7;

export function redditFake(): FakeDefinition & { tokens: Set<string>; expireTokens(): void } {
  const tokens = new Set<string>();
  let issued = 0;
  const rate = (remaining: number) => ({
    "x-ratelimit-used": String(1000 - remaining),
    "x-ratelimit-remaining": `${remaining.toFixed(1)}`,
    "x-ratelimit-reset": String(FAKE_REDDIT_RESET_SECONDS),
  });

  return {
    name: "reddit",
    tokens,
    expireTokens: () => tokens.clear(),
    exempt: (url) => url.pathname === "/api/v1/access_token",
    ok(req, url, res, ctx) {
      if (url.pathname === "/api/v1/access_token") {
        if (req.method !== "POST") return sendJson(res, 405, { message: "Method Not Allowed", error: 405 });
        const auth = req.headers.authorization ?? "";
        const expected = "Basic " + Buffer.from(`${FAKE_REDDIT_CLIENT_ID}:${FAKE_REDDIT_CLIENT_SECRET}`).toString("base64");
        if (auth !== expected) return sendJson(res, 401, { message: "Unauthorized", error: 401 });
        const form = new URLSearchParams(req.body);
        if (form.get("grant_type") !== "client_credentials") return sendJson(res, 200, { error: "unsupported_grant_type" });
        const token = `fake-token-${++issued}`;
        tokens.add(token);
        return sendJson(res, 200, { access_token: token, token_type: "bearer", expires_in: 86400, scope: "*" });
      }
      const bearer = (req.headers.authorization ?? "").replace(/^bearer\s+/i, "");
      if (!tokens.has(bearer)) {
        return sendJson(res, 401, { message: "Unauthorized", error: 401 }, { "www-authenticate": 'Bearer realm="reddit", error="invalid_token"' });
      }
      const m = url.pathname.match(/^\/(?:r\/([A-Za-z0-9_+]+)\/)?(hot|new|top|rising|search)\/?$/);
      if (!m) return sendJson(res, 404, { message: "Not Found", error: 404 });
      const subs = m[1] ? m[1].toLowerCase().split("+") : null;
      const q = (url.searchParams.get("q") ?? "").toLowerCase();
      const limit = Math.min(100, parseInt(url.searchParams.get("limit") ?? "25", 10) || 25);
      let posts = REDDIT_POSTS.filter((p) => !subs || subs.includes("popular") || subs.includes(p.sub.toLowerCase()));
      if (m[2] === "search" && q) {
        const words = q.split(/\s+/).filter(Boolean);
        posts = posts.filter((p) => words.some((w) => `${p.title} ${p.text ?? ""}`.toLowerCase().includes(w)));
      }
      if (m[2] === "new") posts = [...posts].sort((a, b) => a.hoursAgo - b.hoursAgo);
      else posts = [...posts].sort((a, b) => b.score - a.score);
      const now = ctx.now() / 1000;
      const children = posts.slice(0, limit).map((p) => {
        const permalink = `/r/${p.sub}/comments/${p.id}/${p.title.toLowerCase().replace(/[^a-z0-9]+/g, "_").slice(0, 40)}/`;
        const isSelf = !p.url;
        return {
          kind: "t3",
          data: {
            id: p.id, name: `t3_${p.id}`, subreddit: p.sub, subreddit_name_prefixed: `r/${p.sub}`,
            title: p.title, selftext: p.text ?? "", author: `user_${p.id.slice(-3)}`, score: p.score, ups: p.score,
            upvote_ratio: 0.93, num_comments: p.comments, url: p.url ?? `https://www.reddit.com${permalink}`,
            permalink, created_utc: Math.round(now - p.hoursAgo * 3600), is_self: isSelf, over_18: p.nsfw ?? false,
            stickied: p.stickied ?? false, link_flair_text: p.flair ?? null,
            domain: isSelf ? `self.${p.sub}` : new URL(p.url!).hostname, thumbnail: "self", gilded: 0,
          },
        };
      });
      return sendJson(
        res,
        200,
        { kind: "Listing", data: { after: null, before: null, dist: children.length, modhash: "", geo_filter: null, children } },
        rate(950),
      );
    },
    rateLimited(res) {
      send(res, 429, "", { ...rate(0), "Content-Type": "application/json; charset=UTF-8" });
    },
    serverError(res) {
      send(res, 502, "<html><body><h1>502 Bad Gateway</h1>Our CDN was unable to reach our servers.</body></html>", {
        "Content-Type": "text/html",
      });
    },
    malformed(res) {
      sendJson(res, 200, { kind: "Listing", data: { after: null, dist: 0 } }, rate(900));
    },
  };
}
