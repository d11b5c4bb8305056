/** Avatar profiles and templates as a workspace sees them (tier-gated by its plan). */
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles, type Plan } from "@/db/schema";
import { findVisibleTemplate, listVisibleTemplates } from "@/db/queries/templates";
import { AppError } from "@/lib/errors";

const RANK: Record<Plan, number> = { free: 0, pro: 1, enterprise: 2 };
const PLAN_LABEL: Record<Plan, string> = { free: "Free", pro: "Pro", enterprise: "Enterprise" };

export function planAllows(plan: Plan, tier: Plan): boolean {
  return RANK[plan] >= RANK[tier];
}

/** Built-in presenters, plus (with a workspace id) those imported from that workspace's provider accounts. */
function visibleTo(workspaceId: string | undefined) {
  return workspaceId ? or(isNull(avatarProfiles.workspaceId), eq(avatarProfiles.workspaceId, workspaceId)) : isNull(avatarProfiles.workspaceId);
}

export async function listAvatars(plan: Plan, workspaceId?: string) {
  const rows = await getDb()
    .select()
    .from(avatarProfiles)
    .where(and(eq(avatarProfiles.active, true), visibleTo(workspaceId)))
    .orderBy(asc(avatarProfiles.sortOrder), asc(avatarProfiles.name));
  return rows.map((a) => ({ ...a, locked: !planAllows(plan, a.tier) }));
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/**
 * By id or slug; refuses a profile above the plan with the plan it needs. Imported presenters
 * resolve only for their own workspace (without a workspace id, only built-ins do).
 */
export async function resolveAvatar(idOrSlug: string, plan: Plan, workspaceId?: string) {
  const [a] = await getDb()
    .select()
    .from(avatarProfiles)
    .where(
      and(
        eq(avatarProfiles.active, true),
        visibleTo(workspaceId),
        isUuid(idOrSlug) ? eq(avatarProfiles.id, idOrSlug) : eq(avatarProfiles.slug, idOrSlug.toLowerCase()),
      ),
    );
  if (!a) throw new AppError("bad_request", `Unknown presenter "${idOrSlug}". Pick one from the carousel or GET /api/v1/avatars.`);
  if (!planAllows(plan, a.tier)) {
    throw new AppError("forbidden", `${a.name} is a ${PLAN_LABEL[a.tier]} presenter and your workspace is on the ${PLAN_LABEL[plan]} plan. Upgrade to ${PLAN_LABEL[a.tier]} or pick another presenter.`, {
      requiredPlan: a.tier,
    });
  }
  return a;
}

/** The templates a workspace may use (db/queries/templates.ts owns the query). */
export async function listTemplates(workspaceId: string) {
  return listVisibleTemplates(getDb(), workspaceId);
}

/** A template the workspace may use, by id or slug, or a 400 saying where to find them. */
export async function resolveTemplate(workspaceId: string, idOrSlug: string) {
  const t = await findVisibleTemplate(getDb(), workspaceId, idOrSlug);
  if (!t) throw new AppError("bad_request", `Unknown template "${idOrSlug}". GET /api/v1/templates lists them.`);
  return t;
}
