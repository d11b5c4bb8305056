/**
 * Research, persisted: configurations (CRUD), research jobs (queued → running → completed |
 * failed, executed by the `research.run` job), analysis views and script generation from a
 * stored job. Workspace-scoped through the AuthContext; the job side takes the workspace id
 * from its payload.
 */
import { z } from "zod";
import { getDb } from "@/db/client";
import {
  deleteConfiguration,
  findConfiguration,
  findResearchJob,
  insertConfiguration,
  insertResearchJob,
  lastJobForConfiguration,
  listConfigurations,
  listResearchJobs,
  listScheduledConfigurationsForScheduler,
  markResearchJobRunning,
  updateConfiguration,
  updateResearchJob,
  videosForResearchJob,
  type ResearchConfigurationRow,
  type ResearchJobRow,
} from "@/db/queries/research";
import type { ResearchJobStatus } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { AppError, isAppError } from "@/lib/errors";
import type { Enqueue } from "@/lib/jobs/define";
import { enqueue as defaultEnqueue } from "@/lib/jobs/runtime";
import { logger } from "@/lib/logger";
import { emit } from "@/lib/realtime/emit";
import { polishWithLlm } from "./analyse";
import { llmPolishOptions, researchRunContext } from "./context";
import { ruleFor } from "./rules-store";
import { runResearch, type RunContext, type SourceError } from "./run";
import { generateScript, type GeneratedScript } from "./script";
import {
  researchConfigSchema,
  researchFiltersSchema,
  sourceQuerySchema,
  SOURCE_IDS,
  SOURCE_LABELS,
  type Analysis,
  type Insight,
  type ResearchConfig,
  type ResearchItem,
  type SourceId,
} from "./types";

export const RESEARCH_RUN_JOB = "research.run";
/** Rate-limited runs are rescheduled at most this many times before they finish with what they have. */
export const MAX_RATE_LIMIT_RESCHEDULES = 3;
/** Longest Retry-After honoured by rescheduling (a longer one is capped to this). */
const MAX_RESCHEDULE_DELAY_S = 60 * 60;

// ---------------------------------------------------------------------------------------------
// Configurations

export const SCHEDULES = ["daily", "weekly"] as const;

export const configurationInputSchema = z.object({
  name: z.string().trim().min(1, "Give the configuration a name.").max(120, "Names are limited to 120 characters."),
  sources: z.array(sourceQuerySchema).min(1, "Add at least one source.").max(20, "Use at most 20 sources."),
  filters: researchFiltersSchema.default({}),
  schedule: z.enum(SCHEDULES, { message: "Schedule is daily, weekly or none." }).nullable().default(null),
  active: z.boolean().default(true),
});
export type ConfigurationInput = z.input<typeof configurationInputSchema>;

