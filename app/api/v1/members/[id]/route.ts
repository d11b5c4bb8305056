import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { changeMemberRole, removeMember, roleInput } from "@/lib/settings/members";

export const dynamic = "force-dynamic";

export const PATCH = defineRoute(
  {
    method: "PATCH", path: "/members/{id}", tag: "Account", summary: "Change a member's role (owners and admins; only owners touch owners; the last owner stays)",
    params: idParams, resource: "Member", roles: ["owner", "admin"], body: roleInput, bodyLimitBytes: 1024,
  },
  async ({ ctx, params, rawBody }) => changeMemberRole(ctx, params.id, rawBody),
);

export const DELETE = defineRoute(
  { method: "DELETE", path: "/members/{id}", tag: "Account", summary: "Remove a member from the workspace (the last owner stays)", params: idParams, resource: "Member", roles: ["owner", "admin"] },
  async ({ ctx, params }) => {
    await removeMember(ctx, params.id);
    return { removed: params.id };
  },
);
