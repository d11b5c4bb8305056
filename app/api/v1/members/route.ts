import { defineRoute } from "@/lib/http/handler";
import { listBody, pageQuery, paginate } from "@/lib/http/schemas";
import { inviteMember, inviteSchema, membersOf } from "@/lib/workspaces";

export const GET = defineRoute(
  {
    method: "GET", path: "/members", tag: "Account", summary: "Members (oldest first, paged) and the pending invites of the workspace",
    description: "`members` is the paged list; `invites` (pending invites, a handful at most) come whole on the first page and empty after it.",
    query: pageQuery, list: "members",
  },
  async ({ ctx, query }) => {
    const { members, invites } = await membersOf(ctx);
    const page = paginate(members, query, (m) => [m.joinedAt, m.userId], "asc");
    return { ...listBody("members", page), invites: query.cursor ? [] : invites };
  },
);

export const POST = defineRoute(
  { method: "POST", idempotent: true, path: "/members", tag: "Account", summary: "Invite someone by email (owners and admins)", status: 201, roles: ["owner", "admin"], body: inviteSchema, bodyLimitBytes: 4 * 1024 },
  async ({ ctx, rawBody }) => inviteMember(ctx, rawBody),
);
