import type { FakeDefinition } from "./server";
import { sendJson } from "./server";
import { GITHUB_REPOS } from "./data";

/**
 * GitHub repository search: `GET /search/repositories?q=…&sort=stars&order=desc&per_page=…`.
 * Requires a User-Agent (403 otherwise, like the real API). Every answer carries
 * x-ratelimit-{limit,remaining,used,reset,resource}; reset is UTC epoch seconds. The rate-limited
 * answer is the primary-limit 403 with remaining 0.
 */

export const FAKE_GITHUB_RESET_IN_SECONDS = 30;

export function githubFake(): FakeDefinition {
  let used = 0;
  const headers = (nowMs: number, remaining?: number) => {
    const authLimit = 30;
    const rem = remaining ?? Math.max(0, authLimit - used);
    return {
      "x-ratelimit-limit": String(authLimit),
      "x-ratelimit-remaining": String(rem),
      "x-ratelimit-used": String(authLimit - rem),
      "x-ratelimit-reset": String(Math.floor(nowMs / 1000) + FAKE_GITHUB_RESET_IN_SECONDS),
      "x-ratelimit-resource": "search",
      "x-github-api-version-selected": "2022-11-28",
    };
  };
  return {
    name: "github",
    ok(req, url, res, ctx) {
      if (!req.headers["user-agent"]) {
        return sendJson(res, 403, {
          message: "Request forbidden by administrative rules. Please make sure your request has a User-Agent header.",
          documentation_url: "https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required",
        });
      }
      if (url.pathname !== "/search/repositories") {
        return sendJson(res, 404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
      }
      const q = url.searchParams.get("q") ?? "";
      if (!q.trim()) {
        return sendJson(res, 422, {
          message: "Validation Failed",
          errors: [{ resource: "Search", field: "q", code: "missing" }],
          documentation_url: "https://docs.github.com/v3/search",
          status: "422",
        });
      }
      used++;
      const per = Math.min(100, parseInt(url.searchParams.get("per_page") ?? "30", 10) || 30);
      const created = q.match(/created:>(\d{4}-\d{2}-\d{2})/)?.[1];
      const lang = q.match(/language:(\S+)/)?.[1]?.toLowerCase();
      const words = q.replace(/\w+:\S+/g, "").toLowerCase().split(/\s+/).filter(Boolean);
      const day = 86_400_000;
      let repos = GITHUB_REPOS.map((r) => ({ r, createdMs: ctx.now() - r.daysAgo * day }));
      if (created) repos = repos.filter((x) => x.createdMs > Date.parse(created + "T00:00:00Z"));
      if (lang) repos = repos.filter((x) => x.r.language?.toLowerCase() === lang);
      if (words.length) {
        repos = repos.filter((x) =>
          words.some((w) => `${x.r.name} ${x.r.description ?? ""} ${x.r.topics.join(" ")}`.toLowerCase().includes(w)),
        );
      }
      repos.sort((a, b) => b.r.stars - a.r.stars);
      const items = repos.slice(0, per).map(({ r, createdMs }) => ({
        id: r.id, node_id: `R_kgDO${r.id.toString(36)}`, name: r.name, full_name: `${r.owner}/${r.name}`, private: false,
        owner: { login: r.owner, id: r.id % 100000, type: "User", html_url: `https://github.com/${r.owner}` },
        html_url: `https://github.com/${r.owner}/${r.name}`, description: r.description, fork: r.fork ?? false,
        url: `https://api.github.com/repos/${r.owner}/${r.name}`,
        created_at: new Date(createdMs).toISOString().replace(/\.\d{3}Z$/, "Z"),
        updated_at: new Date(ctx.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        pushed_at: new Date(ctx.now() - 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        homepage: null, size: 1024, stargazers_count: r.stars, watchers_count: r.stars, language: r.language,
        forks_count: r.forks, open_issues_count: 3, license: { key: "mit", name: "MIT License", spdx_id: "MIT" },
        topics: r.topics, visibility: "public", default_branch: "main", archived: r.archived ?? false, score: 1.0,
      }));
      return sendJson(res, 200, { total_count: repos.length, incomplete_results: false, items }, headers(ctx.now()));
    },
    rateLimited(res, ctx) {
      sendJson(
        res,
        403,
        {
          message: "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit.)",
          documentation_url: "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting",
        },
        headers(ctx.now(), 0),
      );
    },
    malformed(res, ctx) {
      sendJson(res, 200, { total_count: 3, incomplete_results: false, items: "not-an-array" }, headers(ctx.now()));
    },
  };
}
