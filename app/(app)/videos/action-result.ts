/** The shape every server action of the video pages returns: data, or an error in plain words. */
import { describeActionError } from "@/lib/http/action-error";

export type ActionError = { code: string; message: string; fields?: Record<string, string>; details?: Record<string, unknown> };
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export async function runAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn() };
  } catch (err) {
    const f = describeActionError(err, { topLevelFields: true });
    return { ok: false, error: { code: f.code, message: f.message, ...(Object.keys(f.fields).length ? { fields: f.fields } : {}), ...(f.details ? { details: f.details } : {}) } };
  }
}
