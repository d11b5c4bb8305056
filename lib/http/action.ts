/**
 * The server-action side of the front door: the same caller resolution (session → { user,
 * workspace, role }), the same role rule and the same error mapping as `defineRoute`, returning
 * the one action result type. Server actions call the same service functions the routes call.
 */
import type { Role } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { runAction, type ActionResult } from "./action-result";

export { runAction, actionFailure, type ActionError, type ActionResult, type FieldErrors } from "./action-result";

/** `runAction` with the caller resolved from the session and an optional role rule. */
export async function guardedAction<T>(opts: { roles?: Role[]; topLevelFields?: boolean }, fn: (ctx: AuthContext) => Promise<T>): Promise<ActionResult<T>> {
  return runAction(async () => {
    const { requireContext } = await import("@/lib/auth/session");
    const ctx = await requireContext();
    if (opts.roles && !opts.roles.includes(ctx.role)) {
      throw new AppError("forbidden", `This needs the ${opts.roles.join(" or ")} role in ${ctx.workspace.name}; ask an owner.`);
    }
    return fn(ctx);
  }, opts);
}
