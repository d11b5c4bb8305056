/**
 * Settings forms use THE action result (lib/http/action-result.ts); failures also carry
 * `errors` (field → message, full dotted paths, or `{ form }`), which these forms read.
 */
import type { ZodError } from "zod";
import { fieldFailure, runAction, type ActionResult, type FieldErrors } from "@/lib/http/action-result";

export { fieldFailure };

export type { ActionResult, FieldErrors };

export function fieldErrorsFromZod(err: ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const i of err.issues) {
    const key = prefix + (i.path.length ? i.path.map(String).join(".") : "form");
    out[key] ??= i.message;
  }
  return out;
}

/** Runs a settings mutation; errors a user can act on become form errors, others are logged. */
export function toActionResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  return runAction(fn, { topLevelFields: false, log: "settings action failed" });
}
