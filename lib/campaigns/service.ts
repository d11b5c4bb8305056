/** Campaign CRUD, pause/resume and the read models the pages and API use. */
import { z } from "zod";
import { getDb } from "@/db/client";
import {
  deleteCampaign,
  findCampaign,
  insertCampaign,
  listCampaignVideos,
  listCampaigns,
  listRuns,
  updateCampaign,
  type CampaignRow,
  type CampaignValues,
} from "@/db/queries/campaigns";
import { findConfiguration } from "@/db/queries/research";
import type { AuthContext } from "@/lib/auth/context";
import { requireRole } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { PLATFORM_PRESET_IDS } from "@/lib/render/platform";
import { researchConfigSchema, researchFiltersSchema, sourceQuerySchema } from "@/lib/research/types";
import { resolveAvatar, resolveTemplate } from "@/lib/videos/catalog";
import { ASPECT_NAMES } from "@/lib/videos/input";
import { assertAspectMakeable, campaignAspect } from "./aspect";
import { computeNextRun, FREQUENCIES, nextTrendScanSlot, previewRuns, type Frequency } from "./schedule";

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the campaign a name.").max(120, "Names are limited to 120 characters."),
    kind: z.enum(["research", "trend_scan"]).default("research"),
    researchConfigId: z.string().trim().min(1).nullable().optional(),
    sources: z.array(sourceQuerySchema).min(1, "Add at least one source.").max(20).optional(),
    filters: researchFiltersSchema.optional(),
    avatarProfileId: z.string().trim().min(1, "Pick a presenter."),
    templateId: z.string().trim().min(1).nullable().optional(),
    // The video API's names and message (lib/videos/input); null = the template's, else 9:16.
    aspectRatio: z
      .enum(ASPECT_NAMES, { message: "Aspect ratio must be portrait (9:16), landscape (16:9), square (1:1) or portrait_4x5 (4:5)." })
      .nullable()
      .optional()
      .describe("The campaign's own aspect for its videos; null or absent = the template's, else portrait (9:16)."),
    frequency: z.enum(FREQUENCIES as [Frequency, ...Frequency[]], { message: "Frequency is daily, weekly or biweekly." }).default("daily"),
    runHour: z.number().int().min(0, "Run hour is 0–23.").max(23, "Run hour is 0–23.").default(9),
    maxVideosPerDay: z.number().int().min(1, "At least one video a day.").max(20, "At most 20 videos a day.").default(2),
    budgetCents: z.number().int().min(0, "Budget is zero or more cents.").nullable().optional(),
    targetPlatforms: z.array(z.enum(PLATFORM_PRESET_IDS as unknown as [string, ...string[]])).max(8).default([]),
    active: z.boolean().default(true),
    autoPost: z.boolean().default(false),
  });
export type CampaignInput = z.input<typeof campaignInputSchema>;

const TREND_SCAN_NOTE = "Scans Google Trends, Hacker News and GitHub every 6 hours";

export function publicCampaign(c: CampaignRow) {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    researchConfigId: c.researchConfigId,
    sourceConfig: c.sourceConfig,
    avatarProfileId: c.avatarProfileId,
    templateId: c.templateId,
    aspectRatio: c.aspectRatio,
    frequency: c.frequency,
    runHour: c.runHour,
    maxVideosPerDay: c.maxVideosPerDay,
    budgetCents: c.budgetCents,
    targetPlatforms: c.targetPlatforms,
    active: c.active,
    autoPost: c.autoPost,
    lastRunAt: c.lastRunAt,
    nextRunAt: c.nextRunAt,
    totalVideosGenerated: c.totalVideosGenerated,
    createdAt: c.createdAt,
    scheduleNote: c.kind === "trend_scan" ? TREND_SCAN_NOTE : null,
  };
}
export type PublicCampaign = ReturnType<typeof publicCampaign>;

export function nextRunFor(c: Pick<CampaignRow, "kind" | "frequency" | "runHour" | "lastRunAt">, after: Date, timeZone: string): Date {
  return c.kind === "trend_scan" ? nextTrendScanSlot(after) : computeNextRun({ frequency: c.frequency, runHour: c.runHour, lastRunAt: c.lastRunAt }, after, timeZone);
}

async function resolveRefs(ctx: AuthContext, v: z.infer<typeof campaignInputSchema>) {
  const avatar = await resolveAvatar(v.avatarProfileId, ctx.workspace.plan, ctx.workspace.id);
  const template = v.templateId ? await resolveTemplate(ctx.workspace.id, v.templateId) : null;
  let researchConfigId: string | null = null;
  let sourceConfig: Record<string, unknown> | null = null;
  if (v.kind === "research") {
    if (v.researchConfigId) {
      const cfg = await findConfiguration(getDb(), ctx.workspace.id, v.researchConfigId);
      if (!cfg) throw new AppError("bad_request", "That research configuration does not exist; pick one from the list or add sources.", { field: "researchConfigId" });
      researchConfigId = cfg.id;
    } else if (v.sources?.length) {
      sourceConfig = researchConfigSchema.parse({ sources: v.sources, filters: v.filters ?? {} }) as unknown as Record<string, unknown>;
    } else {
      throw new AppError("bad_request", "Pick a research configuration or add sources for this campaign.", { field: "researchConfigId" });
    }
  }
  // Validated at save time: the run must never be the first to learn no provider makes the shape.
  await assertAspectMakeable(ctx.workspace.id, avatar, campaignAspect(v.aspectRatio, template));
  return { avatarProfileId: avatar.id, templateId: template?.id ?? null, researchConfigId, sourceConfig };
}

