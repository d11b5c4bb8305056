import { defineRoute } from "@/lib/http/handler";
import { inviteMember, inviteSchema, membersOf } from "@/lib/workspaces";

export const GET = defineRoute(
  { method: "GET", path: "/members", tag: "Account", summary: "Members and pending invites of the workspace" },
  async ({ ctx }) => membersOf(ctx),
);

export const POST = defineRoute(
  { method: "POST", path: "/members", tag: "Account", summary: "Invite someone by email (owners and admins)", status: 201, roles: ["owner", "admin"], body: inviteSchema, bodyLimitBytes: 4 * 1024 },
  async ({ ctx, rawBody }) => inviteMember(ctx, rawBody),
);
