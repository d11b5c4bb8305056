import { AppError } from "@/lib/errors";
import { createHttpClient, isRecord, joinUrl, malformed, num, str, type HttpClient } from "../../http";
import { toIso } from "../../text";
import type { ConnectorContext, QueryFor, ResearchConnector, ResearchItem } from "../../types";
import { clampLimit, makeItem } from "../common";

/**
 * Reddit through the OAuth API with an application-only token (client-credentials grant).
 * The logged-out `.json` endpoints are blocked for most servers, so there is no anonymous
 * fallback: without credentials the connector says what to configure.
 */

export const REDDIT_DEFAULTS = { auth: "https://www.reddit.com", api: "https://oauth.reddit.com" };
/**
 * Reddit's API rules (github.com/reddit-archive/reddit/wiki/API, "User-Agent") require
 * `<platform>:<app id>:<version string> (by /u/<reddit username>)` and throttle generic agents.
 * Operators set REDDIT_USER_AGENT (their app id and account); the default follows the format.
 */
export const REDDIT_USER_AGENT = "server:avatar-video-studio:v0.1.0 (by /u/avatar-video-studio)";
const UA_FORMAT = /^[^:\s]+:[^:\s]+:[^:\s]+ \(by \/u\/[A-Za-z0-9_-]+\)$/;

/** Whether a User-Agent follows Reddit's required `<platform>:<app id>:<version> (by /u/<user>)`. */
export function isCompliantRedditUserAgent(ua: string): boolean {
  return UA_FORMAT.test(ua.trim());
}

/**
 * The User-Agent sent to Reddit: per-workspace credentials, then REDDIT_USER_AGENT, then the
 * default. A non-compliant value is refused with a clear message rather than sent (Reddit
 * throttles or blocks such agents, which looks like a flaky source).
 */
export function redditUserAgent(credsUserAgent: string | undefined, env: Record<string, string | undefined> = process.env): string {
  const chosen = credsUserAgent?.trim() || env.REDDIT_USER_AGENT?.trim() || REDDIT_USER_AGENT;
  if (!isCompliantRedditUserAgent(chosen)) {
    throw new AppError(
      "bad_request",
      `Reddit User-Agent "${chosen}" is not in Reddit's required form <platform>:<app id>:<version> (by /u/<username>), e.g. "server:my-studio:v1.0 (by /u/my_account)". Fix REDDIT_USER_AGENT.`,
      { source: "reddit", reason: "bad_user_agent" },
    );
  }
  return chosen.trim();
}

export const REDDIT_CREDENTIALS_MESSAGE =
  "Reddit requires API credentials: set REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET (create an app at " +
  "https://www.reddit.com/prefs/apps; new apps need Reddit's approval). Reddit blocks unauthenticated access " +
  "from most servers, so this source cannot run without them.";

interface CachedToken {
  token: string;
  expiresAt: number;
}
const tokenCache = new Map<string, CachedToken>();

/** For tests and credential rotation. */
export function clearRedditTokenCache(): void {
  tokenCache.clear();
}

