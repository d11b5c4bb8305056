/**
 * Workspace members and invitations. An invite is accepted only through the one-time link
 * mailed to the invited address (which proves control of it), by a signed-in user with that
 * address; signing up with an invited address grants nothing by itself. Owners and admins
 * manage members; only an owner touches owners, and a workspace always keeps one owner.
 */
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { users, type Role } from "@/db/schema";
import { findUserByEmail, listMembers, listPendingInvites } from "@/db/queries/accounts";
import {
  addMemberIfAbsent,
  countOwners,
  deleteInvite,
  deleteMember,
  findInviteWithWorkspace,
  findMember,
  findPendingInvite,
  lockOwners,
  markInviteAccepted,
  setMemberRole,
  upsertInvite,
} from "@/db/queries/members";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { emailSchema } from "@/lib/auth/validation";
import { findLiveMailToken, issueMailToken, retireInviteTokens, useMailToken } from "@/lib/auth/mail-tokens";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";

export const inviteInput = z.object({ email: emailSchema, role: z.enum(["admin", "member"], { error: "Pick a role: member or admin." }).default("member") });
export const roleInput = z.object({ role: z.enum(["owner", "admin", "member"], { error: "Pick a role: owner, admin or member." }) });
const uuid = z.string().uuid("Unknown member or invite.");

