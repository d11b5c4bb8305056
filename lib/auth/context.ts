/**
 * THE tenancy guard. Every route, action, socket and page resolves its caller here to
 * { user, workspace, role }; everything below takes `workspace.id` and filters by it.
 */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys } from "@/db/schema";
import { findApiKeyContext, findMembership, findUserById, listMemberships } from "@/db/queries/accounts";
import { AppError } from "@/lib/errors";
import type { Plan, Role } from "@/db/schema";
import { hashApiKey } from "./api-keys";

export interface AuthContext {
  user: { id: string; email: string; name: string };
  workspace: { id: string; name: string; plan: Plan; timezone: string };
  role: Role;
  via: "session" | "api_key";
}

export const WORKSPACE_COOKIE = "avs_ws";

/** Picks the requested workspace if the user belongs to it, else their first one. */
export async function contextForUser(
  userId: string,
  requestedWorkspaceId?: string | null,
  /** From a session cookie: the user's session version when it was issued (absent = 0). */
  session?: { version?: number | null },
): Promise<AuthContext | null> {
  const db = getDb();
  const user = await findUserById(db, userId);
  if (!user) return null;
  // A password reset bumps the version: every session issued before it is signed out.
  if (session && (session.version ?? 0) !== user.sessionVersion) return null;
  let m = requestedWorkspaceId && /^[0-9a-f-]{36}$/i.test(requestedWorkspaceId)
    ? await findMembership(db, userId, requestedWorkspaceId)
    : null;
  if (!m) [m] = await listMemberships(db, userId);
  if (!m) return null;
  return {
    user: { id: user.id, email: user.email, name: user.name },
    workspace: { id: m.workspace.id, name: m.workspace.name, plan: m.workspace.plan, timezone: m.workspace.timezone },
    role: m.role,
    via: "session",
  };
}

/** One query: the key, its user, and that user's current membership of the key's workspace. */
export async function contextForApiKey(key: string): Promise<AuthContext | null> {
  const db = getDb();
  const row = await findApiKeyContext(db, hashApiKey(key));
  if (!row) return null;
  // Best effort: a failed bookkeeping write must not fail the request.
  void db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.keyId)).catch(() => undefined);
  return { user: row.user, workspace: row.workspace, role: row.role, via: "api_key" };
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const m = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return m ? m[1] : null;
}

export function requireRole(ctx: AuthContext, roles: Role[]): void {
  if (!roles.includes(ctx.role)) {
    throw new AppError("forbidden", `This needs the ${roles.join(" or ")} role in ${ctx.workspace.name}; ask an owner.`);
  }
}

export function unauthorized(): AppError {
  return new AppError("unauthorized", "Sign in, or send an API key as `Authorization: Bearer <key>`.");
}
