import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { revokeInvite } from "@/lib/settings/members";

export const dynamic = "force-dynamic";

export const DELETE = defineRoute(
  { method: "DELETE", path: "/members/invites/{id}", tag: "Account", summary: "Revoke a pending invite (its mailed link stops working)", params: idParams, resource: "Invite", roles: ["owner", "admin"] },
  async ({ ctx, params }) => {
    await revokeInvite(ctx, params.id);
    return { revoked: params.id };
  },
);
