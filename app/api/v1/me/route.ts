import { authedRoute } from "@/lib/http/route";

export const GET = authedRoute(async (_req, ctx) => ({ user: ctx.user, workspace: ctx.workspace, role: ctx.role }));