export function publicConfiguration(r: ResearchConfigurationRow) {
  return {
    id: r.id,
    name: r.name,
    sources: r.sources,
    filters: r.filters,
    schedule: r.schedule as (typeof SCHEDULES)[number] | null,
    active: r.active,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
export type PublicConfiguration = ReturnType<typeof publicConfiguration>;

export async function listResearchConfigurations(ctx: AuthContext) {
  return (await listConfigurations(getDb(), ctx.workspace.id)).map(publicConfiguration);
}

export async function getResearchConfiguration(ctx: AuthContext, id: string) {
  const row = await findConfiguration(getDb(), ctx.workspace.id, id);
  if (!row) throw new AppError("not_found", "Research configuration not found.");
  return publicConfiguration(row);
}

export async function createResearchConfiguration(ctx: AuthContext, input: unknown) {
  const v = configurationInputSchema.parse(input);
  const cfg = researchConfigSchema.parse({ sources: v.sources, filters: v.filters });
  const row = await insertConfiguration(getDb(), ctx.workspace.id, {
    name: v.name,
    sources: cfg.sources as Record<string, unknown>[],
    filters: cfg.filters,
    schedule: v.schedule,
    active: v.active,
  });
  return publicConfiguration(row);
}

export async function updateResearchConfiguration(ctx: AuthContext, id: string, input: unknown) {
  const existing = await findConfiguration(getDb(), ctx.workspace.id, id);
  if (!existing) throw new AppError("not_found", "Research configuration not found.");
  const v = configurationInputSchema.partial().parse(input);
  const patch: Parameters<typeof updateConfiguration>[3] = {};
  if (v.name !== undefined) patch.name = v.name;
  if (v.sources !== undefined || v.filters !== undefined) {
    const cfg = researchConfigSchema.parse({ sources: v.sources ?? existing.sources, filters: v.filters ?? existing.filters });
    patch.sources = cfg.sources as Record<string, unknown>[];
    patch.filters = cfg.filters;
  }
  if (v.schedule !== undefined) patch.schedule = v.schedule;
  if (v.active !== undefined) patch.active = v.active;
  const row = await updateConfiguration(getDb(), ctx.workspace.id, id, patch);
  return publicConfiguration(row!);
}

export async function deleteResearchConfiguration(ctx: AuthContext, id: string): Promise<void> {
  const ok = await deleteConfiguration(getDb(), ctx.workspace.id, id);
  if (!ok) throw new AppError("not_found", "Research configuration not found.");
}

// ---------------------------------------------------------------------------------------------
// Jobs

export type ResearchTrigger = "manual" | "schedule" | "campaign" | "trend_scan";

const inlineRunSchema = z.object({
  name: z.string().trim().min(1).max(120).default("Ad-hoc research"),
  sources: z.array(sourceQuerySchema).min(1, "Add at least one source."),
  filters: researchFiltersSchema.default({}),
});

export interface RunJobOptions {
  trigger?: ResearchTrigger;
  enqueue?: Enqueue;
  now?: Date;
}

async function emitJob(workspaceId: string, job: Pick<ResearchJobRow, "id" | "status" | "itemCount">) {
  await emit(workspaceId, "research.updated", { researchJobId: job.id, status: job.status, itemCount: job.itemCount });
}

/** Creates a queued research job (from a saved configuration id or an inline config) and enqueues it. */
export async function runResearchJob(ctx: AuthContext, target: string | unknown, opts: RunJobOptions = {}) {
  return startResearchJob(ctx.workspace.id, target, opts);
}

export async function startResearchJob(workspaceId: string, target: string | unknown, opts: RunJobOptions = {}) {
  const db = getDb();
  let name: string;
  let configurationId: string | null = null;
  let config: ResearchConfig;
  if (typeof target === "string") {
    const row = await findConfiguration(db, workspaceId, target);
    if (!row) throw new AppError("not_found", "Research configuration not found.");
    name = row.name;
    configurationId = row.id;
    config = researchConfigSchema.parse({ sources: row.sources, filters: row.filters });
  } else {
    const v = inlineRunSchema.parse(target);
    name = v.name;
    config = researchConfigSchema.parse({ sources: v.sources, filters: v.filters });
  }
  const job = await insertResearchJob(db, workspaceId, {
    configurationId,
    name,
    status: "queued",
    trigger: opts.trigger ?? "manual",
    config: config as unknown as Record<string, unknown>,
    createdAt: opts.now,
  });
  await (opts.enqueue ?? defaultEnqueue)(RESEARCH_RUN_JOB, { workspaceId, researchJobId: job.id, attempt: 0 }, { singletonKey: `research:${job.id}:0` });
  await emitJob(workspaceId, job);
  return job;
}

export const researchRunPayload = z.object({
  workspaceId: z.string().uuid(),
  researchJobId: z.string().uuid(),
  attempt: z.number().int().min(0).default(0),
});
export type ResearchRunPayload = z.infer<typeof researchRunPayload>;

export interface ExecuteOptions {
  enqueue?: Enqueue;
  /** Connector overrides (tests: fakes' base URLs, a clock, no sleeping). */
  connector?: Partial<RunContext>;
  now?: () => Date;
}

export type ExecuteOutcome = "completed" | "failed" | "rescheduled" | "skipped";

function rateLimitDelay(errors: SourceError[]): number | null {
  const waits = errors.filter((e) => e.code === "rate_limited" && typeof e.retryAfterSeconds === "number").map((e) => e.retryAfterSeconds!);
  return waits.length ? Math.min(MAX_RESCHEDULE_DELAY_S, Math.max(...waits)) : null;
}

function failureSummary(errors: SourceError[]): string {
  return errors.map((e) => e.message).join(" ") || "No source returned anything.";
}

/**
 * The `research.run` handler. Idempotent: a completed or failed job is left alone; a job
 * interrupted mid-run (status running) simply runs again and overwrites its own results.
 * A source that is rate limited with a Retry-After reschedules the whole job (bounded).
 */
export async function executeResearchJob(payload: ResearchRunPayload, opts: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  const { workspaceId, researchJobId, attempt } = payload;
  const db = getDb();
  const clock = opts.now ?? opts.connector?.now ?? (() => new Date());
  const job = await markResearchJobRunning(db, workspaceId, researchJobId, clock());
  if (!job) return "skipped";
  await emitJob(workspaceId, job);

  let result: Awaited<ReturnType<typeof runResearch>>;
  try {
    result = await runResearch(job.config as unknown as ResearchConfig, researchRunContext({ now: clock, ...opts.connector }));
  } catch (err) {
    const message = isAppError(err) ? err.message : `Research failed: ${(err as Error).message}`;
    const failed = await updateResearchJob(db, workspaceId, researchJobId, { status: "failed", error: message, completedAt: clock() });
    if (failed) await emitJob(workspaceId, failed);
    return "failed";
  }

  const delay = rateLimitDelay(result.errors);
  if (delay !== null && attempt < MAX_RATE_LIMIT_RESCHEDULES) {
    const at = new Date(clock().getTime() + delay * 1000);
    const limited = result.errors.filter((e) => e.code === "rate_limited").map((e) => SOURCE_LABELS[e.source]);
    const row = await updateResearchJob(db, workspaceId, researchJobId, {
      status: "queued",
      error: `Rate limited by ${[...new Set(limited)].join(", ")}; retrying automatically at ${at.toISOString()} (attempt ${attempt + 2} of ${MAX_RATE_LIMIT_RESCHEDULES + 1}).`,
      sourceErrors: result.errors as unknown as Record<string, unknown>[],
    });
    await (opts.enqueue ?? defaultEnqueue)(
      RESEARCH_RUN_JOB,
      { workspaceId, researchJobId, attempt: attempt + 1 },
      { startAfter: at, singletonKey: `research:${researchJobId}:${attempt + 1}` },
    );
    logger.info({ researchJobId, delaySeconds: delay, attempt }, "research job rate limited; rescheduled");
    if (row) await emitJob(workspaceId, row);
    return "rescheduled";
  }

  let analysis: Analysis = result.analysis;
  const llm = llmPolishOptions();
  if (llm && result.items.length) analysis = await polishWithLlm(analysis, llm);

  const failed = result.items.length === 0 && result.errors.length > 0;
  const row = await updateResearchJob(db, workspaceId, researchJobId, {
    status: failed ? "failed" : "completed",
    items: result.items as unknown as Record<string, unknown>[],
    analysis: analysis as unknown as Record<string, unknown>,
    sourceErrors: result.errors as unknown as Record<string, unknown>[],
    itemCount: result.items.length,
    error: failed ? failureSummary(result.errors) : null,
    completedAt: clock(),
  });
  if (row) await emitJob(workspaceId, row);
  return failed ? "failed" : "completed";
}

/**
 * Runs research synchronously and stores it as a completed (or failed) job: what campaigns
 * and trend scans use, since they need the analysis right away.
 */
export async function runResearchNow(
  workspaceId: string,
  input: { name: string; config: ResearchConfig; configurationId?: string | null; trigger: ResearchTrigger },
  opts: { connector?: Partial<RunContext>; now?: Date } = {},
): Promise<{ job: ResearchJobRow; items: ResearchItem[]; analysis: Analysis | null; errors: SourceError[] }> {
  const now = opts.now ?? new Date();
  const clock = () => now;
  const db = getDb();
  const job = await insertResearchJob(db, workspaceId, {
    configurationId: input.configurationId ?? null,
    name: input.name,
    status: "running",
    trigger: input.trigger,
    config: input.config as unknown as Record<string, unknown>,
    startedAt: now,
    createdAt: now,
  });
  try {
    const result = await runResearch(input.config, researchRunContext({ now: clock, ...opts.connector }));
    let analysis = result.analysis;
    const llm = llmPolishOptions();
    if (llm && result.items.length) analysis = await polishWithLlm(analysis, llm);
    const failed = result.items.length === 0 && result.errors.length > 0;
    const row = await updateResearchJob(db, workspaceId, job.id, {
      status: failed ? "failed" : "completed",
      items: result.items as unknown as Record<string, unknown>[],
      analysis: analysis as unknown as Record<string, unknown>,
      sourceErrors: result.errors as unknown as Record<string, unknown>[],
      itemCount: result.items.length,
      error: failed ? failureSummary(result.errors) : null,
      completedAt: now,
    });
    await emitJob(workspaceId, row!);
    return { job: row!, items: result.items, analysis: failed ? null : analysis, errors: result.errors };
  } catch (err) {
    const message = isAppError(err) ? err.message : `Research failed: ${(err as Error).message}`;
    const row = await updateResearchJob(db, workspaceId, job.id, { status: "failed", error: message, completedAt: now });
    await emitJob(workspaceId, row!);
    return { job: row!, items: [], analysis: null, errors: [] };
  }
}

// ---------------------------------------------------------------------------------------------
// Reading jobs

const listQuerySchema = z.object({
  status: z
    .string()
    .optional()
    .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : []))
    .pipe(z.array(z.enum(["queued", "running", "completed", "failed"], { message: "status is queued, running, completed or failed" }))),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  configurationId: z.string().optional(),
});

