/**
 * Sign-in throttling, per account and per client address, stored in PostgreSQL so every web
 * process shares the counts and restarts do not reset them.
 *
 * Policy: a key may fail FREE times; each further failure locks it for BASE·2^(n−FREE),
 * capped at MAX. Failures are forgotten after FORGET without a new one. The account key is
 * the typed email (known or not), so an unknown address is throttled exactly like a real one
 * and the lock itself reveals nothing. A success clears the account key only: clearing the
 * address key would let an attacker reset it by signing in to an account of their own.
 */
import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { signInThrottle } from "@/db/schema";

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

interface Policy {
  free: number;
  baseMs: number;
  maxMs: number;
}
const ACCOUNT: Policy = { free: 5, baseMs: 60_000, maxMs: 60 * 60_000 };
/** Offices and NATs share addresses: the address limit is looser than the account limit. */
const ADDRESS: Policy = { free: 30, baseMs: 60_000, maxMs: 60 * 60_000 };
const FORGET_MS = 24 * 3600_000;

export const accountKey = (email: string) => `acct:${email.trim().toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

export function lockMs(failures: number, p: Policy): number {
  if (failures < p.free) return 0;
  // 2^(n−free) overflows nothing before the cap: stop doubling once past it.
  const exp = Math.min(failures - p.free, 20);
  return Math.min(p.maxMs, p.baseMs * 2 ** exp);
}

export type ThrottleState = { locked: false } | { locked: true; retryAfterMs: number };

/** The longest lock among the keys, if any is still running. */
export async function throttleState(keys: string[], clock: Clock = systemClock): Promise<ThrottleState> {
  const now = clock.now().getTime();
  const rows = await getDb().select().from(signInThrottle).where(inArray(signInThrottle.key, keys));
  const until = Math.max(0, ...rows.map((r) => r.lockedUntil?.getTime() ?? 0));
  return until > now ? { locked: true, retryAfterMs: until - now } : { locked: false };
}

export async function recordFailure(keys: { account: string; address?: string | null }, clock: Clock = systemClock): Promise<void> {
  const now = clock.now();
  await bump(keys.account, ACCOUNT, now);
  if (keys.address) await bump(keys.address, ADDRESS, now);
}

async function bump(key: string, policy: Policy, now: Date): Promise<void> {
  const forgetBefore = new Date(now.getTime() - FORGET_MS);
  // One statement: concurrent failures each count (the row lock serialises them).
  const [row] = await getDb()
    .insert(signInThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: {
        failures: sql`case when ${signInThrottle.lastFailureAt} < ${forgetBefore.toISOString()}::timestamptz then 1 else ${signInThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: signInThrottle.failures });
  const ms = lockMs(row.failures, policy);
  if (ms > 0) {
    await getDb()
      .update(signInThrottle)
      .set({ lockedUntil: new Date(now.getTime() + ms) })
      .where(sql`${signInThrottle.key} = ${key}`);
  }
}

export async function clearAccount(email: string): Promise<void> {
  await getDb().delete(signInThrottle).where(inArray(signInThrottle.key, [accountKey(email)]));
}

export function throttleMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many attempts; try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
