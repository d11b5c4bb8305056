/**
 * Wraps a route handler: resolves the caller (tenancy guard), turns AppError/zod errors into
 * JSON with the right status, and never leaks internals.
 */
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { AppError, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { requireContext } from "@/lib/auth/session";
import type { AuthContext } from "@/lib/auth/context";

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    return NextResponse.json(
      { error: { code: "bad_request", message: first ? `${first.path || "body"}: ${first.message}` : "Invalid request", issues } },
      { status: 400 },
    );
  }
  if (isAppError(err)) {
    return NextResponse.json({ error: { code: err.code, message: err.message, ...(err.details ?? {}) } }, { status: err.status });
  }
  logger.error({ err }, "unhandled route error");
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side. Try again; if it persists, check the server log." } }, { status: 500 });
}

type Params = Record<string, string>;
type Handler = (req: Request, ctx: AuthContext, params: Params) => Promise<Response | unknown>;

export function authedRoute(handler: Handler) {
  return async (req: Request, routeCtx: { params: Promise<Params> }) => {
    try {
      const ctx = await requireContext();
      const result = await handler(req, ctx, (await routeCtx?.params) ?? {});
      return result instanceof Response ? result : NextResponse.json(result);
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
