/** Campaigns run unattended: videos are created on behalf of the workspace owner. */
import { getDb } from "@/db/client";
import { workspaceOwner } from "@/db/queries/campaigns";
import { contextForUser, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

export async function ownerContext(workspaceId: string): Promise<AuthContext> {
  const owner = await workspaceOwner(getDb(), workspaceId);
  const ctx = owner ? await contextForUser(owner.userId, workspaceId) : null;
  if (!ctx || ctx.workspace.id !== workspaceId) {
    throw new AppError("conflict", "This workspace has no owner to run campaigns as; add an owner in Settings → Members.");
  }
  return ctx;
}
