/**
 * The server-action side of the front door: the same caller resolution (session → { user,
 * workspace, role }), the same role rule and the same error mapping as `defineRoute`, returning
 * the one action result type. Server actions call the same service functions the routes call.
 */
import type { Role } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { AppError, isAppError } from "@/lib/errors";
import { describeActionError } from "./action-error";
import { mapDbError } from "./db-errors";
import { isZodError } from "./respond";

export type ActionError = { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
/** THE result of a server action: data, or an error in plain words (per field where it has one). */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Runs `fn` and turns what it throws into an ActionError (database errors mapped as in routes). */
export async function runAction<T>(fn: () => Promise<T>, opts: { topLevelFields?: boolean } = {}): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    // Zod and AppErrors keep their field details; a database error becomes its AppError.
    const f = describeActionError(isZodError(err) || isAppError(err) ? err : (mapDbError(err) ?? err), { topLevelFields: opts.topLevelFields ?? true });
    return {
      ok: false,
      error: { code: f.code, message: f.message, ...(Object.keys(f.fields).length ? { fields: f.fields } : {}), ...(f.details ? { details: f.details } : {}) },
    };
  }
}

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