export async function listWorkspaceCampaigns(ctx: AuthContext) {
  return (await listCampaigns(getDb(), ctx.workspace.id)).map(publicCampaign);
}

export async function getCampaign(ctx: AuthContext, id: string) {
  const c = await findCampaign(getDb(), ctx.workspace.id, id);
  if (!c) throw new AppError("not_found", "Campaign not found.");
  const [runs, videos] = await Promise.all([listRuns(getDb(), ctx.workspace.id, id), listCampaignVideos(getDb(), ctx.workspace.id, id)]);
  return { campaign: publicCampaign(c), runs, videos, timezone: ctx.workspace.timezone };
}

/** The stored columns a campaign form sets (create and edit alike). */
function settingsValues(v: z.output<typeof campaignInputSchema>, refs: Awaited<ReturnType<typeof resolveRefs>>): CampaignValues {
  return {
    name: v.name,
    kind: v.kind,
    ...refs,
    aspectRatio: v.aspectRatio ?? null,
    frequency: v.frequency,
    runHour: v.runHour,
    maxVideosPerDay: v.maxVideosPerDay,
    budgetCents: v.budgetCents ?? null,
    targetPlatforms: v.targetPlatforms,
    active: v.active,
    autoPost: v.autoPost,
  };
}

export async function createCampaign(ctx: AuthContext, input: unknown, now = new Date()) {
  requireRole(ctx, ["owner", "admin"]);
  const v = campaignInputSchema.parse(input);
  const refs = await resolveRefs(ctx, v);
  const values: CampaignValues = settingsValues(v, refs);
  values.nextRunAt = v.active ? nextRunFor({ kind: v.kind, frequency: v.frequency, runHour: v.runHour, lastRunAt: null }, now, ctx.workspace.timezone) : null;
  return publicCampaign(await insertCampaign(getDb(), ctx.workspace.id, values));
}

export async function updateCampaignSettings(ctx: AuthContext, id: string, input: unknown, now = new Date()) {
  requireRole(ctx, ["owner", "admin"]);
  const existing = await findCampaign(getDb(), ctx.workspace.id, id);
  if (!existing) throw new AppError("not_found", "Campaign not found.");
  const merged = {
    ...publicCampaign(existing),
    sources: (existing.sourceConfig as { sources?: unknown[] } | null)?.sources,
    filters: (existing.sourceConfig as { filters?: unknown } | null)?.filters,
    ...(input as object),
  };
  const v = campaignInputSchema.parse(merged);
  const refs = await resolveRefs(ctx, v);
  const nextRunAt = v.active ? nextRunFor({ kind: v.kind, frequency: v.frequency, runHour: v.runHour, lastRunAt: existing.lastRunAt }, now, ctx.workspace.timezone) : null;
  const row = await updateCampaign(getDb(), ctx.workspace.id, id, { ...settingsValues(v, refs), nextRunAt });
  return publicCampaign(row!);
}

export async function setCampaignActive(ctx: AuthContext, id: string, active: boolean, now = new Date()) {
  requireRole(ctx, ["owner", "admin"]);
  const c = await findCampaign(getDb(), ctx.workspace.id, id);
  if (!c) throw new AppError("not_found", "Campaign not found.");
  const row = await updateCampaign(getDb(), ctx.workspace.id, id, {
    active,
    nextRunAt: active ? nextRunFor(c, now, ctx.workspace.timezone) : null,
  });
  return publicCampaign(row!);
}

export async function removeCampaign(ctx: AuthContext, id: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  if (!(await deleteCampaign(getDb(), ctx.workspace.id, id))) throw new AppError("not_found", "Campaign not found.");
}

const previewSchema = z.object({
  kind: z.enum(["research", "trend_scan"]).default("research"),
  frequency: z.enum(FREQUENCIES as [Frequency, ...Frequency[]]).default("daily"),
  runHour: z.coerce.number().int().min(0).max(23).default(9),
});

/** Next three runs for the form's preview, in the workspace time zone. */
export function schedulePreview(input: unknown, timeZone: string, now = new Date()): Date[] {
  const v = previewSchema.parse(input);
  if (v.kind === "trend_scan") {
    const a = nextTrendScanSlot(now);
    const b = nextTrendScanSlot(a);
    return [a, b, nextTrendScanSlot(b)];
  }
  return previewRuns({ frequency: v.frequency, runHour: v.runHour }, now, timeZone, 3);
}
