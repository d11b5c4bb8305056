/**
 * Metrics back: for each published post, the platform's own numbers (views, likes, comments,
 * shares, watch time where offered) appended as a time series sample. Run every 6 h.
 */
import { getDb } from "@/db/client";
import { insertMetrics, listPostsForMetrics, workspacesWithPublishedPosts } from "@/db/queries/publishing";
import { logger } from "@/lib/logger";
import { platformConfig } from "./config";
import { accessTokenFor } from "./accounts";
import { clientFor } from "./clients";
import { isPlatformError } from "./errors";

export async function pullWorkspaceMetrics(workspaceId: string, now = new Date()): Promise<{ samples: number; errors: string[] }> {
  const db = getDb();
  const posts = await listPostsForMetrics(db, workspaceId);
  const byAccount = new Map<string, typeof posts>();
  for (const p of posts) byAccount.set(p.accountId, [...(byAccount.get(p.accountId) ?? []), p]);
  let samples = 0;
  const errors: string[] = [];
  for (const [accountId, list] of byAccount) {
    const platform = list[0].platform;
    if (!platformConfig(platform)) continue;
    try {
      const { token, account } = await accessTokenFor(workspaceId, accountId, now);
      const m = await clientFor(platform, () => now).metrics(token, account.externalAccountId, list.map((p) => p.platformPostId!));
      const rows = list.flatMap((p) => {
        const s = m.get(p.platformPostId!);
        return s ? [{ postId: p.id, ...s, capturedAt: now }] : [];
      });
      await insertMetrics(db, workspaceId, rows);
      samples += rows.length;
    } catch (err) {
      // One account's failure (expired token, rate limit) must not stop the others.
      errors.push(isPlatformError(err) ? err.message : (err as Error).message);
      logger.warn({ err, accountId }, "metrics pull failed");
    }
  }
  return { samples, errors };
}

export async function pullAllMetrics(now = new Date()): Promise<number> {
  let n = 0;
  for (const ws of await workspacesWithPublishedPosts(getDb())) n += (await pullWorkspaceMetrics(ws, now)).samples;
  return n;
}
