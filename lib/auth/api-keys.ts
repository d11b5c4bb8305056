import { createHash, randomBytes } from "node:crypto";
import { and, eq, desc } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "./context";

/**
 * Keys are minted by people, not by keys: a key that could mint keys would let whoever leaked
 * it keep access after it is revoked (issue 10).
 */
export function assertMayMintApiKeys(ctx: Pick<AuthContext, "via">): void {
  if (ctx.via !== "session") {
    throw new AppError("forbidden", "API keys cannot create API keys. Sign in to the dashboard and create one under Settings → API keys.");
  }
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Returns the full key once; only its hash is stored. */
export async function createApiKey(workspaceId: string, userId: string, name: string) {
  const key = `avs_${randomBytes(24).toString("base64url")}`;
  const [row] = await getDb()
    .insert(apiKeys)
    .values({ workspaceId, userId, name: name.trim() || "API key", prefix: key.slice(0, 10), hash: hashApiKey(key) })
    .returning({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, createdAt: apiKeys.createdAt });
  return { ...row, key };
}

export async function listApiKeys(workspaceId: string) {
  return getDb()
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, lastUsedAt: apiKeys.lastUsedAt, revokedAt: apiKeys.revokedAt, createdAt: apiKeys.createdAt })
    .from(apiKeys)
    .where(eq(apiKeys.workspaceId, workspaceId))
    .orderBy(desc(apiKeys.createdAt));
}

export async function revokeApiKey(workspaceId: string, id: string): Promise<boolean> {
  const rows = await getDb()
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.workspaceId, workspaceId), eq(apiKeys.id, id)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}
