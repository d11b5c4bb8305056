import { authedRoute } from "@/lib/http/route";
import { deleteEndpoint } from "@/lib/webhooks";

export const DELETE = authedRoute(async (_req, ctx, p) => {
  await deleteEndpoint(ctx, p.id);
  return { deleted: true };
});
