/** The video pages' server actions use THE action result type (lib/http/action-result.ts). */
export { runAction, type ActionError, type ActionResult } from "@/lib/http/action-result";
