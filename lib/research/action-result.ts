/**
 * Research and campaign actions use THE action result (lib/http/action-result.ts); failures
 * also carry `message` and `fieldErrors` (full dotted paths), which these forms read.
 */
import { runAction, type ActionResult } from "@/lib/http/action-result";

export type { ActionResult };

export function asAction<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  return runAction(fn, { topLevelFields: false, validationMessage: "Some fields need attention." });
}
