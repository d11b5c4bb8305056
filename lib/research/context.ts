/**
 * Builds the research ConnectorContext and LLM options from the environment: source
 * credentials, RESEARCH_BASE_URLS (so tests and e2e point connectors at local fakes) and the
 * optional OpenAI-compatible endpoint used to polish wording.
 */
import { z } from "zod";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import type { PolishOptions } from "./analyse";
import type { ResearchBaseUrls } from "./types";
import type { RunContext } from "./run";

const baseUrlsSchema = z
  .object({
    redditAuth: z.string().url(),
    redditApi: z.string().url(),
    hackernews: z.string().url(),
    github: z.string().url(),
    googleTrends: z.string().url(),
  })
  .partial();

/** Parses RESEARCH_BASE_URLS; a bad value is logged and ignored (the real hosts are used). */
export function parseResearchBaseUrls(raw: string | undefined): ResearchBaseUrls {
  if (!raw) return {};
  try {
    return baseUrlsSchema.parse(JSON.parse(raw));
  } catch (err) {
    logger.warn({ err: (err as Error).message }, "RESEARCH_BASE_URLS is not a JSON map of URLs; using the real hosts");
    return {};
  }
}

/** The connector context research runs use; `overrides` win (tests inject clocks and fakes). */
export function researchRunContext(overrides: Partial<RunContext> = {}): RunContext {
  const e = env();
  const reddit = e.REDDIT_CLIENT_ID ? { clientId: e.REDDIT_CLIENT_ID, clientSecret: e.REDDIT_CLIENT_SECRET } : undefined;
  const github = e.GITHUB_TOKEN ? { token: e.GITHUB_TOKEN } : undefined;
  return {
    credentials: { ...(reddit ? { reddit } : {}), ...(github ? { github } : {}) },
    baseUrls: parseResearchBaseUrls(e.RESEARCH_BASE_URLS),
    // A job must not sit for minutes on one source's Retry-After: longer waits reschedule the job.
    maxWaitMs: 10_000,
    ...overrides,
  };
}

export function llmPolishOptions(): PolishOptions | null {
  const e = env();
  if (!e.LLM_BASE_URL || !e.LLM_MODEL) return null;
  return { baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL, apiKey: e.LLM_API_KEY };
}
