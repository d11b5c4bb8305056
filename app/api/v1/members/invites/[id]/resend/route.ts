import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { resendInvite } from "@/lib/settings/members";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  { method: "POST", path: "/members/invites/{id}/resend", tag: "Account", summary: "Mail a pending invite again with a fresh link", params: idParams, resource: "Invite", roles: ["owner", "admin"] },
  async ({ ctx, params }) => resendInvite(ctx, params.id),
);
