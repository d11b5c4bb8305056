/**
 * What a settings server action hands back to its form: either the saved value or messages
 * keyed by field, so each error shows beside the field it is about.
 */
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type FieldErrors = Record<string, string>;
export type ActionResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function fieldErrorsFromZod(err: ZodError, prefix = ""): FieldErrors {
  const out: FieldErrors = {};
  for (const i of err.issues) {
    const key = prefix + (i.path.length ? i.path.map(String).join(".") : "form");
    out[key] ??= i.message;
  }
  return out;
}

/** Runs a mutation and turns the errors a user can act on into form errors; others are logged. */
export async function toActionResult<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ZodError) return { ok: false, errors: fieldErrorsFromZod(err) };
    if (isAppError(err)) {
      const field = typeof err.details?.field === "string" ? err.details.field : "form";
      return { ok: false, errors: { [field]: err.message } };
    }
    logger.error({ err }, "settings action failed");
    return { ok: false, errors: { form: "Something went wrong on our side. Try again; if it persists, check the server log." } };
  }
}
