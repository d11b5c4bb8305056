import { getDb } from "@/db/client";
import { findMembership, listMembers, listPendingInvites, findUserByEmail, upsertMember } from "@/db/queries/accounts";
import { workspaceInvites, type Role } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { emailSchema } from "@/lib/auth/validation";
import { z } from "zod";

/** A workspace the caller belongs to, or 404 (never "forbidden": that would confirm it exists). */
export async function getWorkspaceForMember(ctx: AuthContext, workspaceId: string) {
  const m = /^[0-9a-f-]{36}$/i.test(workspaceId) ? await findMembership(getDb(), ctx.user.id, workspaceId) : null;
  if (!m) throw new AppError("not_found", "Workspace not found.");
  const members = await listMembers(getDb(), workspaceId);
  return { ...m.workspace, role: m.role, members };
}

export const inviteSchema = z.object({ email: emailSchema, role: z.enum(["admin", "member"]).default("member") });

/** Adds an existing user at once, or records an invite they accept by signing up. */
export async function inviteMember(ctx: AuthContext, input: unknown): Promise<{ status: "added" | "invited"; email: string; role: Role }> {
  requireRole(ctx, ["owner", "admin"]);
  const { email, role } = inviteSchema.parse(input);
  const db = getDb();
  const user = await findUserByEmail(db, email);
  if (user) {
    await upsertMember(db, ctx.workspace.id, user.id, role);
    return { status: "added", email, role };
  }
  await db
    .insert(workspaceInvites)
    .values({ workspaceId: ctx.workspace.id, email, role, invitedBy: ctx.user.id })
    .onConflictDoUpdate({ target: [workspaceInvites.workspaceId, workspaceInvites.email], set: { role } });
  return { status: "invited", email, role };
}

export async function membersOf(ctx: AuthContext) {
  const db = getDb();
  return { members: await listMembers(db, ctx.workspace.id), invites: await listPendingInvites(db, ctx.workspace.id) };
}
