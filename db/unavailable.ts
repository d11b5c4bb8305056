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

/**
 * Fast fail while the database is down (issue 11, defect 5). After a query fails because the
 * server is unreachable, the process is "latched" for up to LATCH_MS: one query at a time goes
 * through as a probe, every other query fails at once instead of paying a connect attempt (and
 * queueing behind the pool while it does). The probe's success clears the latch, so the first
 * request after the server is back succeeds; its failure re-arms it. The error carries SQLSTATE
 * 57P03 (cannot_connect_now), which callers already map to 503 + Retry-After.
 */
export const LATCH_MS = Number(process.env.DB_DOWN_LATCH_MS ?? 2000);
let downUntil = 0;
let lastCause = "";
let probing = false;

export class DbDownError extends Error {
  readonly code = "57P03";
  /** What the last real attempt saw (ECONNREFUSED, CONNECT_TIMEOUT, …), for health to say why. */
  readonly lastCause: string;
  constructor(cause: string) {
    super(`The database is unreachable (${cause}); not trying again for a moment.`);
    this.name = "DbDownError";
    this.lastCause = cause;
  }
}

/** Called with every failed query: an "unreachable" error sets the latch. */
export function noteDbError(err: unknown, now = Date.now()): void {
  if (err instanceof DbDownError || !isDbUnavailable(err)) return;
  downUntil = now + LATCH_MS;
  lastCause = String((err as { code?: unknown })?.code ?? (err as Error)?.message ?? "connection error");
}

/** Called with every successful query: the server answers, so nothing is latched. */
export function noteDbOk(): void {
  downUntil = 0;
}

/**
 * What a new query may do: run (null), run as the one probe ("probe"; call probeDone when it
 * settles), or fail at once (the error).
 */
export function admitQuery(now = Date.now()): null | "probe" | DbDownError {
  if (now >= downUntil) {
    // A probe that was built and never awaited must not block the next latch.
    probing = false;
    return null;
  }
  if (!probing) {
    probing = true;
    return "probe";
  }
  return new DbDownError(lastCause);
}

export function probeDone(): void {
  probing = false;
}

/** Whether queries are failing fast right now (health and tests). */
export function dbDownLatched(now = Date.now()): boolean {
  return now < downUntil;
}
