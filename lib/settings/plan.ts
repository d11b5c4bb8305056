/**
 * The Plan page's facts: the workspace's tier, what each tier unlocks, and usage against the
 * workspace's own caps. There is no payment integration: an operator changes a workspace's tier
 * in the database (the page shows the exact command), and everything else reads `workspaces.plan`.
 */
import { and, count, eq, gte } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations, type Plan } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { budgetStatus } from "@/lib/budget";
import { periodStarts } from "@/lib/budget/periods";
import { listAvatars, planAllows } from "@/lib/videos/catalog";

export const PLANS: { id: Plan; label: string; summary: string }[] = [
  { id: "free", label: "Free", summary: "Everything in the studio: local rendering, your own provider keys, research, campaigns, the API." },
  { id: "pro", label: "Pro", summary: "Everything in Free, plus the Pro presenters." },
  { id: "enterprise", label: "Enterprise", summary: "Everything in Pro, plus the Enterprise presenters." },
];

/** Features every tier has: only presenters are tier-gated today (lib/videos/catalog). */
export const EVERY_PLAN = [
  "Local studio rendering (no key needed) and HeyGen, Kling, Pika, Runway with your own keys",
  "Budgets with per-video, daily and monthly caps",
  "Research, campaigns and trend scans",
  "REST API, webhooks, share links and analytics",
];

export async function planOverview(ctx: AuthContext, now = new Date()) {
  const ws = ctx.workspace;
  const avatars = await listAvatars(ws.plan, ws.id);
  const tiers = PLANS.map((p) => ({
    ...p,
    current: p.id === ws.plan,
    included: planAllows(ws.plan, p.id),
    // Presenters first unlocked at exactly this tier (built-ins; imported ones follow their own tier).
    presenters: avatars.filter((a) => a.tier === p.id && !a.workspaceId).map((a) => a.name),
  }));
  const status = await budgetStatus(getDb(), ws.id, now);
  const { monthStart } = periodStarts(now, ws.timezone ?? "UTC");
  const [{ n }] = await getDb()
    .select({ n: count() })
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, ws.id), gte(videoGenerations.createdAt, monthStart)));
  return {
    plan: ws.plan,
    workspaceId: ws.id,
    tiers,
    everyPlan: EVERY_PLAN,
    usage: {
      videosThisMonth: Number(n),
      spentTodayCents: status.spentTodayCents,
      spentMonthCents: status.spentMonthCents,
      dailyCapCents: status.dailyCents,
      monthlyCapCents: status.monthlyCents,
      perVideoCapCents: status.perVideoCents,
    },
    /** For the operator: there is no billing, so the tier is a column. */
    changeCommand: `psql "$DATABASE_URL" -c "update workspaces set plan = 'pro' where id = '${ws.id}'"`,
  };
}
export type PlanOverview = Awaited<ReturnType<typeof planOverview>>;
