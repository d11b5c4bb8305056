import { authedRoute } from "@/lib/http/route";
import { listTemplates } from "@/lib/videos/catalog";

export const GET = authedRoute(async (_req, ctx) => ({ templates: await listTemplates(ctx.workspace.id) }));
