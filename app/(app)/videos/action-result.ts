/** The video pages' server actions use the one action result type of lib/http/action. */
export { runAction, type ActionError, type ActionResult } from "@/lib/http/action";
