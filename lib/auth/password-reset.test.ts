import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { linkIn, readOutbox } from "@/lib/mail";
import { createApiKey } from "./api-keys";
import { contextForApiKey, contextForUser } from "./context";
import { authenticate } from "./credentials";
import { checkResetToken, requestPasswordReset, resetPassword, RESET_REQUESTED } from "./password-reset";
import { sessionVersionOf } from "./session-version";
import { signUp } from "./signup";
import type { Clock } from "./throttle";

const email = (t: string) => `${t}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
const fixed = (iso: string): Clock => ({ now: () => new Date(iso) });

async function account(tag: string) {
  const e = email(tag);
  const r = await signUp({ name: "Rita Reset", email: e, password: "old-password-1" });
  if (!r.ok) throw new Error("sign-up failed");
  return { email: e, userId: r.userId, workspaceId: r.workspaceId };
}

async function mailedToken(to: string): Promise<string> {
  const mails = readOutbox(to).filter((m) => m.subject.includes("Reset"));
  const token = linkIn(mails.at(-1)?.text ?? "", "reset-password");
  if (!token) throw new Error(`no reset mail to ${to}`);
  return token;
}

describe("password reset", () => {
  it("mails a single-use link that sets the password and signs out every older session", async () => {
    const { email: e, userId } = await account("reset-ok");
    const before = await sessionVersionOf(userId);
    // A session issued before the reset is good now...
    expect(await contextForUser(userId, null, { version: before })).not.toBeNull();

    const r = await requestPasswordReset({ email: e.toUpperCase(), clientAddress: `203.0.113.${Math.floor(Math.random() * 250)}` });
    expect(r).toMatchObject({ ok: true, message: RESET_REQUESTED });
    if (r.ok) await r.delivery;
    const token = await mailedToken(e);
    expect(await checkResetToken(token)).toEqual({ email: e });

    expect(await resetPassword({ token, password: "new-password-2", confirm: "new-password-2" })).toEqual({ ok: true, email: e, revokedApiKeys: 0 });
    // Mutation tried: dropping `endAllSessions(tx, user.id)` in resetPassword → this old session stays valid, test fails.
    expect(await contextForUser(userId, null, { version: before })).toBeNull();
    expect(await contextForUser(userId, null, { version: await sessionVersionOf(userId) })).not.toBeNull();

    expect((await authenticate({ email: e, password: "new-password-2" })).ok).toBe(true);
    expect((await authenticate({ email: e, password: "old-password-1" })).ok).toBe(false);

    // A later use is refused by the token lookup (usedAt is set).
    expect(await resetPassword({ token, password: "third-password-3" })).toEqual({
      ok: false,
      field: "form",
      message: "This reset link was already used or replaced by a newer one. Ask for a new link from the sign-in page.",
    });
  });

  it("revokes the account's API keys when asked (the form's default), keeps them when unticked", async () => {
    // Both choices, each on a fresh account with a live key minted before the reset.
    for (const revoke of [true, false]) {
      const { email: e, userId, workspaceId } = await account(`reset-keys-${revoke}`);
      const { key } = await createApiKey(workspaceId, userId, "Zapier");
      expect(await contextForApiKey(key)).not.toBeNull();
      const r = await requestPasswordReset({ email: e });
      if (r.ok) await r.delivery;
      const token = await mailedToken(e);
      const out = await resetPassword({ token, password: "new-password-2", revokeApiKeys: revoke });
      // Mutation tried: `const revoked = false && input.revokeApiKeys ? …` → the key still
      // authenticates after a revoking reset and revokedApiKeys is 0: the first pass fails.
      // Mutation tried: dropping the `input.revokeApiKeys ?` condition (always revoke) → the
      // unticked pass finds the key dead and fails.
      expect(out).toEqual({ ok: true, email: e, revokedApiKeys: revoke ? 1 : 0 });
      if (revoke) expect(await contextForApiKey(key)).toBeNull();
      else expect(await contextForApiKey(key)).not.toBeNull();
    }
  });

  it("a double submit of one link resets once", async () => {
    const { email: e } = await account("reset-double");
    const r = await requestPasswordReset({ email: e });
    if (r.ok) await r.delivery;
    const token = await mailedToken(e);
    // Both pass the lookup before either commits; the conditional update lets only one through.
    // Mutation tried: `if (false && !(await useMailToken(...)))` → both succeed, test fails.
    const results = await Promise.all([resetPassword({ token, password: "first-pass-1" }), resetPassword({ token, password: "second-pass-2" })]);
    expect(results.filter((x) => x.ok)).toHaveLength(1);
  });

  it("answers the same for an unknown address and mails nothing (no account-existence oracle)", async () => {
    const known = await account("reset-known");
    const unknown = email("reset-nobody");
    const a = await requestPasswordReset({ email: known.email });
    const b = await requestPasswordReset({ email: unknown });
    if (a.ok) await a.delivery;
    expect(b).toMatchObject({ ok: true, message: RESET_REQUESTED });
    expect(a.ok && b.ok && a.message === b.message).toBe(true);
    expect(readOutbox(unknown)).toHaveLength(0);
    expect(readOutbox(known.email).filter((m) => m.subject.includes("Reset"))).toHaveLength(1);
  });

  it("throttles requests per address the same way for unknown and real accounts", async () => {
    const real = await account("reset-throttle");
    const fake = email("reset-throttle-nobody");
    const clock = fixed("2026-11-30T12:00:00Z");
    for (const target of [real.email, fake]) {
      const results = [];
      for (let i = 0; i < 6; i++) results.push(await requestPasswordReset({ email: target }, clock));
      // Mutation tried: removing `recordFailure(keys, clock)` → the 6th request is accepted, test fails.
      expect(results.slice(0, 5).every((r) => r.ok)).toBe(true);
      expect(results[5]).toEqual({ ok: false, field: "form", message: "Too many attempts; try again in 1 minute." });
    }
  });

  it("a newer mail replaces the older link; an expired link is refused with what to do", async () => {
    const { email: e, userId } = await account("reset-replace");
    const first = await requestPasswordReset({ email: e });
    if (first.ok) await first.delivery;
    const t1 = await mailedToken(e);
    const second = await requestPasswordReset({ email: e });
    if (second.ok) await second.delivery;
    const t2 = await mailedToken(e);
    expect(t2).not.toBe(t1);
    // Mutation tried: removing `retireUserTokens` in requestPasswordReset → t1 still resets, test fails.
    expect((await resetPassword({ token: t1, password: "whatever-123" })).ok).toBe(false);

    const later = new Date(Date.now() + 2 * 3600_000);
    // Mutation tried: password_reset TTL of 48 h instead of 1 h → the link still works 2 h later, test fails.
    expect(await resetPassword({ token: t2, password: "whatever-123" }, later)).toEqual({
      ok: false,
      field: "form",
      message: "This reset link has expired (links work for 1 hour). Ask for a new one from the sign-in page.",
    });
    const [u] = await getDb().select().from(users).where(eq(users.id, userId));
    expect(u.sessionVersion).toBe(0);
  });

  it("refuses a short password, different confirmation, malformed email and junk tokens with clear words", async () => {
    expect(await requestPasswordReset({ email: "not-an-email" })).toEqual({ ok: false, field: "email", message: "Enter a valid email address, like name@example.com." });
    expect(await resetPassword({ token: "x".repeat(43), password: "short" })).toEqual({ ok: false, field: "password", message: "Use at least 8 characters for your password." });
    expect(await resetPassword({ token: "x".repeat(43), password: "long-enough-1", confirm: "long-enough-2" })).toEqual({
      ok: false,
      field: "password",
      message: "The two passwords differ. Type the same new password twice.",
    });
    expect(await resetPassword({ token: "../../etc", password: "long-enough-1" })).toEqual({
      ok: false,
      field: "form",
      message: "This reset link is not valid. Check that you copied the whole link from the mail.",
    });
  });
});
