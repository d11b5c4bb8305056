/**
 * Changing caps can cross a threshold without any new spend: lowering a daily cap from $50 to
 * $10 with $8.40 spent is 84 %, and the user expects the 75 % alert then, not at the next video.
 * So a cap change checks the alerts right away and notifies exactly as spending does (realtime
 * toast + `budget.alert` webhook); alerts stay once per period, so raising and lowering again
 * does not repeat them.
 */
import { checkAlerts, updateCaps, type BudgetCaps, type FiredAlert } from "./index";

export async function updateCapsAndAlert(workspaceId: string, caps: BudgetCaps, now = new Date()): Promise<FiredAlert[]> {
  await updateCaps(workspaceId, caps);
  const fired = await checkAlerts(workspaceId, now);
  if (fired.length) {
    // Loaded lazily: lib/budget is imported by the job handlers these modules load.
    const [{ emit }, { deliverEvent }] = await Promise.all([import("@/lib/realtime/emit"), import("@/lib/webhooks")]);
    for (const a of fired) {
      await emit(workspaceId, "budget.alert", a);
      await deliverEvent(workspaceId, "budget.alert", { ...a });
    }
  }
  return fired;
}
