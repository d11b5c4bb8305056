import { authedRoute } from "@/lib/http/route";
import { testProviderConnection } from "@/lib/providers/workspace";

export const POST = authedRoute(async (_req, ctx, p) => testProviderConnection(ctx, p.id));
