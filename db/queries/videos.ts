import { and, arrayContains, asc, desc, eq, gte, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { brollClips, generationAttempts, videoGenerations } from "../schema";

/** The only way to load a video by id: scoped to the caller's workspace (other = not found). */
export async function findVideoForWorkspace(db: DbOrTx, workspaceId: string, videoId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(videoId)) return null;
  const [v] = await db
    .select()
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.id, videoId), isNull(videoGenerations.deletedAt)))
    .limit(1);
  return v ?? null;
}


export interface VideoFilter {
  status?: string[];
  provider?: string;
  campaignId?: string;
  q?: string;
  /** Library order; newest first when absent. */
  sort?: VideoSort;
  /** Only videos created at or after this moment. */
  createdAfter?: Date;
  /** Only videos that target this platform preset (e.g. tiktok). */
  platform?: string;
  page: number;
  pageSize: number;
}

export type VideoSort = "newest" | "oldest" | "title" | "duration" | "cost";

// Every order ends in created_at, id so pages never repeat or skip rows with equal keys.
const ORDER: Record<VideoSort, SQL[]> = {
  newest: [desc(videoGenerations.createdAt), desc(videoGenerations.id)],
  oldest: [asc(videoGenerations.createdAt), asc(videoGenerations.id)],
  title: [sql`lower(${videoGenerations.scriptTitle}) asc`, desc(videoGenerations.createdAt), desc(videoGenerations.id)],
  duration: [sql`${videoGenerations.durationSeconds} desc nulls last`, desc(videoGenerations.createdAt), desc(videoGenerations.id)],
  cost: [sql`coalesce(${videoGenerations.costCents}, ${videoGenerations.estimatedCostCents}) desc`, desc(videoGenerations.createdAt), desc(videoGenerations.id)],
};

/** Several videos by id, only those of this workspace (bulk download checks the count). */
export async function findVideosForWorkspace(db: DbOrTx, workspaceId: string, videoIds: string[]) {
  const ids = videoIds.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (!ids.length) return [];
  return db
    .select()
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), inArray(videoGenerations.id, ids), isNull(videoGenerations.deletedAt)));
}

export async function listVideos(db: DbOrTx, workspaceId: string, f: VideoFilter) {
  const where: SQL[] = [
    eq(videoGenerations.workspaceId, workspaceId),
    isNull(videoGenerations.deletedAt),
    // AI B-roll clips (issue 14) are child generations of a composed short, not library videos.
    sql`(${videoGenerations.originalContent} -> 'brollFor') is null`,
  ];
  if (f.status?.length) where.push(inArray(videoGenerations.status, f.status as never[]));
  if (f.provider) where.push(eq(videoGenerations.provider, f.provider));
  if (f.campaignId) where.push(eq(videoGenerations.campaignId, f.campaignId));
  // The search term is a bound parameter; LIKE metacharacters in it are escaped to match literally.
  if (f.q) where.push(ilike(videoGenerations.scriptTitle, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (f.createdAfter) where.push(gte(videoGenerations.createdAt, f.createdAfter));
  if (f.platform) where.push(arrayContains(videoGenerations.targetPlatforms, [f.platform]));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(videoGenerations).where(and(...where));
  const rows = await db
    .select()
    .from(videoGenerations)
    .where(and(...where))
    .orderBy(...ORDER[f.sort ?? "newest"])
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  return { total: count?.n ?? 0, rows };
}

export async function listAttempts(db: DbOrTx, workspaceId: string, videoId: string) {
  return db
    .select()
    .from(generationAttempts)
    .where(and(eq(generationAttempts.workspaceId, workspaceId), eq(generationAttempts.videoId, videoId)))
    .orderBy(generationAttempts.attemptNumber);
}

/**
 * System query (no workspace filter, by design): the videos whose state changed since a moment,
 * for the realtime listener's catch-up after its connection was lost — each row is re-emitted
 * only to its own workspace's room. Bounded; a reconnect is rare, so no index on updated_at.
 */
export async function listVideosUpdatedSince(db: DbOrTx, since: Date, limit = 500) {
  return db
    .select({
      id: videoGenerations.id,
      workspaceId: videoGenerations.workspaceId,
      status: videoGenerations.status,
      stage: videoGenerations.stage,
      progress: videoGenerations.progress,
      etaSeconds: videoGenerations.etaSeconds,
      provider: videoGenerations.provider,
      error: videoGenerations.error,
      updatedAt: videoGenerations.updatedAt,
    })
    .from(videoGenerations)
    .where(and(gte(videoGenerations.updatedAt, since), isNull(videoGenerations.deletedAt)))
    .orderBy(asc(videoGenerations.updatedAt))
    .limit(limit);
}

/**
 * What each AI B-roll clip of the given parent videos cost (issue 14): a clip is its own child
 * video with its own hold and charge, so a parent's page adds these to its own cost. Both the
 * clip row and the child row must be this workspace's: a clip row of another workspace naming
 * our video, or ours naming another workspace's child, never counts.
 */
export async function brollClipCosts(db: DbOrTx, workspaceId: string, parentVideoIds: string[]) {
  const ids = parentVideoIds.filter((i) => /^[0-9a-f-]{36}$/i.test(i));
  if (!ids.length) return [];
  return db
    .select({
      videoId: brollClips.videoId,
      sceneId: brollClips.sceneId,
      clipStatus: brollClips.status,
      cached: brollClips.cached,
      childStatus: videoGenerations.status,
      childCostCents: videoGenerations.costCents,
      childReservedCents: videoGenerations.reservedCents,
      childEstimatedCents: videoGenerations.estimatedCostCents,
    })
    .from(brollClips)
    .leftJoin(videoGenerations, and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.id, brollClips.childVideoId)))
    .where(and(eq(brollClips.workspaceId, workspaceId), inArray(brollClips.videoId, ids)));
}

export type BrollClipCost = Awaited<ReturnType<typeof brollClipCosts>>[number];