export interface JobSummary {
  id: string;
  name: string;
  status: ResearchJobStatus;
  trigger: string;
  configurationId: string | null;
  itemCount: number;
  error: string | null;
  sourceErrorCount: number;
  createdAt: Date;
  completedAt: Date | null;
  sources: string[];
  topInsights: Array<{ id: string; text: string; topic: string }>;
}

/** GET /api/v1/research/jobs shape (the create page's research picker reads it). */
export async function listResearchJobSummaries(ctx: AuthContext, query: unknown): Promise<{ jobs: JobSummary[] }> {
  const q = listQuerySchema.parse(query ?? {});
  const rows = await listResearchJobs(getDb(), ctx.workspace.id, { status: q.status as ResearchJobStatus[], limit: q.limit, configurationId: q.configurationId });
  return {
    jobs: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: r.status,
      trigger: r.trigger,
      configurationId: r.configurationId,
      itemCount: r.itemCount,
      error: r.error,
      sourceErrorCount: r.sourceErrors.length,
      createdAt: r.createdAt,
      completedAt: r.completedAt,
      sources: [...new Set((r.sources ?? []).map((s) => String(s.source)))],
      topInsights: (r.keyInsights ?? []).slice(0, 3).map((i) => ({ id: String(i.id), text: String(i.text), topic: String(i.topic) })),
    })),
  };
}

