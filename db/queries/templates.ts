/**
 * Video templates a workspace owns (issue 14). Every query takes workspaceId first
 * (ARCHITECTURE §3.1) and touches only that workspace's rows: the built-in templates
 * (workspace_id null) are read-only, so no write here can reach them.
 */
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { videoTemplates } from "../schema";

export type TemplateRow = typeof videoTemplates.$inferSelect;
export type TemplateInsert = Omit<typeof videoTemplates.$inferInsert, "id" | "workspaceId" | "createdAt">;

export async function insertTemplate(db: DbOrTx, workspaceId: string, values: TemplateInsert): Promise<TemplateRow> {
  const [row] = await db.insert(videoTemplates).values({ ...values, workspaceId }).returning();
  return row;
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** What a workspace sees: the built-ins (workspace_id null) and its own; never another workspace's. */
const visibleTo = (workspaceId: string) => or(isNull(videoTemplates.workspaceId), eq(videoTemplates.workspaceId, workspaceId));

/**
 * THE template lookup (create, estimate, batches, campaigns, the templates API): a built-in or
 * the workspace's own, by id or slug, with whose it is (workspaceId null = built-in), so a
 * caller can refuse a built-in by name. Another workspace's template is null, like a missing one.
 */
export async function findVisibleTemplate(db: DbOrTx, workspaceId: string, idOrSlug: string): Promise<TemplateRow | null> {
  const [row] = await db
    .select()
    .from(videoTemplates)
    .where(and(visibleTo(workspaceId), isUuid(idOrSlug) ? eq(videoTemplates.id, idOrSlug) : eq(videoTemplates.slug, idOrSlug)))
    // A workspace's own template wins over a built-in of the same slug.
    .orderBy(sql`${videoTemplates.workspaceId} is null`)
    .limit(1);
  return row ?? null;
}

/** The built-ins and the workspace's own, oldest first. */
export async function listVisibleTemplates(db: DbOrTx, workspaceId: string): Promise<TemplateRow[]> {
  return db.select().from(videoTemplates).where(visibleTo(workspaceId)).orderBy(asc(videoTemplates.createdAt));
}

export async function updateOwnTemplate(db: DbOrTx, workspaceId: string, id: string, patch: Partial<TemplateInsert>): Promise<TemplateRow | null> {
  const [row] = await db
    .update(videoTemplates)
    .set(patch)
    .where(and(eq(videoTemplates.workspaceId, workspaceId), eq(videoTemplates.id, id)))
    .returning();
  return row ?? null;
}

export async function deleteOwnTemplate(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  const rows = await db
    .delete(videoTemplates)
    .where(and(eq(videoTemplates.workspaceId, workspaceId), eq(videoTemplates.id, id)))
    .returning({ id: videoTemplates.id });
  return rows.length > 0;
}
