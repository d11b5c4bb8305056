import { createHttpClient, isRecord, joinUrl, malformed, num, str } from "../../http";
import { toIso } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { clampLimit, makeItem } from "../common";

/**
 * GitHub has no trending API (the /trending page is HTML only and its scraping is not covered
 * by the AUP for this use), so "trending" is approximated by repository search: repos created
 * recently, sorted by stars. A token is optional and raises the search limit from 10 to 30/min.
 */

export const GITHUB_DEFAULT_BASE = "https://api.github.com";

export function githubSearchPath(q: QueryFor<"github">, now: Date): string {
  const parts: string[] = [];
  if (q.query) parts.push(q.query);
  if (!/\bcreated:/.test(q.query ?? "")) {
    const days = q.createdWithinDays ?? 7;
    const since = new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
    parts.push(`created:>${since}`);
  }
  if (q.language && !/\blanguage:/.test(q.query ?? "")) parts.push(`language:${q.language}`);
  const params = new URLSearchParams({
    q: parts.join(" "),
    sort: "stars",
    order: "desc",
    per_page: String(clampLimit(q.limit, 30)),
  });
  return `/search/repositories?${params.toString()}`;
}

export function mapGithubSearch(body: unknown, q: Pick<QueryFor<"github">, "includeForks">): ResearchItem[] {
  if (!isRecord(body) || !Array.isArray(body.items)) throw malformed("github", "expected an object with an items array");
  const items: ResearchItem[] = [];
  for (const r of body.items) {
    if (!isRecord(r)) continue;
    const id = num(r.id);
    const fullName = str(r.full_name);
    const htmlUrl = str(r.html_url);
    if (id === null || !fullName || !htmlUrl) continue;
    if (r.archived === true) continue;
    if (r.fork === true && !q.includeForks) continue;
    const publishedAt = toIso(Date.parse(str(r.created_at) ?? ""));
    if (!publishedAt) continue;
    const language = str(r.language);
    const topics = Array.isArray(r.topics) ? r.topics.filter((t): t is string => typeof t === "string") : [];
    items.push(
      makeItem("github", {
        externalId: String(id),
        title: fullName,
        summary: str(r.description),
        url: htmlUrl,
        score: num(r.stargazers_count),
        comments: null,
        publishedAt,
        tags: [language ? `lang:${language}` : "", ...topics],
        raw: r,
      }),
    );
  }
  return items;
}

async function fetchGithub(q: QueryFor<"github">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const http = createHttpClient(ctx, { source: "github", resetSemantics: "epoch", rateLimit403: true });
  const base = ctx.baseUrls?.github ?? GITHUB_DEFAULT_BASE;
  const headers: Record<string, string> = {
    Accept: "application/vnd.github+json",
    "X-GitHub-Api-Version": "2022-11-28",
  };
  const token = ctx.credentials?.github?.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  const body = await http.getJson(joinUrl(base, githubSearchPath(q, http.ctx.now())), { headers });
  return mapGithubSearch(body, q);
}

export const githubConnector: ResearchConnector<"github"> = { source: "github", fetch: fetchGithub };
