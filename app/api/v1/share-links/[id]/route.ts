import { defineRoute } from "@/lib/http/handler";
import { idParams } from "@/lib/http/schemas";
import { revokeShareLink } from "@/lib/videos/share";

export const DELETE = defineRoute(
  { method: "DELETE", path: "/share-links/{id}", tag: "Videos", summary: "Revoke a share link", params: idParams, resource: "Share link" },
  async ({ ctx, params }) => {
    await revokeShareLink(ctx, params.id);
    return { revoked: true };
  },
);
