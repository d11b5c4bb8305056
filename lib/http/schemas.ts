/**
 * The shared zod building blocks of the public API: one id schema (no more hand-rolled UUID
 * regexes), bounded text that refuses NUL characters (PostgreSQL text cannot hold them and
 * used to answer 500), int32-bounded integers (PostgreSQL `integer` overflows past 2^31-1),
 * and cursor pagination.
 */
import { z } from "zod";

export const INT32_MAX = 2_147_483_647;

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Any UUID as PostgreSQL's `uuid` type accepts it in canonical form (any version). */
export const idSchema = z.string().regex(UUID_RE, "Ids are UUIDs like 0d9c1f9e-5b7a-4c1e-9f00-3c2a1b0e9d11.");

export function isUuid(s: unknown): s is string {
  return typeof s === "string" && UUID_RE.test(s);
}

/** Path params `{ id }`: a malformed id is "not found", never a database error. */
export const idParams = z.object({ id: idSchema });

/** Text without NUL characters, trimmed length bounds applied by the caller. */
export function safeText(max: number) {
  return z
    .string()
    .max(max, `At most ${max} characters.`)
    .refine((s) => !s.includes("\u0000"), "Text may not contain NUL (\\u0000) characters.");
}

/** A whole number that fits a PostgreSQL `integer` column. */
export function int32(min = 0, max = INT32_MAX) {
  return z
    .number()
    .int("Must be a whole number.")
    .min(min, `Must be at least ${min}.`)
    .max(max, `Must be at most ${max}.`);
}

/** `?limit=&cursor=`: cursors are opaque strings the previous page handed out. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: safeText(500).optional(),
});

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/**
 * Cursor pagination over a list the service already ordered: the cursor is the base64url of
 * the offset-stable key (`createdAt|id` of the last item), so inserting rows never repeats
 * or skips an item that was already handed out before the cursor.
 */
export function paginate<T>(items: T[], q: { limit: number; cursor?: string }, keyOf: (t: T) => string): Page<T> {
  let start = 0;
  if (q.cursor) {
    let after: string;
    try {
      after = Buffer.from(q.cursor, "base64url").toString("utf8");
    } catch {
      after = "";
    }
    const i = items.findIndex((t) => keyOf(t) === after);
    start = i >= 0 ? i + 1 : items.length;
  }
  const data = items.slice(start, start + q.limit);
  const last = data[data.length - 1];
  const more = start + q.limit < items.length;
  return { data, nextCursor: more && last ? Buffer.from(keyOf(last), "utf8").toString("base64url") : null };
}

/**
 * Walks a parsed JSON body once and refuses what PostgreSQL would choke on later, whichever
 * schema the service applies: NUL characters in any string or key, and integers outside the
 * int32 range (every integer the API stores is an int32 column). Returns the JSON path of the
 * first offender, or null.
 */
export function findUnsafeJson(v: unknown, path = "body"): { path: string; problem: string } | null {
  if (typeof v === "string") return v.includes("\u0000") ? { path, problem: "contains a NUL (\\u0000) character" } : null;
  if (typeof v === "number") {
    if (Number.isInteger(v) && Math.abs(v) > INT32_MAX) return { path, problem: `is outside the allowed range (±${INT32_MAX})` };
    return null;
  }
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const r = findUnsafeJson(v[i], `${path}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (v && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes("\u0000")) return { path, problem: "has a key containing a NUL character" };
      const r = findUnsafeJson(x, `${path}.${k}`);
      if (r) return r;
    }
  }
  return null;
}
