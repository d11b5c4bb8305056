/** The shape every server action of the video pages returns: data, or an error in plain words. */
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type ActionError = { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Runs `fn`; AppErrors and validation errors come back as data (production hides thrown messages). */
export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ZodError) {
      const fields: Record<string, string> = {};
      for (const i of err.issues) {
        const k = String(i.path[0] ?? "form");
        fields[k] ??= i.message;
      }
      return { ok: false, error: { code: "bad_request", message: err.issues[0]?.message ?? "Check the form.", fields } };
    }
    if (isAppError(err)) return { ok: false, error: { code: err.code, message: err.message, details: err.details } };
    logger.error({ err }, "server action failed");
    return { ok: false, error: { code: "internal", message: "Something went wrong on our side. Try again in a moment." } };
  }
}
