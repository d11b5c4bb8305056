/** What server actions of research and campaigns return: data, or errors in plain words per field. */
import { ZodError } from "zod";
import { describeActionError } from "@/lib/http/action-error";

export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: Record<string, string> };

export async function asAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    const f = describeActionError(err);
    return { ok: false, message: err instanceof ZodError ? "Some fields need attention." : f.message, fieldErrors: f.fields };
  }
}