async function getToken(http: HttpClient, authBase: string, clientId: string, clientSecret: string, force: boolean) {
  const key = `${authBase}|${clientId}`;
  const now = http.ctx.now().getTime();
  const cached = tokenCache.get(key);
  if (!force && cached && cached.expiresAt > now) return cached.token;

  const res = await http.request(joinUrl(authBase, "/api/v1/access_token"), {
    method: "POST",
    headers: {
      Authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/json",
    },
    body: "grant_type=client_credentials",
    passStatuses: [400, 401, 403],
  });
  const text = await res.text();
  if (res.status === 401 || res.status === 403) {
    throw new AppError(
      "unauthorized",
      "Reddit rejected REDDIT_CLIENT_ID / REDDIT_CLIENT_SECRET (HTTP " + res.status + "); check the app's id and secret at https://www.reddit.com/prefs/apps.",
      { source: "reddit" },
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw malformed("reddit", "the token endpoint did not return JSON");
  }
  if (isRecord(body) && typeof body.error === "string") {
    throw new AppError("unauthorized", `Reddit refused the token request (${body.error}); check the app type and credentials.`, {
      source: "reddit",
    });
  }
  if (!isRecord(body) || typeof body.access_token !== "string" || !body.access_token) {
    throw malformed("reddit", "the token response has no access_token");
  }
  const expiresIn = num(body.expires_in) ?? 3600;
  // Refresh a minute early.
  tokenCache.set(key, { token: body.access_token, expiresAt: now + Math.max(0, expiresIn - 60) * 1000 });
  return body.access_token;
}

export function redditListingPath(q: QueryFor<"reddit">): string {
  const limit = clampLimit(q.limit, 50);
  const params = new URLSearchParams({ limit: String(limit), raw_json: "1" });
  const subs = q.subreddits?.length ? q.subreddits.join("+") : null;
  let path: string;
  if (q.query) {
    params.set("q", q.query);
    params.set("sort", q.sort && ["relevance", "hot", "top", "new", "comments"].includes(q.sort) ? q.sort : "top");
    params.set("t", q.timeRange ?? "week");
    params.set("type", "link");
    if (subs) params.set("restrict_sr", "1");
    path = subs ? `/r/${subs}/search` : "/search";
  } else {
    const sort = q.sort && ["hot", "new", "top", "rising"].includes(q.sort) ? q.sort : "hot";
    if (sort === "top") params.set("t", q.timeRange ?? "day");
    path = `/r/${subs ?? "popular"}/${sort}`;
  }
  return `${path}?${params.toString()}`;
}

export function mapRedditListing(body: unknown, q: Pick<QueryFor<"reddit">, "includeNsfw">): ResearchItem[] {
  if (!isRecord(body) || body.kind !== "Listing" || !isRecord(body.data) || !Array.isArray(body.data.children)) {
    throw malformed("reddit", "expected a Listing with data.children");
  }
  const items: ResearchItem[] = [];
  for (const child of body.data.children) {
    if (!isRecord(child) || child.kind !== "t3" || !isRecord(child.data)) continue;
    const d = child.data;
    const name = str(d.name) ?? (str(d.id) ? `t3_${str(d.id)}` : null);
    const title = str(d.title);
    if (!name || !title) continue;
    if (d.stickied === true) continue;
    if (d.over_18 === true && !q.includeNsfw) continue;
    const permalink = str(d.permalink);
    const created = num(d.created_utc);
    const publishedAt = created !== null ? toIso(created * 1000) : null;
    if (!publishedAt) continue;
    const discussion = permalink ? `https://www.reddit.com${permalink}` : null;
    const url = d.is_self === true ? discussion : (str(d.url) ?? discussion);
    const selftext = str(d.selftext);
    items.push(
      makeItem("reddit", {
        externalId: name,
        title,
        summary: selftext ? stripRedditMarkdown(selftext) : null,
        url,
        score: num(d.score),
        comments: num(d.num_comments),
        publishedAt,
        tags: [
          str(d.subreddit_name_prefixed) ?? (str(d.subreddit) ? `r/${str(d.subreddit)}` : ""),
          str(d.link_flair_text) ?? "",
          d.over_18 === true ? "nsfw" : "",
        ],
        raw: d,
      }),
    );
  }
  return items;
}

function stripRedditMarkdown(s: string): string {
  return s
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, "")
    .replace(/[*_~`]+/g, "");
}

async function fetchReddit(q: QueryFor<"reddit">, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const creds = ctx.credentials?.reddit;
  if (!creds?.clientId || !creds?.clientSecret) {
    throw new AppError("bad_request", REDDIT_CREDENTIALS_MESSAGE, { source: "reddit", reason: "missing_credentials" });
  }
  const http = createHttpClient(
    // Never the generic research User-Agent (ctx.userAgent): Reddit needs its own form.
    { ...ctx, userAgent: redditUserAgent(creds.userAgent) },
    { source: "reddit", resetSemantics: "seconds" },
  );
  const authBase = ctx.baseUrls?.redditAuth ?? REDDIT_DEFAULTS.auth;
  const apiBase = ctx.baseUrls?.redditApi ?? REDDIT_DEFAULTS.api;
  const url = joinUrl(apiBase, redditListingPath(q));

  for (let refresh = 0; ; refresh++) {
    const token = await getToken(http, authBase, creds.clientId, creds.clientSecret, refresh > 0);
    const res = await http.request(url, {
      headers: { Authorization: `bearer ${token}`, Accept: "application/json" },
      passStatuses: refresh === 0 ? [401] : [],
    });
    if (res.status === 401) {
      // Expired or revoked token: refresh once, then fail through the normal error path.
      tokenCache.delete(`${authBase}|${creds.clientId}`);
      await res.body?.cancel();
      continue;
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw malformed("reddit", `the listing is not valid JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
    }
    return mapRedditListing(body, q);
  }
}

export const redditConnector: ResearchConnector<"reddit"> = { source: "reddit", fetch: fetchReddit };
