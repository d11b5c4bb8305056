import { githubFake } from "./github";
import { googleTrendsFake } from "./google-trends";
import { hackernewsFake } from "./hackernews";
import { openAiChatFake } from "./openai-chat";
import { redditFake } from "./reddit";
import { rssFake } from "./rss";
import { startFake, type FakeMode, type RecordedRequest, type RunningFake } from "./server";

export { FAKE_REDDIT_CLIENT_ID, FAKE_REDDIT_CLIENT_SECRET, FAKE_REDDIT_RESET_SECONDS } from "./reddit";
export { FAKE_HN_RETRY_AFTER_SECONDS } from "./hackernews";
export { FAKE_GITHUB_RESET_IN_SECONDS } from "./github";
export { FAKE_TRENDS_RETRY_AFTER_SECONDS } from "./google-trends";
export { FAKE_RSS_RETRY_AFTER_SECONDS } from "./rss";
export type { FakeMode, RecordedRequest } from "./server";

export type FakeSourceName = "reddit" | "hackernews" | "github" | "google_trends" | "rss" | "openai_chat";

export interface ResearchFakes {
  urls: {
    /** Reddit token endpoint host and OAuth API host (one server). */
    reddit: string;
    /** Algolia base, i.e. what replaces https://hn.algolia.com/api/v1 */
    hackernews: string;
    github: string;
    googleTrends: string;
    /** RSS 2.0 feed URL. */
    rss: string;
    /** Atom feed URL. */
    atom: string;
    /** RSS 1.0 (RDF) feed URL. */
    rdf: string;
    /** OpenAI-compatible base URL (…/v1/chat/completions). */
    openai: string;
  };
  /** Base URLs in the shape lib/research's ConnectorContext.baseUrls expects. */
  baseUrls: { redditAuth: string; redditApi: string; hackernews: string; github: string; googleTrends: string };
  setMode(source: FakeSourceName, mode: FakeMode): void;
  requests(source: FakeSourceName): RecordedRequest[];
  /** Forget recorded requests, Reddit tokens, and set every mode back to ok. */
  reset(): void;
  /** Make Reddit reject the tokens it issued (to test a refresh). */
  expireRedditTokens(): void;
  close(): Promise<void>;
}

/**
 * Starts one local server per research source (127.0.0.1, random ports), each speaking the
 * source's real protocol. `now` is the fakes' clock in ms; pass the same clock to the
 * connectors so timestamps and reset headers line up exactly.
 */
export async function startResearchFakes(opts: { now?: () => number } = {}): Promise<ResearchFakes> {
  const now = opts.now ?? (() => Date.now());
  const reddit = redditFake();
  const defs = {
    reddit,
    hackernews: hackernewsFake(),
    github: githubFake(),
    google_trends: googleTrendsFake(),
    rss: rssFake(),
    openai_chat: openAiChatFake(),
  };
  const running = {} as Record<FakeSourceName, RunningFake>;
  for (const [name, def] of Object.entries(defs) as Array<[FakeSourceName, (typeof defs)[FakeSourceName]]>) {
    running[name] = await startFake(def, now);
  }
  return {
    urls: {
      reddit: running.reddit.url,
      hackernews: running.hackernews.url,
      github: running.github.url,
      googleTrends: running.google_trends.url,
      rss: `${running.rss.url}/feed.xml`,
      atom: `${running.rss.url}/atom.xml`,
      rdf: `${running.rss.url}/rdf.xml`,
      openai: running.openai_chat.url,
    },
    baseUrls: {
      redditAuth: running.reddit.url,
      redditApi: running.reddit.url,
      hackernews: running.hackernews.url,
      github: running.github.url,
      googleTrends: running.google_trends.url,
    },
    setMode: (source, mode) => running[source].setMode(mode),
    requests: (source) => running[source].requests,
    reset() {
      for (const r of Object.values(running)) {
        r.setMode("ok");
        r.requests.length = 0;
      }
      reddit.expireTokens();
    },
    expireRedditTokens: () => reddit.expireTokens(),
    close: async () => {
      await Promise.all(Object.values(running).map((r) => r.close()));
    },
  };
}
