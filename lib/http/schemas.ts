/**
 * The shared zod building blocks of the public API: one id schema (no more hand-rolled UUID
 * regexes), bounded text that refuses NUL characters (PostgreSQL text cannot hold them and
 * used to answer 500), int32-bounded integers (PostgreSQL `integer` overflows past 2^31-1),
 * and cursor pagination.
 */
import { z } from "zod";
import { AppError } from "@/lib/errors";

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
  limit: z.coerce.number().int("limit must be a whole number from 1 to 100.").min(1, "limit must be at least 1.").max(100, "limit must be at most 100.").default(50),
  cursor: safeText(500).optional().describe("The nextCursor of the previous page"),
});

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** The sort key of an item: [createdAt (or another sortable value), id as the tie-breaker]. */
export type SortKey = readonly [string | Date | null | undefined, string];

const BAD_CURSOR = "That cursor is not one this API handed out (copy nextCursor from the previous page as is), or leave it out to start at the first page.";

function keyString(k: SortKey[0]): string {
  return k instanceof Date ? k.toISOString() : (k ?? "");
}

function cmp(a: readonly [string, string], b: readonly [string, string]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") return [v[0], v[1]];
  } catch {
    // fall through: not base64url JSON
  }
  throw new AppError("bad_request", BAD_CURSOR, { issues: [{ path: "query.cursor", message: "not a cursor this API handed out" }] });
}

/**
 * Keyset pagination over a list (ONE convention for every list of the API): items are ordered
 * by `keyOf` = (createdAt, id), newest first unless `order: "asc"`, the id breaking ties; the
 * cursor is the base64url of the last item's key, and the next page starts strictly after it.
 * Comparing keys (not looking the item up) means a deleted or inserted row never repeats or
 * skips one that was already handed out. A cursor that does not decode is a 400.
 */
export function paginate<T>(items: T[], q: { limit: number; cursor?: string }, keyOf: (t: T) => SortKey, order: "desc" | "asc" = "desc"): Page<T> {
  const sign = order === "desc" ? -1 : 1;
  const keyed = items.map((t) => { const k = keyOf(t); return { t, k: [keyString(k[0]), k[1]] as const }; });
  keyed.sort((a, b) => sign * cmp(a.k, b.k));
  let start = 0;
  if (q.cursor) {
    const after = decodeCursor(q.cursor);
    start = keyed.findIndex((x) => sign * cmp(x.k, after) > 0);
    if (start < 0) start = keyed.length;
  }
  const slice = keyed.slice(start, start + q.limit);
  const last = slice[slice.length - 1];
  const more = start + q.limit < keyed.length;
  return { data: slice.map((x) => x.t), nextCursor: more && last ? Buffer.from(JSON.stringify(last.k), "utf8").toString("base64url") : null };
}

/** `{ <items>: [...], nextCursor }`: lists name their items (`keys`, `endpoints`…) beside the cursor. */
export function listBody<K extends string, T>(items: K, page: Page<T>): Record<K, T[]> & { nextCursor: string | null } {
  return { [items]: page.data, nextCursor: page.nextCursor } as Record<K, T[]> & { nextCursor: string | null };
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
