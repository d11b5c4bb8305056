/** What server actions of research and campaigns return: data, or errors in plain words per field. */
import { ZodError } from "zod";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function asAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    if (err instanceof ZodError) {
      const fieldErrors: Record<string, string> = {};
      for (const i of err.issues) {
        const key = i.path.join(".") || "form";
        fieldErrors[key] ??= i.message;
      }
      return { ok: false, message: "Some fields need attention.", fieldErrors };
    }
    if (isAppError(err)) {
      const field = typeof err.details?.field === "string" ? err.details.field : null;
      return { ok: false, message: err.message, fieldErrors: field ? { [field]: err.message } : {} };
    }
    logger.error({ err }, "action failed");
    return { ok: false, message: "Something went wrong on our side. Try again; if it persists, check the server log.", fieldErrors: {} };
  }
}
