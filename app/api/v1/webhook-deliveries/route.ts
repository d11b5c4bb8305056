import { authedRoute } from "@/lib/http/route";
import { listDeliveries } from "@/lib/webhooks";

export const GET = authedRoute(async (_req, ctx) => ({ deliveries: await listDeliveries(ctx.workspace.id) }));
