/**
 * Running campaigns: the hourly tick (`campaigns.tick`), the 6-hourly trend scan
 * (`trends.scan`) and "Run now" all go through `runCampaignSlot`:
 *
 *   claim the slot (campaign_runs unique (campaign, scheduledFor): a retried tick is a no-op)
 *   → research, synchronously, stored as a research job
 *   → topics not covered by the campaign's earlier videos (campaign_topics)
 *   → up to maxVideosPerDay − videos already made today (workspace day), through createVideo
 *     with priority low and the campaign's budget; stop at the first budget_exceeded
 *   → record topics, the run, lastRunAt / nextRunAt / totalVideosGenerated.
 */
import { getDb } from "@/db/client";
import {
  bumpVideosGenerated,
  claimRun,
  coveredTopicKeys,
  findCampaign,
  finishRun,
  listDueCampaignsForScheduler,
  recordTopic,
  videosCreatedBetween,
  type CampaignRow,
  type CampaignRunRow,
} from "@/db/queries/campaigns";
import { findConfiguration } from "@/db/queries/research";
import type { AuthContext } from "@/lib/auth/context";
import { requireRole } from "@/lib/auth/context";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { insightsForTrend, pickUncoveredInsights, topicKey, topTrends } from "@/lib/research/analyse";
import { resolveExtractionRule, type ExtractionRule } from "@/lib/research/extraction-rules";
import type { RunContext } from "@/lib/research/run";
import { ruleFor } from "@/lib/research/rules-store";
import { generateScript, scriptForTrend, scriptItemIds, type GeneratedScript } from "@/lib/research/script";
import type { ResearchItem } from "@/lib/research/types";
import { mainSourceOf, runResearchNow } from "@/lib/research/service";
import { researchConfigSchema, type Analysis, type Insight, type ResearchConfig, type SourceId } from "@/lib/research/types";
import { createVideo } from "@/lib/videos/create";
import { ownerContext } from "./owner-context";
import { localDayBounds, trendScanSlot } from "./schedule";
import { nextRunFor } from "./service";

/** The built-in trend scan: no configuration, these three sources. */
export const TREND_SCAN_CONFIG: ResearchConfig = researchConfigSchema.parse({
  sources: [
    { source: "google_trends", region: "US", limit: 20 },
    { source: "hackernews", tags: "front_page", limit: 30 },
    { source: "github", createdWithinDays: 7, limit: 20 },
  ],
});

export interface CampaignDeps {
  /** Connector overrides (tests point sources at fakes and inject the clock). */
  connector?: Partial<RunContext>;
}

export interface RunReport {
  campaignId: string;
  runId: string | null;
  status: CampaignRunRow["status"] | "already_claimed";
  videosCreated: number;
  videoIds: string[];
  note: string | null;
}

async function campaignConfig(c: CampaignRow): Promise<{ config: ResearchConfig; name: string; configurationId: string | null } | null> {
  if (c.kind === "trend_scan") return { config: TREND_SCAN_CONFIG, name: `${c.name} · trend scan`, configurationId: null };
  if (c.researchConfigId) {
    const row = await findConfiguration(getDb(), c.workspaceId, c.researchConfigId);
    if (row) return { config: researchConfigSchema.parse({ sources: row.sources, filters: row.filters }), name: `${c.name} · ${row.name}`, configurationId: row.id };
  }
  if (c.sourceConfig) return { config: researchConfigSchema.parse(c.sourceConfig), name: c.name, configurationId: null };
  return null;
}

/** Insights that explain one lead insight: itself, then those about its topic or sharing its items. */
function insightsAround(a: Analysis, lead: Insight): Insight[] {
  if (lead.kind === "trending_topic") return insightsForTrend(a, lead as never);
  const ids = new Set(lead.itemIds);
  const key = topicKey(lead);
  const related = [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations].filter(
    (i) => i.id !== lead.id && (topicKey(i) === key || i.itemIds.some((id) => ids.has(id))),
  );
  return [lead, ...related];
}

interface Candidate {
  topicKey: string;
  script: GeneratedScript;
}

