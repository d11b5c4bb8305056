/**
 * Whether an error means "the database cannot be reached right now" (answer 503 with
 * Retry-After, not 500). Covers postgres.js connection errors, socket errors, and the server
 * codes of a shutdown / starting / overloaded server. Drizzle wraps driver errors in `cause`.
 */
const NET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "CONNECT_TIMEOUT", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED"]);
// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections,
// 08xxx connection exceptions.
const PG_CODES = /^(57P0[123]|53300|08\d{3})$/;

export function isDbUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; depth++) {
    const x = e as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
    const code = typeof x.code === "string" ? x.code : typeof x.errno === "string" ? x.errno : undefined;
    if (code && (NET_CODES.has(code) || PG_CODES.test(code))) return true;
    // AggregateError from a dual-stack connect (ECONNREFUSED on ::1 and 127.0.0.1).
    if (Array.isArray(x.errors) && x.errors.some((inner) => isDbUnavailable(inner))) return true;
    e = x.cause;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DB_RETRY_AFTER_SECONDS = 5;
