/** API keys from the settings page: admins create (the key is returned once) and revoke. */
import { z } from "zod";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

const nameSchema = z.object({ name: z.string().trim().min(1, "Give the key a name, like “Zapier” or “CI”.").max(100, "Use at most 100 characters for the name.") });

export async function createWorkspaceApiKey(ctx: AuthContext, input: unknown) {
  requireRole(ctx, ["owner", "admin"]);
  const { name } = nameSchema.parse(input);
  return createApiKey(ctx.workspace.id, ctx.user.id, name);
}

export async function revokeWorkspaceApiKey(ctx: AuthContext, id: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  if (!/^[0-9a-f-]{36}$/i.test(id) || !(await revokeApiKey(ctx.workspace.id, id))) throw new AppError("not_found", "API key not found.");
}
