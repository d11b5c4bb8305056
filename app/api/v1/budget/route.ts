import { z } from "zod";
import { authedRoute, readJson } from "@/lib/http/route";
import { budgetStatus, updateCaps } from "@/lib/budget";
import { getDb } from "@/db/client";
import { requireRole } from "@/lib/auth/context";

const caps = z.object({
  perVideoCents: z.number().int().min(0).nullable(),
  dailyCents: z.number().int().min(0).nullable(),
  monthlyCents: z.number().int().min(0).nullable(),
});

export const GET = authedRoute(async (_req, ctx) => budgetStatus(getDb(), ctx.workspace.id));

export const PUT = authedRoute(async (req, ctx) => {
  requireRole(ctx, ["owner", "admin"]);
  await updateCaps(ctx.workspace.id, caps.parse(await readJson(req)));
  return budgetStatus(getDb(), ctx.workspace.id);
});
