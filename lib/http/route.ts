/**
 * For the routes outside /api/v1 (media streaming, provider callbacks): resolve the session or
 * API key and answer errors in the one shape. /api/v1 routes use `defineRoute` (handler.ts).
 */
import { AppError } from "@/lib/errors";
import { requireContext } from "@/lib/auth/session";
import type { AuthContext } from "@/lib/auth/context";
import { errorResponse } from "./respond";

export { errorResponse };

type Params = Record<string, string>;
type Handler = (req: Request, ctx: AuthContext, params: Params) => Promise<Response | unknown>;

export function authedRoute(handler: Handler) {
  return async (req: Request, routeCtx: { params: Promise<Params> }) => {
    try {
      const ctx = await requireContext();
      const result = await handler(req, ctx, (await routeCtx?.params) ?? {});
      return result instanceof Response ? result : Response.json(result);
    } catch (err) {
      return errorResponse(err);
    }
  };
}

export async function readJson(req: Request): Promise<unknown> {
  try {
    return await req.json();
  } catch {
    throw new AppError("bad_request", "The request body must be JSON.");
  }
}
