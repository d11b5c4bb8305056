/**
 * PostgreSQL errors → AppError, so a bad value or a busy database is a 4xx/503 the caller can
 * act on instead of a 500. Drizzle wraps driver errors (DrizzleQueryError with `cause`), so the
 * cause chain is walked. SQLSTATE classes: https://www.postgresql.org/docs/15/errcodes-appendix.html
 */
import { AppError } from "@/lib/errors";

/** Seconds a client should wait before retrying when the database is unreachable. */
export const DB_RETRY_AFTER_SECONDS = 5;

const CONNECTION_CODES = new Set([
  // postgres.js (https://github.com/porsager/postgres#connection-errors)
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
  // Node sockets
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH",
]);

function sqlStateOf(err: unknown): { code: string; constraint?: string } | null {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e && typeof e === "object"; depth++) {
    const o = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown; cause?: unknown; errors?: unknown };
    if (typeof o.code === "string" && (/^[0-9A-Z]{5}$/.test(o.code) || CONNECTION_CODES.has(o.code))) {
      const c = o.constraint_name ?? o.constraint;
      return { code: o.code, constraint: typeof c === "string" ? c : undefined };
    }
    // AggregateError from a failed connect lists each address tried.
    if (Array.isArray(o.errors) && o.errors.length) e = o.errors[0];
    else e = o.cause;
  }
  return null;
}

export function mapDbError(err: unknown): AppError | null {
  const s = sqlStateOf(err);
  if (!s) return null;
  const { code } = s;
  if (CONNECTION_CODES.has(code) || code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300") {
    return new AppError("unavailable", "The database is unavailable right now. Retry in a few seconds.", { retryAfterSeconds: DB_RETRY_AFTER_SECONDS });
  }
  if (code === "40001" || code === "40P01") {
    return new AppError("conflict", "Another change to the same data happened at the same time. Retry the request.");
  }
  if (code === "23505") return new AppError("conflict", "Something with these values already exists; change them or use the existing one.");
  if (code === "23503") return new AppError("bad_request", "The request refers to something that does not exist (or was deleted). Check the ids you sent.");
  if (code === "23502" || code === "23514") return new AppError("bad_request", "A value the request needs is missing or not allowed. Check the fields you sent.");
  // 22P02 invalid_text_representation (e.g. a malformed uuid): the thing asked for cannot exist.
  if (code === "22P02") return new AppError("not_found", "Nothing with that id exists here. Ids are UUIDs.");
  if (code === "22003") return new AppError("bad_request", "A number in the request is too large. Whole numbers are limited to 2147483647.");
  if (code === "22001") return new AppError("bad_request", "A text value in the request is too long; shorten it.");
  if (code === "22021" || code === "22P05" || code === "22025") return new AppError("bad_request", "A text value contains a character that cannot be stored (such as NUL); remove it.");
  if (code === "22007" || code === "22008") return new AppError("bad_request", "A date or time in the request is invalid; send ISO 8601 like 2026-11-30T12:00:00Z.");
  if (code.startsWith("22")) return new AppError("bad_request", "A value in the request is not valid for its field. Check the fields you sent.");
  return null;
}