/** Scripts for topics not covered yet, best first; a topic too thin for the rule is skipped. */
/**
 * Campaign videos are shorts (30 s), written from the run's items; videos made in one run never
 * speak about the same item twice (issue 14: same-day videos shared 3 of 5 points).
 */
const CAMPAIGN_TARGET_SEC = 30;

function researchCandidates(a: Analysis, rule: ExtractionRule, covered: string[], want: number, items: ResearchItem[]): Candidate[] {
  const out: Candidate[] = [];
  const used = new Set<string>();
  const pool = pickUncoveredInsights(a, covered, want * 4 + 4);
  for (const lead of pool) {
    if (out.length >= want) break;
    try {
      const script = generateScript(a, rule, { insights: insightsAround(a, lead), topic: lead.topic, items, excludeItemIds: used, targetSec: CAMPAIGN_TARGET_SEC });
      for (const id of scriptItemIds(script)) used.add(id);
      out.push({ topicKey: topicKey(lead), script });
    } catch (err) {
      if (!isAppError(err)) throw err;
    }
  }
  return out;
}

async function trendCandidates(workspaceId: string, a: Analysis, covered: string[], want: number, items: ResearchItem[]): Promise<Candidate[]> {
  const seen = new Set(covered);
  const used = new Set<string>();
  const out: Candidate[] = [];
  for (const trend of topTrends(a, 3)) {
    if (out.length >= want) break;
    const key = topicKey(trend);
    if (seen.has(key)) continue;
    seen.add(key);
    const source: SourceId = trend.sources[0] ?? "google_trends";
    const rule = await ruleFor(workspaceId, source).catch(() => resolveExtractionRule(source));
    try {
      const script = scriptForTrend(a, trend, rule, { items, excludeItemIds: used, targetSec: CAMPAIGN_TARGET_SEC });
      for (const id of scriptItemIds(script)) used.add(id);
      out.push({ topicKey: key, script });
    } catch (err) {
      if (!isAppError(err)) throw err;
    }
  }
  return out;
}

/**
 * Runs one slot of one campaign. `scheduledFor` identifies the slot (a due nextRunAt, a
 * trend-scan window, or the click time for Run now); claiming it twice does nothing.
 */
