/**
 * API keys, for the settings page and POST/DELETE /api/v1/api-keys alike: owners and admins
 * create (the key is returned once) and revoke; only a signed-in session may mint a key.
 */
import { z } from "zod";
import { assertMayMintApiKeys, createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/http/schemas";

export const apiKeyNameSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name, like “Zapier” or “CI”.")
    .max(100, "Use at most 100 characters for the name.")
    .refine((s) => !s.includes("\u0000"), "The name may not contain NUL characters."),
});

export async function createWorkspaceApiKey(ctx: AuthContext, input: unknown) {
  requireRole(ctx, ["owner", "admin"]);
  assertMayMintApiKeys(ctx);
  const { name } = apiKeyNameSchema.parse(input);
  return createApiKey(ctx.workspace.id, ctx.user.id, name);
}

export async function revokeWorkspaceApiKey(ctx: AuthContext, id: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  if (!isUuid(id) || !(await revokeApiKey(ctx.workspace.id, id))) throw new AppError("not_found", "API key not found.");
}
