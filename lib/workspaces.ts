import { getDb } from "@/db/client";
import { findMembership, listMembers } from "@/db/queries/accounts";
import { AppError } from "@/lib/errors";
import type { AuthContext } from "@/lib/auth/context";

/** A workspace the caller belongs to, or 404 (never "forbidden": that would confirm it exists). */
export async function getWorkspaceForMember(ctx: AuthContext, workspaceId: string) {
  const m = /^[0-9a-f-]{36}$/i.test(workspaceId) ? await findMembership(getDb(), ctx.user.id, workspaceId) : null;
  if (!m) throw new AppError("not_found", "Workspace not found.");
  const members = await listMembers(getDb(), workspaceId);
  return { ...m.workspace, role: m.role, members };
}

/**
 * Invites go through lib/settings/members: a mailed one-time link, accepted only by the
 * invited address (issue 10 #5). Re-exported here for the routes that import it from here.
 */
export { inviteInput as inviteSchema, inviteMember, membersOf } from "@/lib/settings/members";
