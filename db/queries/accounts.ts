import { and, eq, isNull, asc } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users, workspaces, workspaceMembers, workspaceInvites, budgets, apiKeys, type Role } from "../schema";

export async function findUserByEmail(db: DbOrTx, email: string) {
  const [u] = await db.select().from(users).where(eq(users.email, email.toLowerCase())).limit(1);
  return u ?? null;
}

export async function findUserById(db: DbOrTx, id: string) {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u ?? null;
}

export async function listMemberships(db: DbOrTx, userId: string) {
  return db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(eq(workspaceMembers.userId, userId))
    .orderBy(asc(workspaceMembers.createdAt));
}

export async function findMembership(db: DbOrTx, userId: string, workspaceId: string) {
  const [m] = await db
    .select({ workspace: workspaces, role: workspaceMembers.role })
    .from(workspaceMembers)
    .innerJoin(workspaces, eq(workspaces.id, workspaceMembers.workspaceId))
    .where(and(eq(workspaceMembers.userId, userId), eq(workspaceMembers.workspaceId, workspaceId)))
    .limit(1);
  return m ?? null;
}

export async function createWorkspace(db: DbOrTx, input: { name: string; ownerId: string; plan?: "free" | "pro" | "enterprise" }) {
  const [ws] = await db.insert(workspaces).values({ name: input.name, plan: input.plan ?? "free" }).returning();
  await db.insert(workspaceMembers).values({ workspaceId: ws.id, userId: input.ownerId, role: "owner" });
  // A new workspace gets conservative caps so a misconfigured key cannot run up a bill.
  await db.insert(budgets).values({ workspaceId: ws.id, perVideoCents: 500, dailyCents: 2000, monthlyCents: 20000 });
  return ws;
}

export async function listMembers(db: DbOrTx, workspaceId: string) {
  return db
    .select({ userId: users.id, name: users.name, email: users.email, role: workspaceMembers.role, joinedAt: workspaceMembers.createdAt })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(eq(workspaceMembers.workspaceId, workspaceId))
    .orderBy(asc(workspaceMembers.createdAt));
}

/**
 * Pending invites as members may see them: who, which role, since when. Not who invited them,
 * the workspace id or the accepted flag (they add nothing and GET /members is open to every
 * member, not only admins).
 */
export async function listPendingInvites(db: DbOrTx, workspaceId: string) {
  return db
    .select({ id: workspaceInvites.id, email: workspaceInvites.email, role: workspaceInvites.role, createdAt: workspaceInvites.createdAt })
    .from(workspaceInvites)
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), isNull(workspaceInvites.acceptedAt)));
}

export async function upsertMember(db: DbOrTx, workspaceId: string, userId: string, role: Role) {
  await db
    .insert(workspaceMembers)
    .values({ workspaceId, userId, role })
    .onConflictDoUpdate({ target: [workspaceMembers.workspaceId, workspaceMembers.userId], set: { role } });
}

/** A live key with its user and that user's membership of the key's workspace, in one query. */
export async function findApiKeyContext(db: DbOrTx, hash: string) {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      user: { id: users.id, email: users.email, name: users.name },
      workspace: { id: workspaces.id, name: workspaces.name, plan: workspaces.plan, timezone: workspaces.timezone },
      role: workspaceMembers.role,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .innerJoin(workspaceMembers, and(eq(workspaceMembers.userId, apiKeys.userId), eq(workspaceMembers.workspaceId, apiKeys.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, apiKeys.workspaceId))
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row ?? null;
}
