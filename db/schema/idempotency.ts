/**
 * Stored answers of create calls made with an `Idempotency-Key` (issue 16), for every create
 * route that has no idempotency column of its own (videos and batches do). One row per
 * (workspace, operation, key): `requestHash` fingerprints params + query + body, so the same key
 * with another request is a 409; `response` is the first answer, sealed with the app secret
 * (create answers can carry one-time secrets, e.g. a webhook's signing secret). A row with no
 * response yet is a request still in flight. Rows older than the replay window are ignored and
 * overwritten (Stripe keeps keys 24 h: https://docs.stripe.com/api/idempotent_requests, read 2026-11-30).
 */
import { pgTable, text, timestamp, uuid, integer, primaryKey, index } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    /** "POST /webhooks": a key is scoped to one operation. */
    operation: text("operation").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    /** The sealed JSON answer; null while the first request is still running. */
    response: text("response"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.operation, t.key] }), index("api_idempotency_keys_created").on(t.createdAt)],
);