export async function getResearchJob(ctx: AuthContext, id: string) {
  const row = await findResearchJob(getDb(), ctx.workspace.id, id);
  if (!row) throw new AppError("not_found", "Research job not found.");
  const videos = await videosForResearchJob(getDb(), ctx.workspace.id, id);
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    trigger: row.trigger,
    configurationId: row.configurationId,
    config: row.config as unknown as ResearchConfig,
    itemCount: row.itemCount,
    error: row.error,
    sourceErrors: row.sourceErrors as unknown as SourceError[],
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    completedAt: row.completedAt,
    analysis: (row.analysis ?? null) as Analysis | null,
    items: (row.items as unknown as ResearchItem[]).map((i) => ({ ...i, raw: undefined })),
    mainSource: mainSourceOf(row),
    videos,
  };
}
export type ResearchJobDetail = Awaited<ReturnType<typeof getResearchJob>>;

/** The source that contributed most items (ties: the first configured), for picking a rule. */
export function mainSourceOf(row: Pick<ResearchJobRow, "config" | "analysis">): SourceId {
  const by = ((row.analysis as unknown as Analysis | null)?.summary?.bySource ?? {}) as Partial<Record<SourceId, number>>;
  const configured = ((row.config as unknown as ResearchConfig | null)?.sources ?? []).map((s) => s.source);
  const order = [...new Set([...configured, ...SOURCE_IDS])];
  let best: SourceId = configured[0] ?? "manual";
  let bestN = -1;
  for (const s of order) {
    const n = by[s] ?? 0;
    if (n > bestN) {
      best = s;
      bestN = n;
    }
  }
  return bestN > 0 ? best : (configured[0] ?? "manual");
}

