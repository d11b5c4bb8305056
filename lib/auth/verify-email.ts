/** Email verification: a link sent at sign-up (and on request) proves the address is yours. */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { appUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { sendMail } from "@/lib/mail";
import { findLiveMailToken, issueMailToken, useMailToken } from "./mail-tokens";

export async function sendVerificationMail(user: { id: string; email: string; name: string }): Promise<void> {
  const { token } = await issueMailToken(getDb(), { purpose: "verify_email", email: user.email, userId: user.id });
  await sendMail({
    to: user.email,
    subject: "Confirm your email for Avatar Video Studio",
    text: [
      `Hi ${user.name},`,
      "",
      "Confirm that this address is yours by opening this link (valid for 48 hours):",
      `${appUrl()}/verify-email/${token}`,
      "",
      "If you did not create an account, ignore this mail.",
    ].join("\n"),
  });
}

/** Marks the address verified; the token must still be for the user's current address. */
export async function verifyEmail(token: string): Promise<{ email: string }> {
  const db = getDb();
  const row = await findLiveMailToken(db, "verify_email", token);
  if (!row.userId) throw new AppError("not_found", "This verification link is not valid.");
  const [user] = await db.select().from(users).where(eq(users.id, row.userId));
  if (!user || user.email !== row.email) throw new AppError("gone", "This link was for an address the account no longer uses.");
  if (!(await useMailToken(db, row.id))) throw new AppError("gone", "This link was already used.");
  if (!user.emailVerified) await db.update(users).set({ emailVerified: new Date() }).where(eq(users.id, user.id));
  return { email: user.email };
}
