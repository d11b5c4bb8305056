/** Budget caps as the settings form sends them (dollar strings) → integer cents → lib/budget. */
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { int32 } from "@/lib/http/schemas";
import { budgetStatus, type BudgetStatus } from "@/lib/budget";
import { updateCapsAndAlert } from "@/lib/budget/cap-change";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { parseDollarsToCents } from "./money";
import { fieldFailure, type ActionResult, type FieldErrors } from "./result";

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
  for (const [k, m] of Object.entries(capsProblems(caps))) errors[k] ??= m;
  if (Object.keys(errors).length) return fieldFailure(errors);
  await updateCapsAndAlert(ctx.workspace.id, caps);
  return { ok: true, data: await budgetStatus(getDb(), ctx.workspace.id) };
}

/** The caps as the API sends them: whole cents that fit an int32 column, or null for "no cap". */
export const budgetCapsSchema = z.object({
  perVideoCents: int32().nullable(),
  dailyCents: int32().nullable(),
  monthlyCents: int32().nullable(),
});
export type BudgetCapsInput = z.infer<typeof budgetCapsSchema>;

/** The one rule on how caps relate, for the settings form and PUT /api/v1/budget alike (field → message). */
export function capsProblems(caps: BudgetCapsInput): FieldErrors {
  const errors: FieldErrors = {};
  if (caps.dailyCents != null && caps.monthlyCents != null && caps.dailyCents > caps.monthlyCents) {
    errors.daily = "The daily cap is above the monthly cap; lower it or raise the monthly cap.";
  }
  if (caps.perVideoCents != null && caps.dailyCents != null && caps.perVideoCents > caps.dailyCents) {
    errors.perVideo = "The per-video cap is above the daily cap, so it would never apply; lower it.";
  }
  return errors;
}

/** PUT /api/v1/budget: same rule as the form, as a 400 naming the field. */
export async function saveBudgetCaps(ctx: AuthContext, input: unknown): Promise<BudgetStatus> {
  requireRole(ctx, ["owner", "admin"]);
  const caps = budgetCapsSchema.parse(input);
  const problems = Object.entries(capsProblems(caps));
  if (problems.length) {
    const [field, message] = problems[0];
    throw new AppError("bad_request", message, { field: `${field}Cents`, issues: problems.map(([f, m]) => ({ path: `body.${f}Cents`, message: m })) });
  }
  await updateCapsAndAlert(ctx.workspace.id, caps);
  return budgetStatus(getDb(), ctx.workspace.id);
}
