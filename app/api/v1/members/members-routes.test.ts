/**
 * Members routes (issue 16): resend/revoke invites, change role, remove, through the real
 * handlers with an owner's API key, over the lib/settings/members services.
 *
 * Mutations tried (each made a test here fail):
 * - members/[id]/route.ts: `roles: ["owner", "admin"]` removed from PATCH → still refused by
 *   the service's requireRole, so the 403 holds (defence in depth, not a mutation catch);
 *   removing the last-owner check in the service (not ours) is covered by lib/settings tests.
 * - members/invites/[id]/route.ts: DELETE calling `resendInvite` instead of `revokeInvite` →
 *   the second DELETE answers 200, not 404.
 * - db/queries/accounts.ts listPendingInvites back to `.select()` (every column) → the listed
 *   invite carries workspaceId/invitedBy/acceptedAt and the exact-keys check fails.
 */
import { describe, expect, it } from "vitest";
import { call, keyFor } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import * as members from "./route";
import * as member from "./[id]/route";
import * as invite from "./invites/[id]/route";
import * as resend from "./invites/[id]/resend/route";

describe("/api/v1/members/**", () => {
  it("invite → resend → revoke; revoked twice is 404; bad ids are 404", async () => {
    const ctx = await newWorkspace();
    const key = await keyFor(ctx);
    const sent = await call(members.POST, "/members", { key, body: { email: `invitee-${Date.now()}@example.com`, role: "member" } });
    expect(sent.status).toBe(201);
    const id = sent.json.id as string;
    // Every member may list invites, so an invite shows only who, which role and since when.
    const listed = await call(members.GET, "/members", { key });
    expect(listed.status).toBe(200);
    expect(Object.keys(listed.json.invites.find((i: { id: string }) => i.id === id)).sort()).toEqual(["createdAt", "email", "id", "role"]);
    const again = await call(resend.POST, `/members/invites/${id}/resend`, { key, params: { id } });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ status: "invited", id });
    expect((await call(invite.DELETE, `/members/invites/${id}`, { key, params: { id } })).status).toBe(200);
    const gone = await call(invite.DELETE, `/members/invites/${id}`, { key, params: { id } });
    expect(gone.status).toBe(404);
    expect(gone.json.error.message).toMatch(/Invite not found/);
    expect((await call(resend.POST, "/members/invites/x/resend", { key, params: { id: "x" } })).status).toBe(404);
    // Another workspace's invite id is not found either.
    const other = await newWorkspace();
    const theirs = await call(members.POST, "/members", { key: await keyFor(other), body: { email: `x-${Date.now()}@example.com` } });
    expect((await call(invite.DELETE, `/members/invites/${theirs.json.id}`, { key, params: { id: theirs.json.id } })).status).toBe(404);
  });

  it("the last owner cannot be demoted or removed (409 saying what to do); unknown members are 404", async () => {
    const ctx = await newWorkspace();
    const key = await keyFor(ctx);
    const demote = await call(member.PATCH, `/members/${ctx.user.id}`, { key, params: { id: ctx.user.id }, body: { role: "member" } });
    expect(demote.status).toBe(409);
    expect(demote.json.error.message).toMatch(/at least one owner/);
    const remove = await call(member.DELETE, `/members/${ctx.user.id}`, { key, params: { id: ctx.user.id } });
    expect(remove.status).toBe(409);
    const badRole = await call(member.PATCH, `/members/${ctx.user.id}`, { key, params: { id: ctx.user.id }, body: { role: "king" } });
    expect(badRole.status).toBe(400);
    const other = await newWorkspace();
    expect((await call(member.DELETE, `/members/${other.user.id}`, { key, params: { id: other.user.id } })).status).toBe(404);
    expect((await call(member.PATCH, "/members/nope", { key, params: { id: "nope" }, body: { role: "admin" } })).status).toBe(404);
  });
});
