import { authedRoute } from "@/lib/http/route";
import { getWorkspaceForMember } from "@/lib/workspaces";

export const GET = authedRoute(async (_req, ctx, params) => getWorkspaceForMember(ctx, params.id));
