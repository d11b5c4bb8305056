/** Membership and invite queries; each takes workspaceId first (tenancy rule, ARCHITECTURE §3). */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { users, workspaces, workspaceInvites, workspaceMembers, type Role } from "../schema";

export async function findMember(db: DbOrTx, workspaceId: string, userId: string) {
  const [m] = await db
    .select({ userId: workspaceMembers.userId, role: workspaceMembers.role, email: users.email, name: users.name })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .limit(1);
  return m ?? null;
}

export async function countOwners(db: DbOrTx, workspaceId: string): Promise<number> {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.role, "owner")));
  return r.n;
}

/** Locks the workspace's owner rows so two demotions cannot both leave it ownerless. */
export async function lockOwners(db: DbOrTx, workspaceId: string): Promise<void> {
  await db.execute(sql`select 1 from ${workspaceMembers} where ${workspaceMembers.workspaceId} = ${workspaceId} and ${workspaceMembers.role} = 'owner' for update`);
}

export async function setMemberRole(db: DbOrTx, workspaceId: string, userId: string, role: Role): Promise<boolean> {
  const rows = await db
    .update(workspaceMembers)
    .set({ role })
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .returning({ userId: workspaceMembers.userId });
  return rows.length === 1;
}

export async function deleteMember(db: DbOrTx, workspaceId: string, userId: string): Promise<boolean> {
  const rows = await db
    .delete(workspaceMembers)
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), eq(workspaceMembers.userId, userId)))
    .returning({ userId: workspaceMembers.userId });
  return rows.length === 1;
}

/** Adds the user unless already a member; an existing role is never changed by an invite. */
export async function addMemberIfAbsent(db: DbOrTx, workspaceId: string, userId: string, role: Role): Promise<void> {
  await db.insert(workspaceMembers).values({ workspaceId, userId, role }).onConflictDoNothing();
}

export async function upsertInvite(db: DbOrTx, workspaceId: string, input: { email: string; role: Role; invitedBy: string }) {
  const [row] = await db
    .insert(workspaceInvites)
    .values({ workspaceId, email: input.email, role: input.role, invitedBy: input.invitedBy })
    .onConflictDoUpdate({
      target: [workspaceInvites.workspaceId, workspaceInvites.email],
      set: { role: input.role, invitedBy: input.invitedBy, acceptedAt: null, createdAt: new Date() },
    })
    .returning();
  return row;
}

export async function findPendingInvite(db: DbOrTx, workspaceId: string, inviteId: string) {
  const [row] = await db
    .select()
    .from(workspaceInvites)
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), eq(workspaceInvites.id, inviteId), isNull(workspaceInvites.acceptedAt)))
    .limit(1);
  return row ?? null;
}

export async function deleteInvite(db: DbOrTx, workspaceId: string, inviteId: string): Promise<boolean> {
  const rows = await db
    .delete(workspaceInvites)
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), eq(workspaceInvites.id, inviteId)))
    .returning({ id: workspaceInvites.id });
  return rows.length === 1;
}

export async function markInviteAccepted(db: DbOrTx, workspaceId: string, inviteId: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(workspaceInvites)
    .set({ acceptedAt: at })
    .where(and(eq(workspaceInvites.workspaceId, workspaceId), eq(workspaceInvites.id, inviteId), isNull(workspaceInvites.acceptedAt)))
    .returning({ id: workspaceInvites.id });
  return rows.length === 1;
}

/** An invite by id with its workspace's name, for the public invite page (the token names it). */
export async function findInviteWithWorkspace(db: DbOrTx, inviteId: string) {
  const [row] = await db
    .select({ invite: workspaceInvites, workspaceName: workspaces.name, inviterName: users.name })
    .from(workspaceInvites)
    .innerJoin(workspaces, eq(workspaces.id, workspaceInvites.workspaceId))
    .leftJoin(users, eq(users.id, workspaceInvites.invitedBy))
    .where(eq(workspaceInvites.id, inviteId))
    .limit(1);
  return row ?? null;
}
