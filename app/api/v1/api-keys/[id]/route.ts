import { authedRoute } from "@/lib/http/route";
import { revokeApiKey } from "@/lib/auth/api-keys";
import { requireRole } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";

export const DELETE = authedRoute(async (_req, ctx, p) => {
  requireRole(ctx, ["owner", "admin"]);
  if (!(await revokeApiKey(ctx.workspace.id, p.id))) throw new AppError("not_found", "API key not found.");
  return { revoked: true };
});
