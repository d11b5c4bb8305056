import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { createWorkspace, findUserByEmail } from "@/db/queries/accounts";
import { logger } from "@/lib/logger";
import { acceptInvite, previewInvite } from "@/lib/settings/members";
import { sendVerificationMail } from "./verify-email";
import { hashPassword } from "./password";
import { signUpSchema, fieldErrorsOf, type FieldErrors, type SignUpInput } from "./validation";

export type SignUpResult = { ok: true; userId: string; workspaceId: string } | { ok: false; errors: FieldErrors };

/**
 * Creates the user and their personal workspace in one transaction: bad input or a duplicate
 * email creates nothing. Pending invitations to the address are NOT inherited: an invite is
 * accepted only with the token mailed to the address (sign-up from the invite link passes it;
 * it must be for this very address). Without one, a verification mail is sent.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { name, email, password, inviteToken } = parsed.data;
  const db = getDb();
  if (inviteToken) {
    // Checked before anything is created, so a bad link leaves no half-made account.
    const invite = await previewInvite(inviteToken).catch(() => null);
    if (!invite) return { ok: false, errors: { form: "This invitation link is no longer valid. Ask for a new invite, or sign up without it." } };
    if (invite.email !== email) return { ok: false, errors: { email: `This invitation is for ${invite.email}; sign up with that address to accept it.` } };
  }
  if (await findUserByEmail(db, email)) {
    return { ok: false, errors: { email: "An account with this email already exists. Sign in instead." } };
  }
  const passwordHash = await hashPassword(password);
  let created: { user: typeof users.$inferSelect; workspaceId: string };
  try {
    created = await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ name, email, passwordHash }).returning();
      const ws = await createWorkspace(tx, { name: `${name.split(" ")[0]}'s workspace`, ownerId: user.id });
      return { user, workspaceId: ws.id };
    });
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same message.
    if (e instanceof Error && /users_email_key/.test(String((e as { cause?: unknown }).cause ?? e.message))) {
      return { ok: false, errors: { email: "An account with this email already exists. Sign in instead." } };
    }
    throw e;
  }
  const { user, workspaceId } = created;
  if (inviteToken) {
    try {
      await acceptInvite(user.id, inviteToken);
      return { ok: true, userId: user.id, workspaceId };
    } catch (err) {
      // Raced with a revoke or a second use: the account stands; verify the address instead.
      logger.warn({ err, userId: user.id }, "invite could not be accepted at sign-up");
    }
  }
  try {
    await sendVerificationMail(user);
  } catch (err) {
    // The account works without it; the user can ask for a new mail from the app.
    logger.error({ err, userId: user.id }, "verification mail could not be sent");
  }
  return { ok: true, userId: user.id, workspaceId };
}
