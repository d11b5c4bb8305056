/**
 * How a server action reports a failure to its form: validation problems per field, an
 * AppError's message as written for the user, anything else logged and replaced by a generic
 * sentence (production hides thrown messages from the browser anyway). The action-result
 * helpers of each area shape this for their forms.
 */
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export interface ActionFailure {
  code: string;
  message: string;
  /** Field path (dot-joined, or only the first segment with `topLevelFields`) → message. */
  fields: Record<string, string>;
  details?: Record<string, unknown>;
}

export const GENERIC_FAILURE = "Something went wrong on our side. Try again; if it persists, check the server log.";

export function describeActionError(err: unknown, opts: { topLevelFields?: boolean; log?: string } = {}): ActionFailure {
  if (err instanceof ZodError) {
    const fields: Record<string, string> = {};
    for (const i of err.issues) {
      const key = opts.topLevelFields ? String(i.path[0] ?? "form") : i.path.map(String).join(".") || "form";
      fields[key] ??= i.message;
    }
    return { code: "bad_request", message: err.issues[0]?.message ?? "Some fields need attention.", fields };
  }
  if (isAppError(err)) {
    const field = typeof err.details?.field === "string" ? err.details.field : null;
    return { code: err.code, message: err.message, fields: field ? { [field]: err.message } : {}, details: err.details };
  }
  logger.error({ err }, opts.log ?? "server action failed");
  return { code: "internal", message: GENERIC_FAILURE, fields: {} };
}
