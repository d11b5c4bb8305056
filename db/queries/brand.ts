/** Brand kit, compose settings and AI B-roll rows; every query takes workspaceId first (ARCHITECTURE §3.1). */
import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { brandKits, brollCache, brollClips, composeSettings, videoTemplates } from "../schema";
import type { BrandKit } from "../../lib/brand/types";

export type BrollClipRow = typeof brollClips.$inferSelect;
export type BrollCacheRow = typeof brollCache.$inferSelect;

export async function findBrandKit(db: DbOrTx, workspaceId: string): Promise<{ kit: unknown; updatedAt: Date } | null> {
  const [row] = await db.select({ kit: brandKits.kit, updatedAt: brandKits.updatedAt }).from(brandKits).where(eq(brandKits.workspaceId, workspaceId));
  return row ?? null;
}

export async function upsertBrandKit(db: DbOrTx, workspaceId: string, kit: BrandKit): Promise<{ kit: BrandKit; updatedAt: Date }> {
  const now = new Date();
  const [row] = await db
    .insert(brandKits)
    .values({ workspaceId, kit, updatedAt: now })
    .onConflictDoUpdate({ target: brandKits.workspaceId, set: { kit, updatedAt: now } })
    .returning({ kit: brandKits.kit, updatedAt: brandKits.updatedAt });
  return row;
}

export async function findComposeSettings(db: DbOrTx, workspaceId: string): Promise<{ aiBroll: boolean }> {
  const [row] = await db.select({ aiBroll: composeSettings.aiBroll }).from(composeSettings).where(eq(composeSettings.workspaceId, workspaceId));
  return row ?? { aiBroll: false };
}

export async function upsertComposeSettings(db: DbOrTx, workspaceId: string, s: { aiBroll: boolean }): Promise<{ aiBroll: boolean }> {
  const now = new Date();
  const [row] = await db
    .insert(composeSettings)
    .values({ workspaceId, aiBroll: s.aiBroll, updatedAt: now })
    .onConflictDoUpdate({ target: composeSettings.workspaceId, set: { aiBroll: s.aiBroll, updatedAt: now } })
    .returning({ aiBroll: composeSettings.aiBroll });
  return row;
}

export async function brollClipsOf(db: DbOrTx, workspaceId: string, videoId: string): Promise<BrollClipRow[]> {
  return db.select().from(brollClips).where(and(eq(brollClips.workspaceId, workspaceId), eq(brollClips.videoId, videoId)));
}

/** Inserts the scene's row unless it exists (a resumed run); returns the row either way. */
export async function claimBrollClip(
  db: DbOrTx,
  workspaceId: string,
  v: { videoId: string; sceneId: string; prompt: string; aspect: string },
): Promise<BrollClipRow> {
  await db.insert(brollClips).values({ workspaceId, ...v }).onConflictDoNothing({ target: [brollClips.videoId, brollClips.sceneId] });
  const [row] = await db
    .select()
    .from(brollClips)
    .where(and(eq(brollClips.workspaceId, workspaceId), eq(brollClips.videoId, v.videoId), eq(brollClips.sceneId, v.sceneId)));
  return row;
}

export async function updateBrollClip(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  set: Partial<Pick<BrollClipRow, "childVideoId" | "status" | "key" | "cached" | "reason">>,
): Promise<void> {
  await db.update(brollClips).set(set).where(and(eq(brollClips.workspaceId, workspaceId), eq(brollClips.id, id)));
}

/** The parent video a child clip generation makes B-roll for (null for an ordinary video). */
export async function brollParentOf(db: DbOrTx, workspaceId: string, childVideoId: string): Promise<string | null> {
  const [row] = await db
    .select({ videoId: brollClips.videoId })
    .from(brollClips)
    .where(and(eq(brollClips.workspaceId, workspaceId), eq(brollClips.childVideoId, childVideoId)));
  return row?.videoId ?? null;
}

export async function findCachedClip(db: DbOrTx, workspaceId: string, cacheKeys: string[]): Promise<BrollCacheRow | null> {
  if (!cacheKeys.length) return null;
  const rows = await db.select().from(brollCache).where(and(eq(brollCache.workspaceId, workspaceId), inArray(brollCache.cacheKey, cacheKeys)));
  // The caller's order is the workspace's provider order: prefer the first provider's clip.
  return rows.sort((a, b) => cacheKeys.indexOf(a.cacheKey) - cacheKeys.indexOf(b.cacheKey))[0] ?? null;
}

export async function putCachedClip(db: DbOrTx, workspaceId: string, v: Omit<typeof brollCache.$inferInsert, "workspaceId">): Promise<void> {
  await db.insert(brollCache).values({ ...v, workspaceId }).onConflictDoNothing();
}

/** Whether a template (the workspace's own or a built-in one) carries the brand kit; true when unknown. */
export async function templateUsesBrand(db: DbOrTx, workspaceId: string, templateId: string | null): Promise<boolean> {
  if (!templateId) return true;
  const [row] = await db
    .select({ useBrand: videoTemplates.useBrand })
    .from(videoTemplates)
    .where(and(eq(videoTemplates.id, templateId), or(eq(videoTemplates.workspaceId, workspaceId), isNull(videoTemplates.workspaceId))));
  return row?.useBrand ?? true;
}
