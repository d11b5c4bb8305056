import { z } from "zod";

/**
 * Research: the pure contract. Connectors map each source's native payload into `ResearchItem`
 * (the normalised insight of shared/research-sources.md, plus `manual`), analysis turns items
 * into insights that always point back at their items, and script generation turns insights
 * into a presenter script with citations. No database, no next/* imports.
 */

export const SOURCE_IDS = ["reddit", "hackernews", "github", "google_trends", "rss", "manual"] as const;
export type SourceId = (typeof SOURCE_IDS)[number];
export const sourceIdSchema = z.enum(SOURCE_IDS);

export const SOURCE_LABELS: Record<SourceId, string> = {
  reddit: "Reddit",
  hackernews: "Hacker News",
  github: "GitHub",
  google_trends: "Google Trends",
  rss: "RSS",
  manual: "Manual input",
};

export interface ResearchItem {
  /** `${source}:${externalId}`; unique within a run and stable across runs. */
  id: string;
  source: SourceId;
  /** Stable id within the source (Reddit fullname, HN objectID, GitHub repo id, feed guid…). */
  externalId: string;
  /** Plain text, entities decoded, trimmed. */
  title: string;
  /** Plain text (HTML/markdown stripped), at most ~500 chars. */
  summary: string | null;
  /** Best link for a human. Null only for manual input given without a link. */
  url: string | null;
  /** Source-native popularity (upvotes, points, stars, search traffic); not comparable across sources. */
  score: number | null;
  comments: number | null;
  /** ISO 8601 UTC. For an undated feed entry, the time it was fetched (see `undated`). */
  publishedAt: string;
  /**
   * True when the source gave no date (an RSS entry without pubDate) and `publishedAt` is only
   * the fetch time: a freshness window cannot vouch for it, so filters drop it.
   */
  undated?: boolean;
  /** Lower-case labels, e.g. "r/programming", "show_hn", "lang:go", "geo:us". */
  tags: string[];
  /** Best-effort ISO 639-1 code from the text, null when undetermined. */
  language: string | null;
  /** Untouched source object, for debugging and re-mapping. */
  raw: unknown;
}

// ---------------------------------------------------------------------------------------------
// Per-source query (one entry of a research configuration's `sources`)

const limit = z.number().int().min(1).max(100).optional();
const shortText = z.string().trim().min(1).max(512);

export const redditQuerySchema = z.object({
  source: z.literal("reddit"),
  query: shortText.optional(),
  /** Subreddit names without the r/ prefix; combined as r/a+b+c. */
  subreddits: z.array(z.string().trim().regex(/^[A-Za-z0-9_]{2,21}$/, "not a subreddit name")).max(20).optional(),
  sort: z.enum(["hot", "new", "top", "rising", "relevance", "comments"]).optional(),
  timeRange: z.enum(["hour", "day", "week", "month", "year", "all"]).optional(),
  includeNsfw: z.boolean().optional(),
  limit,
});

export const hackernewsQuerySchema = z.object({
  source: z.literal("hackernews"),
  query: z.string().trim().max(512).optional(),
  /** Algolia tags, e.g. "story", "front_page", "show_hn". Defaults to "story". */
  tags: z.string().trim().max(200).optional(),
  /** Only stories newer than this many hours (server-side created_at_i filter). */
  sinceHours: z.number().int().min(1).max(24 * 365).optional(),
  byDate: z.boolean().optional(),
  limit,
});

export const githubQuerySchema = z.object({
  source: z.literal("github"),
  /** Free text / qualifiers (e.g. "llm language:typescript"); a created:> window is added unless present. */
  query: z.string().trim().max(256).optional(),
  /** Repositories created in the last N days ("rising repos" approximation). Default 7. */
  createdWithinDays: z.number().int().min(1).max(365).optional(),
  language: z.string().trim().max(40).optional(),
  includeForks: z.boolean().optional(),
  limit,
});

export const googleTrendsQuerySchema = z.object({
  source: z.literal("google_trends"),
  /** ISO 3166-1 alpha-2 country code. Default "US". */
  region: z.string().trim().regex(/^[A-Za-z]{2}$/, "use a two-letter country code such as US").optional(),
  /** Keep only trends whose term or news mentions this text (best-effort). */
  query: z.string().trim().max(200).optional(),
  limit,
});

