import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { z } from "zod";
import { analyseResearch } from "./analyse";
import { fetchSource } from "./connectors";
import { applyFilters } from "./filters";
import { label } from "./http";
import type { Analysis, ConnectorContext, ResearchConfig, ResearchConfigInput, ResearchItem, SourceId } from "./types";
import { researchConfigSchema } from "./types";

export interface SourceError {
  /** Index into config.sources. */
  index: number;
  source: SourceId;
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

export interface ResearchRunResult {
  config: ResearchConfig;
  items: ResearchItem[];
  analysis: Analysis;
  errors: SourceError[];
  /** Per configured source: how many items it returned before dedupe/filters. */
  fetched: Array<{ index: number; source: SourceId; count: number }>;
}

export interface RunContext extends ConnectorContext {
  /** Analysis language (default: filters.language ?? "en"). */
  language?: string;
}

/** URL identity for dedupe: lower-case host, no fragment, no tracking parameters, no trailing slash. */
export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = "";
    u.hostname = u.hostname.toLowerCase().replace(/^www\./, "");
    for (const k of [...u.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|ref$|ref_src$)/i.test(k)) u.searchParams.delete(k);
    }
    u.searchParams.sort();
    const s = u.toString();
    return s.replace(/\/+(\?|$)/, "$1");
  } catch {
    return url.trim();
  }
}

/**
 * Keeps one item per URL (and per id): the one with the higher normalised standing — an item
 * with a score beats one without, otherwise the first configured source wins.
 */
export function dedupeItems(items: ResearchItem[]): ResearchItem[] {
  const byKey = new Map<string, ResearchItem>();
  const order: string[] = [];
  const ids = new Set<string>();
  for (const it of items) {
    if (ids.has(it.id)) continue;
    ids.add(it.id);
    const key = it.url ? `url:${canonicalUrl(it.url)}` : `id:${it.id}`;
    const prev = byKey.get(key);
    if (!prev) {
      byKey.set(key, it);
      order.push(key);
    } else if (prev.score === null && it.score !== null) {
      byKey.set(key, it);
    }
  }
  return order.map((k) => byKey.get(k)!);
}

function toSourceError(index: number, source: SourceId, err: unknown): SourceError {
  if (isAppError(err)) {
    const ra = err.details?.retryAfterSeconds;
    return { index, source, code: err.code, message: err.message, ...(typeof ra === "number" ? { retryAfterSeconds: ra } : {}) };
  }
  const e = err as Error;
  const aborted = e?.name === "AbortError" || e?.name === "TimeoutError";
  return {
    index,
    source,
    code: aborted ? "unavailable" : "internal",
    message: aborted ? `${label(source)} request was cancelled.` : `${label(source)} failed unexpectedly: ${e?.message ?? String(err)}`,
  };
}

/**
 * One research run: every configured source in parallel (a failing source is reported in
 * `errors`, the others still count), dedupe by URL, filters, deterministic analysis.
 * Throws only for an invalid config (AppError bad_request).
 */
export async function runResearch(config: ResearchConfigInput, ctx: RunContext = {}): Promise<ResearchRunResult> {
  const parsed = researchConfigSchema.safeParse(config);
  if (!parsed.success) {
    throw new AppError("bad_request", `Invalid research configuration: ${z.prettifyError(parsed.error)}`);
  }
  const cfg = parsed.data;
  const now = (ctx.now ?? (() => new Date()))();
  const results = await Promise.allSettled(cfg.sources.map((q) => fetchSource(q, { ...ctx, now: ctx.now ?? (() => new Date()) })));

  const errors: SourceError[] = [];
  const fetched: ResearchRunResult["fetched"] = [];
  const all: ResearchItem[] = [];
  results.forEach((r, index) => {
    const source = cfg.sources[index].source;
    if (r.status === "fulfilled") {
      fetched.push({ index, source, count: r.value.length });
      all.push(...r.value);
    } else {
      const e = toSourceError(index, source, r.reason);
      logger.warn({ source, index, code: e.code, msg: e.message }, "research source failed");
      errors.push(e);
      fetched.push({ index, source, count: 0 });
    }
  });

  const items = applyFilters(dedupeItems(all), cfg.filters, now);
  const analysis = analyseResearch(items, { now, language: ctx.language ?? cfg.filters.language ?? "en" });
  return { config: cfg, items, analysis, errors, fetched };
}
