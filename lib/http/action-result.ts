/**
 * THE result of a server action (issue 16: there were three shapes). Success carries `data`;
 * failure carries one `error` — `{ code, message, fields?, details? }` — mapped exactly as a
 * route maps it (AppError, zod issues per field, database errors via db-errors).
 *
 * The failure also mirrors the error in the fields the older forms read, so every form keeps
 * working while it moves to `error`: `errors` (field → message, or `{ form: message }`; was
 * lib/settings/result.ts) and `message` + `fieldErrors` (was lib/research/action-result.ts).
 * New code reads `error` only.
 */
import { isAppError } from "@/lib/errors";
import { describeActionError } from "./action-error";
import { mapDbError } from "./db-errors";
import { isZodError } from "./respond";

export type FieldErrors = Record<string, string>;
export type ActionError = { code: string; message: string; fields?: FieldErrors; details?: Record<string, unknown> };
export type ActionFailed = {
  ok: false;
  error: ActionError;
  /** @deprecated read `error.fields` (or `error.message`): field → message, else `{ form }`. */
  errors: FieldErrors;
  /** @deprecated read `error.message`. */
  message: string;
  /** @deprecated read `error.fields`. */
  fieldErrors: FieldErrors;
};
export type ActionResult<T> = { ok: true; data: T } | ActionFailed;

export interface RunActionOptions {
  /** Field keys: only the first path segment (`script`) rather than the whole path (`rule.field`). Default true. */
  topLevelFields?: boolean;
  /** Log line for unexpected errors. */
  log?: string;
  /** What `message` says when the input failed validation (default: the first issue's message). */
  validationMessage?: string;
}

export function actionFailure(err: unknown, opts: RunActionOptions = {}): ActionFailed {
  // Zod and AppErrors keep their field details; a database error becomes its AppError.
  const known = isZodError(err) || isAppError(err) ? err : (mapDbError(err) ?? err);
  const f = describeActionError(known, { topLevelFields: opts.topLevelFields ?? true, log: opts.log });
  const hasFields = Object.keys(f.fields).length > 0;
  return {
    ok: false,
    error: { code: f.code, message: f.message, ...(hasFields ? { fields: f.fields } : {}), ...(f.details ? { details: f.details } : {}) },
    errors: hasFields ? f.fields : { form: f.message },
    message: isZodError(err) && opts.validationMessage ? opts.validationMessage : f.message,
    fieldErrors: f.fields,
  };
}

/** Runs `fn` and turns what it throws into the one failure shape. */
export async function runAction<T>(fn: () => Promise<T>, opts: RunActionOptions = {}): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    return actionFailure(err, opts);
  }
}

/** A validation failure built by hand (forms that check fields themselves): field → message. */
export function fieldFailure(fields: FieldErrors, message = Object.values(fields)[0] ?? "Some fields need attention."): ActionFailed {
  return { ok: false, error: { code: "bad_request", message, fields }, errors: fields, message, fieldErrors: fields };
}