export async function runCampaignSlot(
  campaign: CampaignRow,
  scheduledFor: Date,
  now: Date,
  opts: CampaignDeps & { timeZone: string; ctx?: AuthContext; advanceSchedule: boolean },
): Promise<RunReport> {
  const db = getDb();
  const ws = campaign.workspaceId;
  const run = await claimRun(db, ws, campaign.id, scheduledFor, now);
  if (!run) return { campaignId: campaign.id, runId: null, status: "already_claimed", videosCreated: 0, videoIds: [], note: null };

  const report: RunReport = { campaignId: campaign.id, runId: run.id, status: "completed", videosCreated: 0, videoIds: [], note: null };
  const notes: string[] = [];
  let researchJobId: string | null = null;
  try {
    const ctx = opts.ctx ?? (await ownerContext(ws));
    const { start, end } = localDayBounds(now, opts.timeZone);
    const already = await videosCreatedBetween(db, ws, campaign.id, start, end);
    const room = Math.max(0, campaign.maxVideosPerDay - already);
    const cfg = await campaignConfig(campaign);
    if (!cfg) {
      report.status = "failed";
      notes.push("The campaign's research configuration was deleted; edit the campaign and pick sources.");
    } else if (room === 0) {
      report.status = "skipped";
      notes.push(`Already made ${already} video${already === 1 ? "" : "s"} today (limit ${campaign.maxVideosPerDay}).`);
    } else {
      const research = await runResearchNow(
        ws,
        { name: cfg.name, config: cfg.config, configurationId: cfg.configurationId, trigger: campaign.kind === "trend_scan" ? "trend_scan" : "campaign" },
        { connector: opts.connector, now },
      );
      researchJobId = research.job.id;
      for (const e of research.errors) notes.push(e.message);
      if (!research.analysis) {
        report.status = "failed";
        notes.unshift(`Research failed: ${research.job.error ?? "no items"}`);
      } else {
        const covered = await coveredTopicKeys(db, ws, campaign.id);
        const candidates =
          campaign.kind === "trend_scan"
            ? await trendCandidates(ws, research.analysis, covered, room, research.items)
            : researchCandidates(research.analysis, await ruleFor(ws, mainSourceOf(research.job)), covered, room, research.items);
        if (!candidates.length) notes.push("No new topics in this research: every topic found was already covered by an earlier video.");
        for (const c of candidates) {
          try {
            const { video } = await createVideo(
              ctx,
              {
                title: c.script.title,
                script: c.script.script,
                avatarProfileId: campaign.avatarProfileId,
                templateId: campaign.templateId ?? undefined,
                // The campaign's own aspect; createVideo falls back to the template's, else 9:16.
                aspectRatio: campaign.aspectRatio ?? undefined,
                targetPlatforms: campaign.targetPlatforms,
                priority: "low",
                idempotencyKey: `campaign:${campaign.id}:${scheduledFor.toISOString()}:${c.topicKey}`.slice(0, 200),
              },
              {
                campaign: { id: campaign.id, budgetCents: campaign.budgetCents },
                researchJobId: research.job.id,
                originalContent: { kind: campaign.kind, campaignId: campaign.id, topic: c.script.topic, citations: c.script.citations, insightIds: c.script.insightIds },
              },
            );
            await recordTopic(db, campaign.id, c.topicKey, video.id, now);
            report.videoIds.push(video.id);
            report.videosCreated++;
          } catch (err) {
            if (isAppError(err) && err.code === "budget_exceeded") {
              notes.push(`Stopped: budget_exceeded. ${err.message}`);
              break;
            }
            if (isAppError(err)) {
              notes.push(`Skipped "${c.script.topic}": ${err.message}`);
              if (err.code === "forbidden" || err.code === "bad_request") break;
              continue;
            }
            throw err;
          }
        }
      }
    }
  } catch (err) {
    report.status = "failed";
    notes.unshift(isAppError(err) ? err.message : `Unexpected error: ${(err as Error).message}`);
    logger.error({ err, campaignId: campaign.id }, "campaign run failed");
  }

  report.note = notes.length ? notes.join(" ").slice(0, 2000) : null;
  await finishRun(db, ws, run.id, { status: report.status as CampaignRunRow["status"], videosCreated: report.videosCreated, note: report.note, researchJobId, finishedAt: now });
  await bumpVideosGenerated(db, ws, campaign.id, report.videosCreated, {
    lastRunAt: now,
    ...(opts.advanceSchedule ? { nextRunAt: campaign.active ? nextRunFor({ ...campaign, lastRunAt: now }, now, opts.timeZone) : null } : {}),
  });
  return report;
}

/** The hourly tick: every active research campaign whose nextRunAt has come. */
export async function processDueCampaigns(now: Date, deps: CampaignDeps = {}): Promise<RunReport[]> {
  const due = await listDueCampaignsForScheduler(getDb(), "research", now);
  const out: RunReport[] = [];
  for (const { campaign, timezone } of due) {
    out.push(await runCampaignSlot(campaign, campaign.nextRunAt!, now, { ...deps, timeZone: timezone, advanceSchedule: true }));
  }
  return out;
}

/** The 6-hourly trend scan: every active trend_scan campaign, once per 6-hour slot. */
export async function processTrendScans(now: Date, deps: CampaignDeps = {}): Promise<RunReport[]> {
  const due = await listDueCampaignsForScheduler(getDb(), "trend_scan", now);
  const out: RunReport[] = [];
  for (const { campaign, timezone } of due) {
    out.push(await runCampaignSlot(campaign, trendScanSlot(now), now, { ...deps, timeZone: timezone, advanceSchedule: true }));
  }
  return out;
}

/** Run now: ignores the schedule (and leaves it), same path as a scheduled run. */
export async function runCampaignNow(ctx: AuthContext, id: string, deps: CampaignDeps & { now?: Date } = {}): Promise<RunReport> {
  requireRole(ctx, ["owner", "admin"]);
  const c = await findCampaign(getDb(), ctx.workspace.id, id);
  if (!c) throw new AppError("not_found", "Campaign not found.");
  const now = deps.now ?? new Date();
  return runCampaignSlot(c, now, now, { ...deps, ctx, timeZone: ctx.workspace.timezone, advanceSchedule: false });
}
