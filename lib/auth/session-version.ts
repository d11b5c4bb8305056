/**
 * Sessions are stateless JWTs, so "sign out everywhere" is a per-user counter: each session
 * records the counter at sign-in, and the tenancy guard (contextForUser) refuses a session
 * whose number is no longer current. A password reset increments it.
 */
import { eq, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { users } from "@/db/schema";

export async function sessionVersionOf(userId: string, db: DbOrTx = getDb()): Promise<number> {
  const [row] = await db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.v ?? 0;
}

/** Ends every session of the user issued so far (one statement: concurrent bumps both count). */
export async function endAllSessions(db: DbOrTx, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
