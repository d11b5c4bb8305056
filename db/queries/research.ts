/** Research configurations, jobs and extraction-rule overrides. Every function is workspace-scoped. */
import { and, desc, eq, gte, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { extractionRules, researchConfigurations, researchJobs, videoGenerations, type ResearchJobStatus } from "../schema";

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export type ResearchConfigurationRow = typeof researchConfigurations.$inferSelect;
export type ResearchJobRow = typeof researchJobs.$inferSelect;

// ----- configurations

export async function listConfigurations(db: DbOrTx, workspaceId: string) {
  return db
    .select()
    .from(researchConfigurations)
    .where(eq(researchConfigurations.workspaceId, workspaceId))
    .orderBy(desc(researchConfigurations.createdAt));
}

export async function findConfiguration(db: DbOrTx, workspaceId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .select()
    .from(researchConfigurations)
    .where(and(eq(researchConfigurations.workspaceId, workspaceId), eq(researchConfigurations.id, id)));
  return row ?? null;
}

export interface ConfigurationValues {
  name: string;
  sources: Record<string, unknown>[];
  filters: Record<string, unknown>;
  schedule: string | null;
  active: boolean;
}

export async function insertConfiguration(db: DbOrTx, workspaceId: string, v: ConfigurationValues) {
  const [row] = await db.insert(researchConfigurations).values({ workspaceId, ...v }).returning();
  return row;
}

export async function updateConfiguration(db: DbOrTx, workspaceId: string, id: string, v: Partial<ConfigurationValues>) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(researchConfigurations)
    .set({ ...v, updatedAt: new Date() })
    .where(and(eq(researchConfigurations.workspaceId, workspaceId), eq(researchConfigurations.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteConfiguration(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(researchConfigurations)
    .where(and(eq(researchConfigurations.workspaceId, workspaceId), eq(researchConfigurations.id, id)))
    .returning({ id: researchConfigurations.id });
  return rows.length > 0;
}

/** Active configurations with a schedule, across workspaces (the hourly scheduler's scan). */
export async function listScheduledConfigurationsForScheduler(db: DbOrTx) {
  return db
    .select()
    .from(researchConfigurations)
    .where(and(eq(researchConfigurations.active, true), sql`${researchConfigurations.schedule} is not null`));
}

/** When the configuration last ran on its schedule (or at all, when `anyTrigger`). */
export async function lastJobForConfiguration(db: DbOrTx, workspaceId: string, configurationId: string) {
  const [row] = await db
    .select({ id: researchJobs.id, createdAt: researchJobs.createdAt, status: researchJobs.status })
    .from(researchJobs)
    .where(and(eq(researchJobs.workspaceId, workspaceId), eq(researchJobs.configurationId, configurationId), eq(researchJobs.trigger, "schedule")))
    .orderBy(desc(researchJobs.createdAt))
    .limit(1);
  return row ?? null;
}

// ----- jobs

export async function insertResearchJob(db: DbOrTx, workspaceId: string, v: Omit<typeof researchJobs.$inferInsert, "workspaceId" | "id">) {
  const [row] = await db.insert(researchJobs).values({ workspaceId, ...v }).returning();
  return row;
}

export async function findResearchJob(db: DbOrTx, workspaceId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(researchJobs).where(and(eq(researchJobs.workspaceId, workspaceId), eq(researchJobs.id, id)));
  return row ?? null;
}

export async function updateResearchJob(db: DbOrTx, workspaceId: string, id: string, v: Partial<typeof researchJobs.$inferInsert>) {
  const [row] = await db
    .update(researchJobs)
    .set(v)
    .where(and(eq(researchJobs.workspaceId, workspaceId), eq(researchJobs.id, id)))
    .returning();
  return row ?? null;
}

/**
 * Moves a job to `running` only from queued/running (a completed or failed job is never re-run);
 * returns null when the job is already final.
 */
export async function markResearchJobRunning(db: DbOrTx, workspaceId: string, id: string, now: Date) {
  const [row] = await db
    .update(researchJobs)
    .set({ status: "running", startedAt: now, error: null })
    .where(and(eq(researchJobs.workspaceId, workspaceId), eq(researchJobs.id, id), inArray(researchJobs.status, ["queued", "running"])))
    .returning();
  return row ?? null;
}

/** Light listing: no items, only the top of the analysis. */
export async function listResearchJobs(db: DbOrTx, workspaceId: string, f: { status?: ResearchJobStatus[]; limit: number; configurationId?: string }) {
  const where: SQL[] = [eq(researchJobs.workspaceId, workspaceId)];
  if (f.status?.length) where.push(inArray(researchJobs.status, f.status));
  if (f.configurationId && isUuid(f.configurationId)) where.push(eq(researchJobs.configurationId, f.configurationId));
  return db
    .select({
      id: researchJobs.id,
      name: researchJobs.name,
      status: researchJobs.status,
      trigger: researchJobs.trigger,
      configurationId: researchJobs.configurationId,
      itemCount: researchJobs.itemCount,
      error: researchJobs.error,
      sourceErrors: researchJobs.sourceErrors,
      createdAt: researchJobs.createdAt,
      startedAt: researchJobs.startedAt,
      completedAt: researchJobs.completedAt,
      sources: sql<Record<string, unknown>[] | null>`${researchJobs.config}->'sources'`,
      keyInsights: sql<Record<string, unknown>[] | null>`${researchJobs.analysis}->'key_insights'`,
    })
    .from(researchJobs)
    .where(and(...where))
    .orderBy(desc(researchJobs.createdAt))
    .limit(f.limit);
}

/** Completed jobs since `since` that no (live) video was made from yet. */
export async function completedJobsWithoutVideo(db: DbOrTx, workspaceId: string, since: Date) {
  return db
    .select({ id: researchJobs.id, name: researchJobs.name })
    .from(researchJobs)
    .where(
      and(
        eq(researchJobs.workspaceId, workspaceId),
        eq(researchJobs.status, "completed"),
        gte(researchJobs.completedAt, since),
        sql`not exists (select 1 from ${videoGenerations} v where v.workspace_id = ${workspaceId} and v.research_job_id = ${researchJobs.id} and v.deleted_at is null)`,
      ),
    )
    .orderBy(researchJobs.completedAt);
}

export async function videosForResearchJob(db: DbOrTx, workspaceId: string, jobId: string) {
  return db
    .select({ id: videoGenerations.id, title: videoGenerations.scriptTitle, status: videoGenerations.status, createdAt: videoGenerations.createdAt })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.researchJobId, jobId), isNull(videoGenerations.deletedAt)))
    .orderBy(desc(videoGenerations.createdAt));
}

// ----- extraction rules

export async function listRuleOverrides(db: DbOrTx, workspaceId: string) {
  return db.select().from(extractionRules).where(eq(extractionRules.workspaceId, workspaceId));
}

export async function upsertRuleOverride(db: DbOrTx, workspaceId: string, source: string, rule: Record<string, unknown>) {
  const [row] = await db
    .insert(extractionRules)
    .values({ workspaceId, source, rule })
    .onConflictDoUpdate({ target: [extractionRules.workspaceId, extractionRules.source], set: { rule, updatedAt: new Date() } })
    .returning();
  return row;
}

export async function deleteRuleOverride(db: DbOrTx, workspaceId: string, source: string) {
  await db.delete(extractionRules).where(and(eq(extractionRules.workspaceId, workspaceId), eq(extractionRules.source, source)));
}
