/** Campaigns, their runs (one per schedule slot) and covered topics. Workspace-scoped except the scheduler scans. */
import { and, asc, desc, eq, gte, isNull, lt, lte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { campaignRuns, campaignTopics, videoCampaigns, videoGenerations, workspaces, workspaceMembers } from "../schema";

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export type CampaignRow = typeof videoCampaigns.$inferSelect;
export type CampaignRunRow = typeof campaignRuns.$inferSelect;
export type CampaignValues = Omit<typeof videoCampaigns.$inferInsert, "id" | "workspaceId">;

export async function listCampaigns(db: DbOrTx, workspaceId: string) {
  return db.select().from(videoCampaigns).where(eq(videoCampaigns.workspaceId, workspaceId)).orderBy(desc(videoCampaigns.createdAt));
}

export async function findCampaign(db: DbOrTx, workspaceId: string, id: string) {
  if (!isUuid(id)) return null;
  const [row] = await db.select().from(videoCampaigns).where(and(eq(videoCampaigns.workspaceId, workspaceId), eq(videoCampaigns.id, id)));
  return row ?? null;
}

export async function insertCampaign(db: DbOrTx, workspaceId: string, v: CampaignValues) {
  const [row] = await db.insert(videoCampaigns).values({ ...v, workspaceId }).returning();
  return row;
}

export async function updateCampaign(db: DbOrTx, workspaceId: string, id: string, v: Partial<CampaignValues>) {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(videoCampaigns)
    .set(v)
    .where(and(eq(videoCampaigns.workspaceId, workspaceId), eq(videoCampaigns.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteCampaign(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  const rows = await db
    .delete(videoCampaigns)
    .where(and(eq(videoCampaigns.workspaceId, workspaceId), eq(videoCampaigns.id, id)))
    .returning({ id: videoCampaigns.id });
  return rows.length > 0;
}

/** The scheduler's scan across workspaces: active campaigns of a kind whose next run is due. */
export async function listDueCampaignsForScheduler(db: DbOrTx, kind: "research" | "trend_scan", now: Date) {
  return db
    .select({ campaign: videoCampaigns, timezone: workspaces.timezone })
    .from(videoCampaigns)
    .innerJoin(workspaces, eq(workspaces.id, videoCampaigns.workspaceId))
    .where(and(eq(videoCampaigns.active, true), eq(videoCampaigns.kind, kind), lte(videoCampaigns.nextRunAt, now)))
    .orderBy(asc(videoCampaigns.nextRunAt));
}

export async function workspaceOwner(db: DbOrTx, workspaceId: string) {
  const [row] = await db
    .select({ userId: workspaceMembers.userId, timezone: workspaces.timezone })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")))
    .orderBy(asc(workspaceMembers.createdAt))
    .limit(1);
  return row ?? null;
}

// ----- runs

/** Claims a slot: returns the new run, or null when this slot was already claimed (retried tick). */
export async function claimRun(db: DbOrTx, workspaceId: string, campaignId: string, scheduledFor: Date, startedAt: Date) {
  const [row] = await db
    .insert(campaignRuns)
    .values({ workspaceId, campaignId, scheduledFor, startedAt, status: "running" })
    .onConflictDoNothing({ target: [campaignRuns.campaignId, campaignRuns.scheduledFor] })
    .returning();
  return row ?? null;
}

export async function finishRun(
  db: DbOrTx,
  workspaceId: string,
  runId: string,
  v: { status: CampaignRunRow["status"]; videosCreated: number; note: string | null; researchJobId?: string | null; finishedAt: Date },
) {
  const [row] = await db
    .update(campaignRuns)
    .set(v)
    .where(and(eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.id, runId)))
    .returning();
  return row ?? null;
}

export async function listRuns(db: DbOrTx, workspaceId: string, campaignId: string, limit = 50) {
  return db
    .select()
    .from(campaignRuns)
    .where(and(eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.campaignId, campaignId)))
    .orderBy(desc(campaignRuns.startedAt))
    .limit(limit);
}

/** Videos created by this campaign's runs started within [from, to). */
export async function videosCreatedBetween(db: DbOrTx, workspaceId: string, campaignId: string, from: Date, to: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${campaignRuns.videosCreated}), 0)::int` })
    .from(campaignRuns)
    .where(and(eq(campaignRuns.workspaceId, workspaceId), eq(campaignRuns.campaignId, campaignId), gte(campaignRuns.startedAt, from), lt(campaignRuns.startedAt, to)));
  return row?.n ?? 0;
}

// ----- topics

export async function coveredTopicKeys(db: DbOrTx, workspaceId: string, campaignId: string): Promise<string[]> {
  // Joined through the campaign so another workspace's campaign id yields nothing.
  const rows = await db
    .select({ key: campaignTopics.topicKey })
    .from(campaignTopics)
    .innerJoin(videoCampaigns, eq(videoCampaigns.id, campaignTopics.campaignId))
    .where(and(eq(videoCampaigns.workspaceId, workspaceId), eq(campaignTopics.campaignId, campaignId)));
  return rows.map((r) => r.key);
}

export async function recordTopic(db: DbOrTx, campaignId: string, topicKey: string, videoId: string, at: Date) {
  await db.insert(campaignTopics).values({ campaignId, topicKey, videoId, createdAt: at }).onConflictDoNothing();
}

export async function listCampaignVideos(db: DbOrTx, workspaceId: string, campaignId: string, limit = 50) {
  return db
    .select({
      id: videoGenerations.id,
      title: videoGenerations.scriptTitle,
      status: videoGenerations.status,
      estimatedCostCents: videoGenerations.estimatedCostCents,
      costCents: videoGenerations.costCents,
      createdAt: videoGenerations.createdAt,
    })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.campaignId, campaignId), isNull(videoGenerations.deletedAt)))
    .orderBy(desc(videoGenerations.createdAt))
    .limit(limit);
}

export async function bumpVideosGenerated(db: DbOrTx, workspaceId: string, campaignId: string, n: number, patch: { lastRunAt?: Date; nextRunAt?: Date | null }) {
  await db
    .update(videoCampaigns)
    .set({ totalVideosGenerated: sql`${videoCampaigns.totalVideosGenerated} + ${n}`, ...patch })
    .where(and(eq(videoCampaigns.workspaceId, workspaceId), eq(videoCampaigns.id, campaignId)));
}
