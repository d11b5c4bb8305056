import { eq, and, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, workspaceInvites } from "@/db/schema";
import { createWorkspace, findUserByEmail, upsertMember } from "@/db/queries/accounts";
import { hashPassword } from "./password";
import { signUpSchema, fieldErrorsOf, type FieldErrors, type SignUpInput } from "./validation";

export type SignUpResult = { ok: true; userId: string; workspaceId: string } | { ok: false; errors: FieldErrors };

/**
 * Creates the user, their personal workspace and accepts any pending invitations, all in
 * one transaction: bad input or a duplicate email creates nothing.
 */
export async function signUp(input: SignUpInput): Promise<SignUpResult> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrorsOf(parsed.error) };
  const { name, email, password } = parsed.data;
  const db = getDb();
  if (await findUserByEmail(db, email)) {
    return { ok: false, errors: { email: "An account with this email already exists. Sign in instead." } };
  }
  const passwordHash = await hashPassword(password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx.insert(users).values({ name, email, passwordHash }).returning();
      const ws = await createWorkspace(tx, { name: `${name.split(" ")[0]}'s workspace`, ownerId: user.id });
      const invites = await tx
        .select()
        .from(workspaceInvites)
        .where(and(eq(workspaceInvites.email, email), isNull(workspaceInvites.acceptedAt)));
      for (const inv of invites) {
        await upsertMember(tx, inv.workspaceId, user.id, inv.role);
        await tx.update(workspaceInvites).set({ acceptedAt: new Date() }).where(eq(workspaceInvites.id, inv.id));
      }
      return { ok: true as const, userId: user.id, workspaceId: ws.id };
    });
  } catch (e) {
    // Two sign-ups racing for one email: the unique index decides, the loser gets the same message.
    if (e instanceof Error && /users_email_key/.test(String((e as { cause?: unknown }).cause ?? e.message))) {
      return { ok: false, errors: { email: "An account with this email already exists. Sign in instead." } };
    }
    throw e;
  }
}
