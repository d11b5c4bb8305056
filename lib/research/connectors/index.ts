import type { ConnectorContext, ResearchConnector, ResearchItem, SourceId, SourceQuery } from "../types";
import { githubConnector } from "./github";
import { googleTrendsConnector } from "./google_trends";
import { hackernewsConnector } from "./hackernews";
import { manualConnector } from "./manual";
import { redditConnector } from "./reddit";
import { rssConnector } from "./rss";

export const connectors: { [S in SourceId]: ResearchConnector<S> } = {
  reddit: redditConnector,
  hackernews: hackernewsConnector,
  github: githubConnector,
  google_trends: googleTrendsConnector,
  rss: rssConnector,
  manual: manualConnector,
};

/** Runs the connector matching `query.source`. */
export function fetchSource(query: SourceQuery, ctx: ConnectorContext): Promise<ResearchItem[]> {
  const c = connectors[query.source] as ResearchConnector<SourceId>;
  return c.fetch(query as never, ctx);
}

export { redditConnector, hackernewsConnector, githubConnector, googleTrendsConnector, rssConnector, manualConnector };
