import { authedRoute } from "@/lib/http/route";
import { revokeShareLink } from "@/lib/videos/share";

export const DELETE = authedRoute(async (_req, ctx, p) => {
  await revokeShareLink(ctx, p.id);
  return { revoked: true };
});
