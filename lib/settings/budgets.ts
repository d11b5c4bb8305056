/** Budget caps as the settings form sends them (dollar strings) → integer cents → lib/budget. */
import { getDb } from "@/db/client";
import { budgetStatus, updateCaps, type BudgetStatus } from "@/lib/budget";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { parseDollarsToCents } from "./money";
import type { ActionResult, FieldErrors } from "./result";

export interface BudgetForm {
  perVideo: string;
  daily: string;
  monthly: string;
}

export async function saveBudgetForm(ctx: AuthContext, form: BudgetForm): Promise<ActionResult<BudgetStatus>> {
  requireRole(ctx, ["owner", "admin"]);
  const errors: FieldErrors = {};
  const caps = { perVideoCents: null as number | null, dailyCents: null as number | null, monthlyCents: null as number | null };
  for (const [field, key] of [["perVideo", "perVideoCents"], ["daily", "dailyCents"], ["monthly", "monthlyCents"]] as const) {
    const r = parseDollarsToCents(form[field]);
    if (r.ok) caps[key] = r.cents;
    else errors[field] = r.error;
  }
  if (caps.dailyCents != null && caps.monthlyCents != null && caps.dailyCents > caps.monthlyCents) {
    errors.daily ??= "The daily cap is above the monthly cap; lower it or raise the monthly cap.";
  }
  if (caps.perVideoCents != null && caps.dailyCents != null && caps.perVideoCents > caps.dailyCents) {
    errors.perVideo ??= "The per-video cap is above the daily cap, so it would never apply; lower it.";
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  await updateCaps(ctx.workspace.id, caps);
  return { ok: true, data: await budgetStatus(getDb(), ctx.workspace.id) };
}
