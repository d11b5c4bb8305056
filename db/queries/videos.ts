import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { videoGenerations } from "../schema";

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
