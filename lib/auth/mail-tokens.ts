/**
 * One-time tokens sent by mail (email verification, workspace invites, password resets). The token is 32
 * random bytes; only HMAC-SHA256(APP_SECRET, token) is stored, so neither a database dump nor
 * a guess yields a working link. Each token names its purpose and the address it was sent
 * to, expires, and works once.
 */
import { createHmac, randomBytes } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { mailTokens, type MailTokenPurpose } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { appSecret } from "./secret";

export const TOKEN_TTL_MS: Record<MailTokenPurpose, number> = {
  verify_email: 48 * 3600_000,
  invite: 7 * 24 * 3600_000,
  // A reset link is a password: short-lived, so a mailbox read later is worth nothing.
  password_reset: 3600_000,
};

export function hashMailToken(token: string): string {
  return createHmac("sha256", appSecret()).update(`mail-token:${token}`).digest("hex");
}

export async function issueMailToken(
  db: DbOrTx,
  input: { purpose: MailTokenPurpose; email: string; userId?: string | null; inviteId?: string | null; now?: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  const expiresAt = new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]);
  await db.insert(mailTokens).values({
    purpose: input.purpose,
    email: input.email.toLowerCase(),
    userId: input.userId ?? null,
    inviteId: input.inviteId ?? null,
    tokenHash: hashMailToken(token),
    expiresAt,
  });
  return { token, expiresAt };
}

const USED: Record<MailTokenPurpose, string> = {
  invite: "This invitation was already used or replaced by a newer one. Check your mail for the latest invite.",
  verify_email: "This link was already used. Sign in, or ask for a new verification mail.",
  password_reset: "This reset link was already used or replaced by a newer one. Ask for a new link from the sign-in page.",
};
const EXPIRED: Record<MailTokenPurpose, string> = {
  invite: "This invitation has expired. Ask the workspace admin to resend it.",
  verify_email: "This verification link has expired. Sign in and ask for a new one.",
  password_reset: "This reset link has expired (links work for 1 hour). Ask for a new one from the sign-in page.",
};

/** A live token of this purpose, or a clear error: unknown → 404, used or expired → 410. */
export async function findLiveMailToken(db: DbOrTx, purpose: MailTokenPurpose, token: string, now = new Date()) {
  if (typeof token !== "string" || !/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound(purpose);
  const [row] = await db
    .select()
    .from(mailTokens)
    .where(and(eq(mailTokens.tokenHash, hashMailToken(token)), eq(mailTokens.purpose, purpose)))
    .limit(1);
  if (!row) throw notFound(purpose);
  if (row.usedAt) throw new AppError("gone", USED[purpose]);
  if (row.expiresAt.getTime() <= now.getTime()) throw new AppError("gone", EXPIRED[purpose]);
  return row;
}

/** Marks the token used; false when someone else used it first (the caller must stop). */
export async function useMailToken(db: DbOrTx, id: string, now = new Date()): Promise<boolean> {
  const rows = await db.update(mailTokens).set({ usedAt: now }).where(and(eq(mailTokens.id, id), isNull(mailTokens.usedAt))).returning({ id: mailTokens.id });
  return rows.length === 1;
}

/** Invalidates every unused token of a user for one purpose (a newer reset link replaces older ones). */
export async function retireUserTokens(db: DbOrTx, userId: string, purpose: MailTokenPurpose, now = new Date()): Promise<void> {
  await db.update(mailTokens).set({ usedAt: now }).where(and(eq(mailTokens.userId, userId), eq(mailTokens.purpose, purpose), isNull(mailTokens.usedAt)));
}

/** Invalidates every unused token of an invite (on resend and revoke). */
export async function retireInviteTokens(db: DbOrTx, inviteId: string, now = new Date()): Promise<void> {
  await db.update(mailTokens).set({ usedAt: now }).where(and(eq(mailTokens.inviteId, inviteId), isNull(mailTokens.usedAt)));
}

function notFound(purpose: MailTokenPurpose): AppError {
  const what = purpose === "invite" ? "invitation link" : purpose === "password_reset" ? "reset link" : "verification link";
  return new AppError("not_found", `This ${what} is not valid. Check that you copied the whole link from the mail.`);
}
