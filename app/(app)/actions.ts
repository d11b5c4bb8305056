"use server";
import { cookies } from "next/headers";
import { requireContext } from "@/lib/auth/session";
import { contextForUser, WORKSPACE_COOKIE } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

export async function switchWorkspaceAction(workspaceId: string): Promise<void> {
  const ctx = await requireContext();
  const target = await contextForUser(ctx.user.id, workspaceId);
  if (!target || target.workspace.id !== workspaceId) throw new AppError("not_found", "Workspace not found.");
  (await cookies()).set(WORKSPACE_COOKIE, workspaceId, { httpOnly: true, sameSite: "lax", path: "/", maxAge: 365 * 24 * 3600 });
}
