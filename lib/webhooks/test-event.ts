/**
 * "Send test event": one signed `test` delivery to one endpoint, through the same delivery
 * code as real events (attemptDelivery: egress guard, HMAC signature, the delivery log), so a
 * green test means real events will arrive. It is tried once, at once, while the user waits:
 * a test that retried for an hour in the background would answer nothing useful.
 */
import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import type { GuardOptions } from "@/lib/net/egress";
import { attemptDelivery } from "./index";

export const TEST_EVENT = "test";

export async function sendTestEvent(ctx: AuthContext, endpointId: string, opts: { egress?: GuardOptions; now?: Date } = {}) {
  requireRole(ctx, ["owner", "admin"]);
  const db = getDb();
  const [ep] = await db
    .select({ id: webhookEndpoints.id, url: webhookEndpoints.url })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, ctx.workspace.id), eq(webhookEndpoints.id, endpointId)));
  if (!ep) throw new AppError("not_found", "Webhook endpoint not found.");
  const now = opts.now ?? new Date();
  const payload = {
    id: randomBytes(12).toString("hex"),
    type: TEST_EVENT,
    createdAt: now.toISOString(),
    workspaceId: ctx.workspace.id,
    data: {
      message: "Test event from Avatar Video Studio. If you can read this, your endpoint receives signed deliveries; check the X-AVS-Signature header with your signing secret.",
      endpointId: ep.id,
    },
  };
  const [d] = await db.insert(webhookDeliveries).values({ workspaceId: ctx.workspace.id, endpointId: ep.id, event: TEST_EVENT, payload }).returning({ id: webhookDeliveries.id });
  try {
    await attemptDelivery(d.id, { egress: opts.egress });
  } catch {
    // attemptDelivery throws to ask the job engine for a retry; a test is not retried.
    await db.update(webhookDeliveries).set({ status: "failed" }).where(and(eq(webhookDeliveries.id, d.id), eq(webhookDeliveries.status, "pending")));
  }
  const [row] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
  return {
    id: row.id,
    event: row.event,
    status: row.status,
    statusCode: row.lastStatusCode,
    error: row.lastError,
    attempts: row.attempts,
    createdAt: row.createdAt,
  };
}
