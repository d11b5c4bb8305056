import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users, workspaceMembers } from "@/db/schema";
import { listMemberships, listPendingInvites } from "@/db/queries/accounts";
import { newWorkspace } from "@/lib/testing/fixtures";
import { contextForUser } from "@/lib/auth/context";
import { signUp } from "@/lib/auth/signup";
import { verifyEmail } from "@/lib/auth/verify-email";
import { linkIn, readOutbox } from "@/lib/mail";
import { acceptInvite, changeMemberRole, inviteMember, membersOf, removeMember, resendInvite, revokeInvite } from "./members";

const address = (t: string) => `${t}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;
const latestToken = (email: string, prefix: "invite" | "verify-email") => {
  const mails = readOutbox(email);
  const token = mails.length ? linkIn(mails[mails.length - 1].text, prefix) : null;
  if (!token) throw new Error(`no ${prefix} mail for ${email}`);
  return token;
};
const rejects = (p: Promise<unknown>, code: string) => expect(p).rejects.toMatchObject({ code });

describe("invites are accepted only through the mailed token", () => {
  /*
   * The original attack (issue 10 #5). Mutation tried: putting back the sign-up loop that
   * upserts a membership for every pending invite to the address → the attacker gets A's
   * admin role and this test fails.
   */
  it("signing up with an invited address without the token grants nothing", async () => {
    const a = await newWorkspace();
    const victim = address("victim");
    await inviteMember(a, { email: victim, role: "admin" });
    const r = await signUp({ name: "Mallory", email: victim, password: "attacker-password" });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ms = await listMemberships(getDb(), r.userId);
    expect(ms.map((m) => m.workspace.id)).toEqual([r.workspaceId]);
    expect(await contextForUser(r.userId, a.workspace.id)).toMatchObject({ workspace: { id: r.workspaceId } });
    expect((await listPendingInvites(getDb(), a.workspace.id)).map((i) => i.email)).toContain(victim);
  });

  /* Mutation tried: dropping the `invite.email !== email` check in signUp → the token works for another address. */
  it("signing up from the invite link joins with the invited role and verifies the address; the link works once", async () => {
    const a = await newWorkspace();
    const email = address("newbie");
    const sent = await inviteMember(a, { email, role: "admin" });
    expect(sent).toMatchObject({ status: "invited", email, role: "admin" });
    const token = latestToken(email, "invite");

    const wrong = await signUp({ name: "Other", email: address("other"), password: "password-123", inviteToken: token });
    expect(wrong).toMatchObject({ ok: false, errors: { email: expect.stringContaining(email) } });

    const r = await signUp({ name: "Newbie", email, password: "password-123", inviteToken: token });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(await contextForUser(r.userId, a.workspace.id)).toMatchObject({ workspace: { id: a.workspace.id }, role: "admin" });
    const [u] = await getDb().select().from(users).where(eq(users.id, r.userId));
    expect(u.emailVerified).not.toBeNull();
    await rejects(acceptInvite(r.userId, token), "gone");
  });

  /* Mutation tried: removing the `user.email !== t.email` check in acceptInvite → the forwarded link lets Eve in. */
  it("an existing account is added only when it accepts, only as the invited address, and an owner is never demoted", async () => {
    const a = await newWorkspace();
    const bob = await newWorkspace();
    const eve = await newWorkspace();
    await inviteMember(a, { email: bob.user.email, role: "member" });
    expect(await membersOf(a).then((m) => m.members.map((x) => x.userId))).not.toContain(bob.user.id);
    const token = latestToken(bob.user.email, "invite");

    await rejects(acceptInvite(eve.user.id, token), "forbidden");
    expect(await acceptInvite(bob.user.id, token)).toEqual({ workspaceId: a.workspace.id, role: "member" });
    expect((await contextForUser(bob.user.id, a.workspace.id))?.role).toBe("member");
    await rejects(inviteMember(a, { email: bob.user.email }), "conflict");

    // An owner invited to their own workspace (e.g. an old invite) keeps the owner role.
    const owner = await newWorkspace();
    const db = getDb();
    await db.insert(workspaceMembers).values({ workspaceId: a.workspace.id, userId: owner.user.id, role: "owner" });
    await rejects(inviteMember(a, { email: owner.user.email }), "conflict");
  });

  /* Mutation tried: not calling retireInviteTokens on resend → the old link still works. */
  it("resend replaces the link; revoke kills it; members cannot invite", async () => {
    const a = await newWorkspace();
    const c = await newWorkspace();
    const sent = await inviteMember(a, { email: c.user.email });
    const first = latestToken(c.user.email, "invite");
    await resendInvite(a, sent.id);
    const second = latestToken(c.user.email, "invite");
    expect(second).not.toBe(first);
    await rejects(acceptInvite(c.user.id, first), "gone");

    await revokeInvite(a, sent.id);
    await rejects(acceptInvite(c.user.id, second), "not_found");
    await rejects(revokeInvite(a, sent.id), "not_found");

    const other = await newWorkspace();
    await rejects(resendInvite(other, sent.id), "not_found");
    const member = { ...a, role: "member" as const };
    await rejects(inviteMember(member, { email: address("x") }), "forbidden");
  });
});

describe("member management", () => {
  async function workspaceWith(roles: ("admin" | "member")[]) {
    const owner = await newWorkspace();
    const people = [];
    for (const role of roles) {
      const p = await newWorkspace();
      await inviteMember(owner, { email: p.user.email, role });
      await acceptInvite(p.user.id, latestToken(p.user.email, "invite"));
      people.push((await contextForUser(p.user.id, owner.workspace.id))!);
    }
    return { owner, people };
  }

  /*
   * Mutations tried: dropping the countOwners check in changeMemberRole → the last owner
   * demotes themselves; dropping the "only an owner touches owners" check → the admin
   * removes the owner. Each makes this test fail.
   */
  it("owners and admins change roles and remove members; owners are protected; the last owner stays", async () => {
    const { owner, people } = await workspaceWith(["admin", "member"]);
    const [admin, member] = people;
    expect(admin.role).toBe("admin");

    await rejects(changeMemberRole(member, admin.user.id, { role: "member" }), "forbidden");
    await rejects(removeMember(admin, owner.user.id), "forbidden");
    await rejects(changeMemberRole(admin, member.user.id, { role: "owner" }), "forbidden");
    await rejects(changeMemberRole(owner, owner.user.id, { role: "admin" }), "conflict");
    await rejects(removeMember(owner, owner.user.id), "conflict");
    await expect(changeMemberRole(owner, member.user.id, { role: "emperor" })).rejects.toThrow(/owner, admin or member/);

    expect(await changeMemberRole(admin, member.user.id, { role: "admin" })).toEqual({ userId: member.user.id, role: "admin" });
    await removeMember(admin, member.user.id);
    expect((await contextForUser(member.user.id, owner.workspace.id))?.workspace.id).not.toBe(owner.workspace.id);

    // Another workspace's owner cannot touch these members: not found, nothing changes.
    const stranger = await newWorkspace();
    await rejects(removeMember(stranger, admin.user.id), "not_found");
    await rejects(changeMemberRole(stranger, admin.user.id, { role: "member" }), "not_found");
    expect((await contextForUser(admin.user.id, owner.workspace.id))?.role).toBe("admin");

    // With a second owner, the first may step down.
    await changeMemberRole(owner, admin.user.id, { role: "owner" });
    expect(await changeMemberRole(owner, owner.user.id, { role: "admin" })).toMatchObject({ role: "admin" });
  });
});

describe("email verification", () => {
  /* Mutation tried: not calling sendVerificationMail in signUp → no mail, this test fails. */
  it("sign-up mails a link that verifies the address once", async () => {
    const email = address("verify");
    const r = await signUp({ name: "Vera", email, password: "password-123" });
    expect(r.ok).toBe(true);
    const token = latestToken(email, "verify-email");
    expect(await verifyEmail(token)).toEqual({ email });
    const [u] = await getDb().select().from(users).where(eq(users.email, email));
    expect(u.emailVerified).not.toBeNull();
    await rejects(verifyEmail(token), "gone");
    await rejects(verifyEmail("not-a-real-token-but-long-enough"), "not_found");
  });
});
