import { authedRoute, readJson } from "@/lib/http/route";
import { listRules, updateRule } from "@/lib/research/rules-store";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx) => ({ rules: await listRules(ctx.workspace.id) }));

/** Body: { source, rule: {...partial rule} } to override, or { source, reset: true } for the default. */
export const PUT = authedRoute(async (req, ctx) => updateRule(ctx, await readJson(req)));
