import { defineRoute } from "@/lib/http/handler";
import { budgetStatus } from "@/lib/budget";
import { getDb } from "@/db/client";
import { budgetCapsSchema, saveBudgetCaps } from "@/lib/settings/budgets";

export const GET = defineRoute(
  { method: "GET", path: "/budget", tag: "Budget", summary: "Caps and spend (today, this month) in cents" },
  async ({ ctx }) => budgetStatus(getDb(), ctx.workspace.id),
);

export const PUT = defineRoute(
  { method: "PUT", path: "/budget", tag: "Budget", summary: "Set the per-video, daily and monthly caps (cents; null = no cap)", roles: ["owner", "admin"], body: budgetCapsSchema, bodyLimitBytes: 4 * 1024 },
  async ({ ctx, body }) => saveBudgetCaps(ctx, body),
);
