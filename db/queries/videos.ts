import { and, desc, eq, ilike, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { generationAttempts, videoGenerations } from "../schema";

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
  page: number;
  pageSize: number;
}

export async function listVideos(db: DbOrTx, workspaceId: string, f: VideoFilter) {
  const where: SQL[] = [eq(videoGenerations.workspaceId, workspaceId), isNull(videoGenerations.deletedAt)];
  if (f.status?.length) where.push(inArray(videoGenerations.status, f.status as never[]));
  if (f.provider) where.push(eq(videoGenerations.provider, f.provider));
  if (f.campaignId) where.push(eq(videoGenerations.campaignId, f.campaignId));
  // The search term is a bound parameter; LIKE metacharacters in it are escaped to match literally.
  if (f.q) where.push(ilike(videoGenerations.scriptTitle, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const [count] = await db.select({ n: sql<number>`count(*)::int` }).from(videoGenerations).where(and(...where));
  const rows = await db
    .select()
    .from(videoGenerations)
    .where(and(...where))
    .orderBy(desc(videoGenerations.createdAt))
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
