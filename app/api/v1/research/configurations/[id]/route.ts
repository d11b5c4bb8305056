import { authedRoute, readJson } from "@/lib/http/route";
import { deleteResearchConfiguration, getResearchConfiguration, updateResearchConfiguration } from "@/lib/research/service";

export const dynamic = "force-dynamic";

export const GET = authedRoute(async (_req, ctx, p) => getResearchConfiguration(ctx, p.id));

export const PUT = authedRoute(async (req, ctx, p) => updateResearchConfiguration(ctx, p.id, await readJson(req)));

export const DELETE = authedRoute(async (_req, ctx, p) => {
  await deleteResearchConfiguration(ctx, p.id);
  return { deleted: 1 };
});