export function allInsights(a: Analysis): Insight[] {
  return [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations];
}

export const scriptRequestSchema = z.object({ insightIds: z.array(z.string().min(1)).max(20).optional() });

export interface ResearchScript extends GeneratedScript {
  source: SourceId;
}

/** Script from a stored job through the workspace's extraction rule for the job's main source. */
export async function scriptFromJobRow(workspaceId: string, row: ResearchJobRow, insightIds?: string[]): Promise<ResearchScript> {
  if (row.status !== "completed" || !row.analysis) {
    throw new AppError("conflict", row.status === "failed" ? "This research run failed; run it again before making a script." : "This research is still running; wait until it completes.");
  }
  const analysis = row.analysis as unknown as Analysis;
  const items = (row.items ?? []) as unknown as ResearchItem[];
  const source = mainSourceOf(row);
  const rule = await ruleFor(workspaceId, source);
  let script: GeneratedScript;
  if (insightIds?.length) {
    const byId = new Map(allInsights(analysis).map((i) => [i.id, i]));
    const picked = insightIds.map((id) => byId.get(id)).filter((i): i is Insight => !!i);
    if (!picked.length) throw new AppError("bad_request", "None of those insights belong to this research run; pick insights from its analysis.");
    script = generateScript(analysis, rule, { insights: picked, topic: picked[0].topic, items });
  } else {
    script = generateScript(analysis, rule, { items });
  }
  return { ...script, source };
}

export async function scriptForResearchJob(ctx: AuthContext, jobId: string, body: unknown): Promise<ResearchScript> {
  const { insightIds } = scriptRequestSchema.parse(body ?? {});
  const row = await findResearchJob(getDb(), ctx.workspace.id, jobId);
  if (!row) throw new AppError("not_found", "Research job not found.");
  return scriptFromJobRow(ctx.workspace.id, row, insightIds);
}

export async function findJobRow(workspaceId: string, id: string) {
  return findResearchJob(getDb(), workspaceId, id);
}

// ---------------------------------------------------------------------------------------------
// Scheduled configurations (run by the hourly campaigns tick)

const SCHEDULE_MS: Record<string, number> = { daily: 24 * 3600_000, weekly: 7 * 24 * 3600_000 };

/** Starts a job for every active scheduled configuration whose last scheduled run is older than its period. */
export async function runDueResearchSchedules(now: Date, enqueue?: Enqueue): Promise<number> {
  const db = getDb();
  let started = 0;
  for (const cfg of await listScheduledConfigurationsForScheduler(db)) {
    const period = SCHEDULE_MS[cfg.schedule ?? ""];
    if (!period) continue;
    const last = await lastJobForConfiguration(db, cfg.workspaceId, cfg.id);
    // A little slack so an hourly tick does not drift a daily schedule by an hour each day.
    if (last && now.getTime() - last.createdAt.getTime() < period - 30 * 60_000) continue;
    try {
      await startResearchJob(cfg.workspaceId, cfg.id, { trigger: "schedule", enqueue, now });
      started++;
    } catch (err) {
      logger.warn({ err, configurationId: cfg.id }, "scheduled research could not start");
    }
  }
  return started;
}
