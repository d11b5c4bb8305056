import { authedRoute, readJson } from "@/lib/http/route";
import { estimateForForm } from "@/lib/videos/estimate-public";

export const POST = authedRoute(async (req, ctx) => estimateForForm(ctx, await readJson(req)));
