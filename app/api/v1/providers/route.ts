import { authedRoute } from "@/lib/http/route";
import { publicProviderSettings } from "@/lib/providers/workspace";

export const GET = authedRoute(async (_req, ctx) => ({ providers: await publicProviderSettings(ctx.workspace.id) }));
