/**
 * The fingerprint of a create request for `Idempotency-Key` (Stripe's rule: a key replays the
 * first result only for the same parameters; the same key with different parameters is a 409,
 * https://docs.stripe.com/api/idempotent_requests, read 2026-11-30). Keys of objects are
 * sorted so `{a,b}` and `{b,a}` hash alike; the key itself is not part of the fingerprint.
 */
import { createHash } from "node:crypto";

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") {
    return Object.fromEntries(
      Object.keys(v as object)
        .filter((k) => k !== "idempotencyKey" && (v as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, canonical((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

export function requestHash(body: unknown): string {
  return createHash("sha256").update(JSON.stringify(canonical(body ?? {}))).digest("hex");
}
