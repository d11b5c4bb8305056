import { authedRoute, readJson } from "@/lib/http/route";
import { saveProviderSettings } from "@/lib/providers/workspace";

export const PUT = authedRoute(async (req, ctx, p) => saveProviderSettings(ctx, p.id, await readJson(req)));
