/**
 * Test-suite wiring shared by the tests that run against our protocol fakes: start once per
 * suite, fast provider polling while it runs, reset per test, close at the end. Each takes a
 * setter so a suite keeps its own typed variable.
 */
import { afterAll, beforeAll, beforeEach } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { FAKE_REDDIT_CLIENT_ID, FAKE_REDDIT_CLIENT_SECRET, startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import type { RunContext } from "@/lib/research/run";
import type { ResearchConfigInput } from "@/lib/research/types";

type ResearchQuery = ResearchConfigInput["sources"][number];
import { clearRedditTokenCache } from "@/lib/research/connectors/reddit";

/** A provider fake for a describe block, polled every 100 ms (the fakes answer at once). */
export function useProviderFake<F extends { close(): Promise<void> }>(start: () => Promise<F>, set: (fake: F) => void): void {
  let fake: F | undefined;
  beforeAll(async () => {
    fake = await start();
    set(fake);
    process.env.PROVIDER_POLL_INTERVAL_MS = "100";
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.PROVIDER_POLL_INTERVAL_MS;
    resetEnvCache();
    await fake?.close();
  });
}

/** The research source fakes on a fixed clock, reset (with Reddit's token cache) per test. */
export function useResearchFakes(nowMs: number, set: (fakes: ResearchFakes) => void): void {
  let fakes: ResearchFakes | undefined;
  beforeAll(async () => {
    fakes = await startResearchFakes({ now: () => nowMs });
    set(fakes);
  });
  afterAll(async () => {
    await fakes?.close();
  });
  beforeEach(() => {
    fakes?.reset();
    clearRedditTokenCache();
  });
}

/** A research run context aimed at the fakes: their URLs and Reddit app, a fixed clock, no waits. */
export function fakeRunContext(fakes: ResearchFakes, nowMs: number, extra: Partial<RunContext> = {}): RunContext {
  return {
    baseUrls: fakes.baseUrls,
    credentials: { reddit: { clientId: FAKE_REDDIT_CLIENT_ID, clientSecret: FAKE_REDDIT_CLIENT_SECRET } },
    now: () => new Date(nowMs),
    sleep: async () => {},
    random: () => 0,
    ...extra,
  };
}

/** One query per recorded fake source (Reddit, Hacker News, GitHub, Google Trends, RSS, Atom). */
export function fakeSourceQueries(fakes: ResearchFakes): ResearchQuery[] {
  return [
    { source: "reddit", subreddits: ["productivity", "remotework", "SaaS", "LocalLLaMA", "programming"] },
    { source: "hackernews" },
    { source: "github" },
    { source: "google_trends", region: "US" },
    { source: "rss", feedUrl: fakes.urls.rss },
    { source: "rss", feedUrl: fakes.urls.atom },
  ];
}
