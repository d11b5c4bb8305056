/**
 * Video templates a workspace owns (issue 14). Every query takes workspaceId first
 * (ARCHITECTURE §3.1) and touches only that workspace's rows: the built-in templates
 * (workspace_id null) are read-only, so no write here can reach them.
 */
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { videoTemplates } from "../schema";

export type TemplateRow = typeof videoTemplates.$inferSelect;
export type TemplateInsert = Omit<typeof videoTemplates.$inferInsert, "id" | "workspaceId" | "createdAt">;

export async function insertTemplate(db: DbOrTx, workspaceId: string, values: TemplateInsert): Promise<TemplateRow> {
  const [row] = await db.insert(videoTemplates).values({ ...values, workspaceId }).returning();
  return row;
}

/** Any template with this id, with whose it is, so a built-in can be refused by name. */
export async function findTemplateById(db: DbOrTx, workspaceId: string, id: string): Promise<TemplateRow | null> {
  const [row] = await db.select().from(videoTemplates).where(eq(videoTemplates.id, id));
  // Another workspace's template is invisible (404), exactly like a missing one.
  if (!row || (row.workspaceId !== null && row.workspaceId !== workspaceId)) return null;
  return row;
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