export const rssQuerySchema = z.object({
  source: z.literal("rss"),
  feedUrl: z.string().trim().url("feedUrl must be an http(s) URL").refine((u) => /^https?:\/\//i.test(u), "feedUrl must be an http(s) URL"),
  limit,
});

export const manualQuerySchema = z
  .object({
    source: z.literal("manual"),
    text: z.string().max(200_000).optional(),
    csv: z.string().max(2_000_000).optional(),
    json: z.union([z.string().max(2_000_000), z.array(z.unknown()), z.record(z.string(), z.unknown())]).optional(),
  })
  .refine((q) => q.text !== undefined || q.csv !== undefined || q.json !== undefined, {
    message: "manual input needs text, csv or json",
  });

export const sourceQuerySchema = z.discriminatedUnion("source", [
  redditQuerySchema,
  hackernewsQuerySchema,
  githubQuerySchema,
  googleTrendsQuerySchema,
  rssQuerySchema,
  manualQuerySchema,
]);
export type SourceQuery = z.infer<typeof sourceQuerySchema>;
export type QueryFor<S extends SourceId> = Extract<SourceQuery, { source: S }>;

export const researchFiltersSchema = z.object({
  /** Items with a source score below this are dropped (items without a score are kept). */
  minScore: z.number().min(0).optional(),
  /** Only items published within the last N hours. */
  windowHours: z.number().positive().max(24 * 365).optional(),
  /** ISO 639-1 code; best-effort (items whose language is undetermined are kept). */
  language: z.string().trim().regex(/^[a-z]{2}$/, "use a two-letter language code such as en").optional(),
});
export type ResearchFilters = z.infer<typeof researchFiltersSchema>;

export const researchConfigSchema = z.object({
  sources: z.array(sourceQuerySchema).min(1, "add at least one source").max(20),
  filters: researchFiltersSchema.default({}),
});
export type ResearchConfig = z.infer<typeof researchConfigSchema>;
export type ResearchConfigInput = z.input<typeof researchConfigSchema>;

// ---------------------------------------------------------------------------------------------
// Connectors

export interface ResearchCredentials {
  reddit?: { clientId?: string; clientSecret?: string; userAgent?: string };
  github?: { token?: string };
}

/** Base URLs, overridable so tests and self-hosted mirrors point elsewhere. */
export interface ResearchBaseUrls {
  /** Reddit token endpoint host. Default https://www.reddit.com */
  redditAuth?: string;
  /** Reddit OAuth API host. Default https://oauth.reddit.com */
  redditApi?: string;
  /** Default https://hn.algolia.com/api/v1 */
  hackernews?: string;
  /** Default https://api.github.com */
  github?: string;
  /** Default https://trends.google.com */
  googleTrends?: string;
}

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;
export type SleepFn = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface ConnectorContext {
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Injected so tests never wait; receives the computed delay in ms. */
  sleep?: SleepFn;
  credentials?: ResearchCredentials;
  baseUrls?: ResearchBaseUrls;
  /** Clock. Default () => new Date(). */
  now?: () => Date;
  /** Per-request timeout. Default 15 s. */
  timeoutMs?: number;
  /** Attempts per request including the first. Default 5. */
  maxAttempts?: number;
  /** Longest single wait honoured for Retry-After / reset headers before giving up. Default 60 s. */
  maxWaitMs?: number;
  /** Jitter source in [0,1). Default Math.random. */
  random?: () => number;
  userAgent?: string;
}

export interface ResearchConnector<S extends SourceId = SourceId> {
  source: S;
  fetch(query: QueryFor<S>, ctx: ConnectorContext): Promise<ResearchItem[]>;
}

// ---------------------------------------------------------------------------------------------
// Analysis

export interface Citation {
  itemId: string;
  title: string;
  url: string | null;
  source: SourceId;
}

export type InsightKind = "key_insight" | "trending_topic" | "recommendation";

export interface Insight {
  /** Stable: derived from kind + topic key. */
  id: string;
  kind: InsightKind;
  /** One or two plain sentences, ready to be read aloud. */
  text: string;
  /** The phrase the insight is about; `topicKey(insight)` normalises it. */
  topic: string;
  /** Items this insight is derived from (ids of `ResearchItem`). Never empty. */
  itemIds: string[];
  citations: Citation[];
  /** Ranking weight (higher first); deterministic. */
  score: number;
}

export interface TrendingTopic extends Insight {
  kind: "trending_topic";
  phrase: string;
  /** Number of items mentioning the phrase. */
  count: number;
  sources: SourceId[];
}

export interface AnalysisSummary {
  itemCount: number;
  bySource: Partial<Record<SourceId, number>>;
  byLanguage: Record<string, number>;
  earliest: string | null;
  latest: string | null;
  /** Highest-ranked items (normalised score), ids. */
  topItemIds: string[];
  totalComments: number;
}

export interface Analysis {
  generatedAt: string;
  language: string;
  summary: AnalysisSummary;
  key_insights: Insight[];
  trending_topics: TrendingTopic[];
  actionable_recommendations: Insight[];
  /** True when an LLM rewrote the wording (items/links are never changed by polishing). */
  polished: boolean;
}