export interface InviteSent {
  status: "invited";
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

async function mailInvite(ctx: AuthContext, invite: { id: string; email: string; role: Role }): Promise<Date> {
  const db = getDb();
  await retireInviteTokens(db, invite.id);
  const { token, expiresAt } = await issueMailToken(db, { purpose: "invite", email: invite.email, inviteId: invite.id });
  await sendMail({
    to: invite.email,
    subject: `${ctx.user.name} invited you to ${ctx.workspace.name} on Avatar Video Studio`,
    text: [
      `${ctx.user.name} (${ctx.user.email}) invited you to join the workspace "${ctx.workspace.name}" as ${invite.role === "admin" ? "an admin" : "a member"}.`,
      "",
      "Accept the invitation here (valid for 7 days):",
      `${appUrl()}/invite/${token}`,
      "",
      "If you were not expecting this, ignore this mail; nothing happens until the link is used.",
    ].join("\n"),
  });
  return expiresAt;
}

/** Records (or renews) the invite and mails a fresh link; nobody is added until it is used. */
export async function inviteMember(ctx: AuthContext, input: unknown): Promise<InviteSent> {
  requireRole(ctx, ["owner", "admin"]);
  const { email, role } = inviteInput.parse(input);
  const db = getDb();
  const existing = await findUserByEmail(db, email);
  if (existing && (await findMember(db, ctx.workspace.id, existing.id))) {
    throw new AppError("conflict", `${email} is already a member of ${ctx.workspace.name}; change their role in the list instead.`);
  }
  const invite = await upsertInvite(db, ctx.workspace.id, { email, role, invitedBy: ctx.user.id });
  const expiresAt = await mailInvite(ctx, invite);
  return { status: "invited", id: invite.id, email, role, expiresAt };
}

export async function resendInvite(ctx: AuthContext, inviteId: string): Promise<InviteSent> {
  requireRole(ctx, ["owner", "admin"]);
  const id = uuid.safeParse(inviteId);
  const invite = id.success ? await findPendingInvite(getDb(), ctx.workspace.id, id.data) : null;
  if (!invite) throw new AppError("not_found", "Invite not found; it may have been accepted or revoked.");
  const expiresAt = await mailInvite(ctx, invite);
  return { status: "invited", id: invite.id, email: invite.email, role: invite.role, expiresAt };
}

/** Deletes the invite; its links stop working (their rows go with it). */
export async function revokeInvite(ctx: AuthContext, inviteId: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  const id = uuid.safeParse(inviteId);
  if (!id.success || !(await deleteInvite(getDb(), ctx.workspace.id, id.data))) {
    throw new AppError("not_found", "Invite not found; it may have been accepted or revoked already.");
  }
}

/** What the invite page shows before accepting; the token is not used up. */
export async function previewInvite(token: string) {
  const db = getDb();
  const t = await findLiveMailToken(db, "invite", token);
  const row = t.inviteId ? await findInviteWithWorkspace(db, t.inviteId) : null;
  if (!row || row.invite.acceptedAt || row.invite.email !== t.email) throw new AppError("gone", "This invitation is no longer valid. Ask the workspace admin to resend it.");
  const account = await findUserByEmail(db, t.email);
  return { email: t.email, role: row.invite.role, workspaceName: row.workspaceName, inviterName: row.inviterName, hasAccount: !!account };
}

/**
 * Accepts the invite for the signed-in user. The link proves control of the invited address,
 * and the user must be that address: a token forwarded to someone else does not let them in.
 */
export async function acceptInvite(userId: string, token: string): Promise<{ workspaceId: string; role: Role }> {
  const db = getDb();
  const t = await findLiveMailToken(db, "invite", token);
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError("unauthorized", "Sign in to accept the invitation.");
  if (user.email !== t.email) {
    throw new AppError("forbidden", `This invitation was sent to ${t.email}. Sign in with that address to accept it.`);
  }
  const row = t.inviteId ? await findInviteWithWorkspace(db, t.inviteId) : null;
  if (!row || row.invite.acceptedAt || row.invite.email !== t.email) throw new AppError("gone", "This invitation is no longer valid. Ask the workspace admin to resend it.");
  const invite = row.invite;
  return db.transaction(async (tx) => {
    if (!(await useMailToken(tx, t.id))) throw new AppError("gone", "This invitation was already used.");
    if (!(await markInviteAccepted(tx, invite.workspaceId, invite.id, new Date()))) throw new AppError("gone", "This invitation was already accepted.");
    await addMemberIfAbsent(tx, invite.workspaceId, user.id, invite.role);
    // Following the mailed link proves the address: mark it verified if it was not yet.
    if (!user.emailVerified) await tx.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
    return { workspaceId: invite.workspaceId, role: invite.role };
  });
}

export async function changeMemberRole(ctx: AuthContext, userId: string, input: unknown): Promise<{ userId: string; role: Role }> {
  requireRole(ctx, ["owner", "admin"]);
  const { role } = roleInput.parse(input);
  const id = uuid.safeParse(userId);
  if (!id.success) throw new AppError("not_found", "Member not found.");
  return getDb().transaction(async (tx) => {
    await lockOwners(tx, ctx.workspace.id);
    const m = await findMember(tx, ctx.workspace.id, id.data);
    if (!m) throw new AppError("not_found", "Member not found.");
    if ((m.role === "owner" || role === "owner") && ctx.role !== "owner") {
      throw new AppError("forbidden", "Only an owner can make someone an owner or change an owner's role.");
    }
    if (m.role === "owner" && role !== "owner" && (await countOwners(tx, ctx.workspace.id)) <= 1) {
      throw new AppError("conflict", "A workspace needs at least one owner: make someone else an owner first.");
    }
    await setMemberRole(tx, ctx.workspace.id, m.userId, role);
    return { userId: m.userId, role };
  });
}

export async function removeMember(ctx: AuthContext, userId: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  const id = uuid.safeParse(userId);
  if (!id.success) throw new AppError("not_found", "Member not found.");
  await getDb().transaction(async (tx) => {
    await lockOwners(tx, ctx.workspace.id);
    const m = await findMember(tx, ctx.workspace.id, id.data);
    if (!m) throw new AppError("not_found", "Member not found.");
    if (m.role === "owner" && ctx.role !== "owner") throw new AppError("forbidden", "Only an owner can remove an owner.");
    if (m.role === "owner" && (await countOwners(tx, ctx.workspace.id)) <= 1) {
      throw new AppError("conflict", "A workspace needs at least one owner: make someone else an owner before removing this one.");
    }
    await deleteMember(tx, ctx.workspace.id, m.userId);
  });
}

export async function membersOf(ctx: AuthContext) {
  const db = getDb();
  return { members: await listMembers(db, ctx.workspace.id), invites: await listPendingInvites(db, ctx.workspace.id) };
}
