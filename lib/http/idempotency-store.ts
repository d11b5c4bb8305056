/**
 * `Idempotency-Key` for every create route whose service has no key column of its own (videos
 * and batches store the key on their rows; their specs say `idempotency: "service"`). The
 * handler factory wraps the route: the first request with a key claims it and its answer (2xx
 * only) is stored sealed; the same key and the same request (params + query + body) replays
 * that answer with `Idempotent-Replayed: true`; the same key with another request is a 409; a
 * key whose first request is still running is a 409 with Retry-After. A failed first request
 * releases the key. Stripe's rules: https://docs.stripe.com/api/idempotent_requests (read 2026-11-30).
 */
import { getDb } from "@/db/client";
import { claimIdempotencyKey, completeIdempotencyKey, findIdempotencyKey, releaseIdempotencyKey } from "@/db/queries/idempotency";
import { appSecret } from "@/lib/auth/secret";
import { AppError } from "@/lib/errors";
import { decryptSecret, encryptSecret } from "@/lib/providers/crypto";
import { requestHash } from "./idempotency";

/** Keys are remembered for a day, as Stripe does. */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface IdempotencyScope {
  workspaceId: string;
  operation: string;
  key: string;
}

const aad = (s: IdempotencyScope) => `${s.workspaceId}|${s.operation}|${s.key}`;

/** Either the request may run (`null`), or the answer to send instead of running it. */
export async function beginIdempotent(scope: IdempotencyScope, request: unknown, now = new Date()): Promise<Response | null> {
  const hash = requestHash(request);
  const db = getDb();
  if (await claimIdempotencyKey(db, scope.workspaceId, scope.operation, scope.key, hash, now, new Date(now.getTime() - IDEMPOTENCY_WINDOW_MS))) return null;
  const row = await findIdempotencyKey(db, scope.workspaceId, scope.operation, scope.key);
  // Released between our insert and this read: the caller can simply retry.
  if (!row) throw new AppError("conflict", "A request with this Idempotency-Key just failed; send it again.", { retryAfterSeconds: 1 });
  if (row.requestHash !== hash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different request; use a new key for a new request.");
  }
  if (row.response === null || row.status === null) {
    throw new AppError("conflict", "A request with this Idempotency-Key is still running; retry in a few seconds to get its answer.", { retryAfterSeconds: 2 });
  }
  const body = decryptSecret(row.response, appSecret(), aad(scope));
  return new Response(body, { status: row.status, headers: { "content-type": "application/json", "Idempotent-Replayed": "true" } });
}

/** Stores a 2xx JSON answer for replay; anything else releases the key. */
export async function finishIdempotent(scope: IdempotencyScope, res: Response): Promise<void> {
  const json = res.ok && (res.headers.get("content-type") ?? "").includes("application/json");
  if (!json) return failIdempotent(scope);
  const text = await res.clone().text();
  await completeIdempotencyKey(getDb(), scope.workspaceId, scope.operation, scope.key, res.status, encryptSecret(text, appSecret(), aad(scope)));
}

export async function failIdempotent(scope: IdempotencyScope): Promise<void> {
  await releaseIdempotencyKey(getDb(), scope.workspaceId, scope.operation, scope.key);
}
