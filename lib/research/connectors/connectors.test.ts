import { useResearchFakes } from "@/lib/testing/fake-hooks";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import {
  FAKE_GITHUB_RESET_IN_SECONDS,
  FAKE_HN_RETRY_AFTER_SECONDS,
  FAKE_REDDIT_CLIENT_ID,
  FAKE_REDDIT_CLIENT_SECRET,
  FAKE_REDDIT_RESET_SECONDS,
  FAKE_RSS_RETRY_AFTER_SECONDS,
  FAKE_TRENDS_RETRY_AFTER_SECONDS,
  type ResearchFakes,
} from "@/e2e/fakes/research";
import type { ConnectorContext } from "../types";
import { connectors } from ".";
import { REDDIT_CREDENTIALS_MESSAGE } from "./reddit";

const T = Date.UTC(2025, 5, 10, 12, 0, 0);
let fakes: ResearchFakes;
let sleeps: number[];

function ctx(extra: Partial<ConnectorContext> = {}): ConnectorContext {
  return {
    baseUrls: fakes.baseUrls,
    credentials: { reddit: { clientId: FAKE_REDDIT_CLIENT_ID, clientSecret: FAKE_REDDIT_CLIENT_SECRET } },
    now: () => new Date(T),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
    ...extra,
  };
}

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error("expected a rejection");
}

useResearchFakes(T, (f) => (fakes = f));
beforeEach(() => {
  sleeps = [];
});

