/**
 * Forgot password: a mailed, single-use, one-hour link (lib/auth/mail-tokens) sets a new
 * password and signs the user out everywhere (session version bump).
 *
 * No account-existence oracle: a request answers the same words for any well-formed address,
 * the throttle counts unknown addresses exactly like real ones, and the mail is handed off
 * without being awaited, so a slow SMTP server does not make real accounts answer slower.
 */
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, users } from "@/db/schema";
import { findUserByEmail } from "@/db/queries/accounts";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendMail } from "@/lib/mail";
import { findLiveMailToken, issueMailToken, retireUserTokens, useMailToken } from "./mail-tokens";
import { hashPassword } from "./password";
import { endAllSessions } from "./session-version";
import { clearAccount, recordFailure, systemClock, throttleMessage, throttleState, type Clock } from "./throttle";
import { emailSchema, passwordSchema } from "./validation";

export const RESET_REQUESTED =
  "If an account uses that address, we have mailed it a link to choose a new password. It works once, for 1 hour. Check your spam folder too.";

/** Requests share the sign-in throttle table under their own keys, so they never lock sign-in. */
const resetKeys = (email: string, address?: string | null) => ({
  account: `reset:${email}`,
  address: address ? `reset-ip:${address}` : null,
});

export type ResetRequestResult =
  | { ok: true; message: string; /** Settles when the mail is handed over (tests wait on it). */ delivery: Promise<void> }
  | { ok: false; field: "email" | "form"; message: string };

export async function requestPasswordReset(
  input: { email: unknown; clientAddress?: string | null },
  clock: Clock = systemClock,
): Promise<ResetRequestResult> {
  const parsed = emailSchema.safeParse(typeof input.email === "string" ? input.email : "");
  if (!parsed.success) return { ok: false, field: "email", message: parsed.error.issues[0].message };
  const email = parsed.data;
  const keys = resetKeys(email, input.clientAddress);
  const state = await throttleState([keys.account, ...(keys.address ? [keys.address] : [])], clock);
  if (state.locked) return { ok: false, field: "form", message: throttleMessage(state.retryAfterMs) };
  // Every request counts (the sign-in policy: 5 free per address, then a doubling lock), so a
  // mailbox cannot be flooded and the count says nothing about whether the account exists.
  await recordFailure(keys, clock);

  const db = getDb();
  const user = await findUserByEmail(db, email);
  let delivery: Promise<void> = Promise.resolve();
  if (user) {
    // One live link at a time: a newer mail replaces the older link.
    await retireUserTokens(db, user.id, "password_reset", clock.now());
    const { token } = await issueMailToken(db, { purpose: "password_reset", email: user.email, userId: user.id, now: clock.now() });
    delivery = sendMail({
      to: user.email,
      subject: "Reset your Avatar Video Studio password",
      text: [
        `Hi ${user.name},`,
        "",
        "Someone (hopefully you) asked to reset the password of this account. Choose a new one here (the link works once, for 1 hour):",
        `${appUrl()}/reset-password/${token}`,
        "",
        "Resetting signs you out on every device. If you did not ask for this, ignore this mail: your password stays as it is.",
      ].join("\n"),
    }).then(
      () => undefined,
      (err: unknown) => logger.error({ err, to: user.email }, "password reset mail could not be sent"),
    );
  }
  return { ok: true, message: RESET_REQUESTED, delivery };
}

/** For the reset page: whether to show the form, or why not (throws 404/410 AppErrors). */
export async function checkResetToken(token: string, now = new Date()): Promise<{ email: string }> {
  const row = await findLiveMailToken(getDb(), "password_reset", token, now);
  return { email: row.email };
}

export type ResetResult =
  | { ok: true; email: string; /** How many live API keys the reset revoked. */ revokedApiKeys: number }
  | { ok: false; field: "password" | "form"; message: string };

/**
 * `revokeApiKeys` (the reset form's "Also revoke all API keys", checked by default): a reset
 * usually means the password may be known to someone else, and keys the account minted keep
 * working after sessions end — so by default they are revoked too, in the same transaction.
 * Someone resetting a merely forgotten password may untick it to keep integrations running.
 */
export async function resetPassword(
  input: { token: string; password: unknown; confirm?: unknown; revokeApiKeys?: boolean },
  now = new Date(),
): Promise<ResetResult> {
  const pw = passwordSchema.safeParse(typeof input.password === "string" ? input.password : "");
  if (!pw.success) return { ok: false, field: "password", message: pw.error.issues[0].message };
  if (input.confirm !== undefined && input.confirm !== input.password) return { ok: false, field: "password", message: "The two passwords differ. Type the same new password twice." };
  const db = getDb();
  let row;
  try {
    row = await findLiveMailToken(db, "password_reset", input.token, now);
  } catch (err) {
    if (err instanceof AppError) return { ok: false, field: "form", message: err.message };
    throw err;
  }
  if (!row.userId) return { ok: false, field: "form", message: "This reset link is not valid. Ask for a new one from the sign-in page." };
  const hash = await hashPassword(pw.data);
  const userId = row.userId;
  const outcome = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
    // The link proves control of the address it went to; an account that changed address since is not reset.
    if (!user || user.email !== row.email) return { ok: false as const, message: "This link was for an address the account no longer uses. Ask for a new one." };
    // Single use even under a double submit: only the first marks the token.
    if (!(await useMailToken(tx, row.id, now))) return { ok: false as const, message: "This reset link was already used. Ask for a new one from the sign-in page." };
    await tx
      .update(users)
      .set({ passwordHash: hash, emailVerified: user.emailVerified ?? now })
      .where(eq(users.id, user.id));
    await endAllSessions(tx, user.id);
    // Every key this account minted, in any workspace (keys belong to their creator's account;
    // the account, not one workspace, is what the reset secures).
    const revoked = input.revokeApiKeys
      ? await tx
          .update(apiKeys)
          .set({ revokedAt: now })
          .where(and(eq(apiKeys.userId, user.id), isNull(apiKeys.revokedAt)))
          .returning({ id: apiKeys.id })
      : [];
    await retireUserTokens(tx, user.id, "password_reset", now);
    return { ok: true as const, email: user.email, revokedApiKeys: revoked.length };
  });
  if (!outcome.ok) return { ok: false, field: "form", message: outcome.message };
  // A locked-out owner who proved their mailbox may sign in at once.
  await clearAccount(outcome.email);
  return outcome;
}
