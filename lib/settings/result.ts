/**
 * What a settings server action hands back to its form: either the saved value or messages
 * keyed by field, so each error shows beside the field it is about.
 */
import { ZodError } from "zod";
import { describeActionError } from "@/lib/http/action-error";

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
    const f = describeActionError(err, { log: "settings action failed" });
    return { ok: false, errors: Object.keys(f.fields).length ? f.fields : { form: f.message } };
  }
}