describe("reddit", () => {
  const q = { source: "reddit" as const, subreddits: ["productivity", "remotework"] };

  it("gets an app-only token, then maps the OAuth listing", async () => {
    const items = await connectors.reddit.fetch(q, ctx());
    expect(items.length).toBe(6); // 7 posts in those subs, the stickied one dropped
    const first = items[0];
    expect(first).toMatchObject({
      id: "reddit:t3_1k9a001",
      source: "reddit",
      externalId: "t3_1k9a001",
      title: "AI automation tools saved my team 10 hours a week",
      score: 4210,
      comments: 388,
      publishedAt: new Date(T - 5 * 3600_000).toISOString(),
      language: "en",
    });
    expect(first.url).toBe("https://www.reddit.com/r/productivity/comments/1k9a001/ai_automation_tools_saved_my_team_10_hou/");
    expect(first.tags).toEqual(["r/productivity", "tools"]);
    expect(items.find((i) => i.externalId === "t3_1k9a003")?.url).toBe("https://www.example-news.com/remote-work-tools-2025");

    const [tokenReq, listReq] = fakes.requests("reddit");
    expect(tokenReq.method).toBe("POST");
    expect(tokenReq.path).toBe("/api/v1/access_token");
    expect(tokenReq.body).toBe("grant_type=client_credentials");
    expect(listReq.path).toMatch(/^\/r\/productivity\+remotework\/hot\?limit=50&raw_json=1$/);
    expect(listReq.headers.authorization).toBe("bearer fake-token-1");
    expect(listReq.headers["user-agent"]).toMatch(/avatar-video-studio/);
  });

  it("searches with the query and reuses the cached token", async () => {
    await connectors.reddit.fetch({ source: "reddit", query: "AI agents" }, ctx());
    const items = await connectors.reddit.fetch({ source: "reddit", query: "AI agents", subreddits: ["SaaS"] }, ctx());
    expect(items.map((i) => i.externalId)).toEqual(["t3_1k9a004"]);
    const paths = fakes.requests("reddit").map((r) => r.path);
    expect(paths.filter((p) => p === "/api/v1/access_token")).toHaveLength(1);
    expect(paths[1]).toContain("/search?");
    expect(paths[2]).toMatch(/^\/r\/SaaS\/search\?.*restrict_sr=1/);
  });

  it("refreshes an expired token once", async () => {
    await connectors.reddit.fetch(q, ctx());
    fakes.expireRedditTokens();
    const items = await connectors.reddit.fetch(q, ctx());
    expect(items.length).toBe(6);
    expect(fakes.requests("reddit").filter((r) => r.path === "/api/v1/access_token")).toHaveLength(2);
  });

  it("without credentials fails with a plain message and makes no request", async () => {
    const err = await rejection(connectors.reddit.fetch(q, ctx({ credentials: {} })));
    expect(err.code).toBe("bad_request");
    expect(err.message).toBe(REDDIT_CREDENTIALS_MESSAGE);
    expect(err.message).toMatch(/Reddit requires API credentials: set REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET/);
    expect(fakes.requests("reddit")).toHaveLength(0);
  });

  it("wrong credentials: unauthorized, not retried", async () => {
    const err = await rejection(
      connectors.reddit.fetch(q, ctx({ credentials: { reddit: { clientId: "nope", clientSecret: "bad" } } })),
    );
    expect(err.code).toBe("unauthorized");
    expect(err.message).toMatch(/REDDIT_CLIENT_ID/);
    expect(fakes.requests("reddit")).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("429: waits X-Ratelimit-Reset seconds through the injected sleep, then succeeds", async () => {
    fakes.setMode("reddit", "rate_limited_once");
    const items = await connectors.reddit.fetch(q, ctx());
    expect(items.length).toBe(6);
    expect(sleeps).toEqual([FAKE_REDDIT_RESET_SECONDS * 1000]);
  });

  it("429 every time: gives up after maxAttempts with rate_limited", async () => {
    fakes.setMode("reddit", "rate_limited");
    const err = await rejection(connectors.reddit.fetch(q, ctx({ maxAttempts: 3 })));
    expect(err.code).toBe("rate_limited");
    expect(err.message).toMatch(/^Reddit/);
    expect(sleeps).toEqual([7000, 7000]);
  });

  it("5xx once: exponential backoff, then succeeds", async () => {
    fakes.setMode("reddit", "server_error_once");
    await connectors.reddit.fetch(q, ctx());
    expect(sleeps).toEqual([500]); // 1 s base, half jitter with random() = 0
  });

  it("malformed listing names the source", async () => {
    fakes.setMode("reddit", "malformed");
    const err = await rejection(connectors.reddit.fetch(q, ctx()));
    expect(err.code).toBe("provider_error");
    expect(err.message).toMatch(/^Reddit returned a malformed response/);
    expect(sleeps).toEqual([]);
  });
});

describe("hackernews", () => {
  it("maps Algolia hits and filters by created_at_i only", async () => {
    const items = await connectors.hackernews.fetch({ source: "hackernews", query: "", sinceHours: 24 }, ctx());
    expect(items.length).toBe(9); // three stories are older than 24 h
    const top = items[0];
    expect(top).toMatchObject({
      id: "hackernews:43100002",
      title: "Local LLM inference on a MacBook is now faster than the cloud",
      url: "https://blog.example.dev/local-llm-macbook",
      score: 1204,
      comments: 512,
      tags: ["story", "front_page"],
    });
    const ask = items.find((i) => i.externalId === "43100003")!;
    expect(ask.url).toBe("https://news.ycombinator.com/item?id=43100003");
    expect(ask.summary).toBe("We are 14 people across 9 time zones. Remote work is great but meetings are not.");
    const req = fakes.requests("hackernews")[0];
    expect(req.path).toContain(`numericFilters=created_at_i%3E${T / 1000 - 24 * 3600}`);
    expect(req.headers["user-agent"]).toMatch(/avatar-video-studio/);
  });

  it("429 with Retry-After: waits exactly that long", async () => {
    fakes.setMode("hackernews", "rate_limited_once");
    const items = await connectors.hackernews.fetch({ source: "hackernews", query: "agent" }, ctx());
    expect(items.length).toBeGreaterThan(0);
    expect(sleeps).toEqual([FAKE_HN_RETRY_AFTER_SECONDS * 1000]);
  });

  it("truncated JSON is a malformed-response error naming Hacker News", async () => {
    fakes.setMode("hackernews", "malformed");
    const err = await rejection(connectors.hackernews.fetch({ source: "hackernews" }, ctx()));
    expect(err.message).toMatch(/^Hacker News returned a malformed response: the response is not valid JSON/);
  });

  it("a request that never answers times out, is retried, then reported", async () => {
    fakes.setMode("hackernews", "hang");
    const err = await rejection(connectors.hackernews.fetch({ source: "hackernews" }, ctx({ timeoutMs: 150, maxAttempts: 2 })));
    expect(err.code).toBe("unavailable");
    expect(err.message).toMatch(/no answer within 150 ms/);
    expect(sleeps).toHaveLength(1);
  });
});

describe("github", () => {
  it("searches recently created repos by stars; drops forks and archived repos", async () => {
    const items = await connectors.github.fetch({ source: "github" }, ctx({ credentials: { github: { token: "ghp_fake" } } }));
    expect(items.map((i) => i.title)).not.toContain("forky/tiny-agents");
    expect(items.map((i) => i.title)).not.toContain("oldco/legacy-crm");
    expect(items[0]).toMatchObject({
      id: "github:910000001",
      title: "acme/tiny-agents",
      url: "https://github.com/acme/tiny-agents",
      score: 8420,
      tags: ["lang:typescript", "ai-agents", "llm", "typescript"],
    });
    const req = fakes.requests("github")[0];
    expect(decodeURIComponent(req.path)).toContain("q=created:>2025-06-03");
    expect(req.path).toContain("sort=stars&order=desc");
    expect(req.headers.authorization).toBe("Bearer ghp_fake");
    expect(req.headers.accept).toBe("application/vnd.github+json");
    expect(req.headers["x-github-api-version"]).toBe("2022-11-28");
  });

  it("primary rate limit (403, remaining 0): waits until x-ratelimit-reset (epoch)", async () => {
    fakes.setMode("github", "rate_limited_once");
    const items = await connectors.github.fetch({ source: "github", language: "python" }, ctx());
    expect(items.map((i) => i.title)).toEqual(["vidkit/avatar-studio", "openbench/open-llm-evals", "devflow/ai-code-review"]);
    expect(sleeps).toEqual([FAKE_GITHUB_RESET_IN_SECONDS * 1000]);
  });

  it("a reset further away than maxWaitMs fails fast with retryAfterSeconds", async () => {
    fakes.setMode("github", "rate_limited");
    const err = await rejection(connectors.github.fetch({ source: "github" }, ctx({ maxWaitMs: 10_000 })));
    expect(err.code).toBe("rate_limited");
    expect(err.details).toMatchObject({ source: "github", retryAfterSeconds: FAKE_GITHUB_RESET_IN_SECONDS });
    expect(sleeps).toEqual([]);
  });

  it("malformed search body names GitHub", async () => {
    fakes.setMode("github", "malformed");
    const err = await rejection(connectors.github.fetch({ source: "github" }, ctx()));
    expect(err.message).toMatch(/^GitHub returned a malformed response/);
  });
});

describe("google trends", () => {
  it("parses the trending RSS with the ht: namespace", async () => {
    const items = await connectors.google_trends.fetch({ source: "google_trends", region: "gb" }, ctx());
    expect(items).toHaveLength(10);
    const eclipse = items.find((i) => i.title === "solar eclipse")!;
    expect(eclipse.score).toBe(500000);
    expect(eclipse.summary).toBe("Where to watch today's eclipse (Example News)");
    expect(eclipse.url).toBe("https://news.example.com/eclipse-guide");
    expect(eclipse.tags).toEqual(["geo:gb", "example news"]);
    expect(eclipse.externalId).toMatch(/^[0-9a-f]{16}$/);
    const noNews = items.find((i) => i.title === "productivity apps")!;
    expect(noNews.url).toMatch(/^https:\/\/trends\.google\.com\/trends\/explore\?q=productivity\+apps&geo=GB/);
    expect(fakes.requests("google_trends")[0].path).toBe("/trending/rss?geo=GB");
  });

  it("the query keeps matching trends only", async () => {
    const items = await connectors.google_trends.fetch({ source: "google_trends", query: "remote" }, ctx());
    expect(items.map((i) => i.title).sort()).toEqual(["chatgpt", "notion ai", "remote work"]);
  });

  it("429 with Retry-After", async () => {
    fakes.setMode("google_trends", "rate_limited_once");
    await connectors.google_trends.fetch({ source: "google_trends" }, ctx());
    expect(sleeps).toEqual([FAKE_TRENDS_RETRY_AFTER_SECONDS * 1000]);
  });

  it("broken XML names Google Trends", async () => {
    fakes.setMode("google_trends", "malformed");
    const err = await rejection(connectors.google_trends.fetch({ source: "google_trends" }, ctx()));
    expect(err.message).toMatch(/^Google Trends returned a malformed response: invalid XML/);
  });
});

describe("rss / atom", () => {
  it("RSS 2.0: strips HTML, keeps categories, slash:comments, falls back to fetch time", async () => {
    const items = await connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.rss }, ctx());
    expect(items).toHaveLength(8);
    expect(items[0]).toMatchObject({
      id: "rss:post-2001",
      title: "10 AI tools that actually improve productivity",
      summary: "We tested 40 AI tools for a month. Ten stuck.",
      url: "https://blog.example.com/ai-tools-productivity",
      tags: ["ai", "productivity"],
      comments: 0,
      score: null,
    });
    expect(items[1].summary).toContain("&");
    expect(items.find((i) => i.externalId === "post-2008")!.publishedAt).toBe(new Date(T).toISOString());
  });

  it("Atom: alternate link, id, published, category terms", async () => {
    const items = await connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.atom }, ctx());
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({
      externalId: "urn:uuid:6a1f0c2e-0001",
      url: "https://engineering.example.org/agent-frameworks",
      summary: "We compared five open source AI agent frameworks on real tasks.",
      publishedAt: new Date(T - 4 * 3600_000).toISOString(),
      tags: ["ai-agents", "open-source"],
    });
  });

  it("RSS 1.0 (RDF) with dc:date", async () => {
    const items = await connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.rdf }, ctx());
    expect(items).toHaveLength(3);
    expect(items[0].externalId).toBe("https://blog.example.com/ai-tools-productivity");
    expect(items[0].publishedAt).toBe(new Date(T - 3 * 3600_000).toISOString());
  });

  it("503 with Retry-After as an HTTP date", async () => {
    fakes.setMode("rss", "rate_limited_once");
    await connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.rss }, ctx());
    expect(sleeps).toEqual([FAKE_RSS_RETRY_AFTER_SECONDS * 1000]);
  });

  it("an HTML page instead of a feed is a malformed-response error", async () => {
    fakes.setMode("rss", "malformed");
    const err = await rejection(connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.rss }, ctx()));
    expect(err.message).toMatch(/^RSS returned a malformed response/);
  });

  it("404 is not retried", async () => {
    const err = await rejection(connectors.rss.fetch({ source: "rss", feedUrl: fakes.urls.rss.replace("feed.xml", "nope.xml") }, ctx()));
    expect(err.code).toBe("not_found");
    expect(sleeps).toEqual([]);
    expect(fakes.requests("rss")).toHaveLength(1);
  });
});
