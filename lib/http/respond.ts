/**
 * One error shape for the whole API: `{ error: { code, message, issues?, ...details } }`, with
 * the status from lib/errors' table. Zod issues, AppErrors from any bundle (brand check) and
 * PostgreSQL errors are each mapped; anything else is logged and answered 500 without internals.
 */
import { z } from "zod";
import { AppError, httpStatusOf, isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { mapDbError } from "./db-errors";

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }).loose(),
});

interface ZodLike {
  issues: { path: PropertyKey[]; message: string }[];
}

/** ZodError across bundles/versions: by class or by shape. */
export function isZodError(e: unknown): e is ZodLike {
  if (e instanceof z.ZodError) return true;
  return typeof e === "object" && e !== null && (e as { name?: unknown }).name === "ZodError" && Array.isArray((e as ZodLike).issues);
}

export function zodToAppError(err: ZodLike, where = "body"): AppError {
  const issues = err.issues.map((i) => ({ path: [where, ...i.path.map(String)].join("."), message: i.message }));
  const first = issues[0];
  return new AppError("bad_request", first ? `${first.path}: ${first.message}` : "Invalid request.", { issues });
}

/** Normalises anything thrown into an AppError (null: an unexpected error, logged by the caller). */
export function toAppError(err: unknown): AppError | null {
  if (isAppError(err)) return err;
  if (isZodError(err)) return zodToAppError(err);
  return mapDbError(err);
}

export function errorResponse(err: unknown, headers: Record<string, string> = {}): Response {
  const e = toAppError(err);
  if (!e) {
    logger.error({ err }, "unhandled route error");
    return Response.json(
      { error: { code: "internal", message: "Something went wrong on our side. Try again; if it persists, check the server log." } },
      { status: 500, headers },
    );
  }
  const h: Record<string, string> = { ...headers };
  const retry = e.details?.retryAfterSeconds;
  if (typeof retry === "number") h["Retry-After"] = String(Math.ceil(retry));
  else if (e.code === "unavailable" || e.code === "rate_limited") h["Retry-After"] ??= "5";
  const { retryAfterSeconds: _r, ...details } = e.details ?? {};
  void _r;
  return Response.json({ error: { code: e.code, message: e.message, ...details } }, { status: httpStatusOf(e.code), headers: h });
}
