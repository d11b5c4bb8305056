/**
 * Outbound webhooks: each event becomes one delivery row per subscribed endpoint, sent by the
 * `webhook.deliver` job (retried with backoff by the job engine) and logged for Settings.
 */
import { randomBytes } from "node:crypto";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { appSecret } from "@/lib/auth/secret";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { encryptSecret, decryptSecret } from "@/lib/providers/crypto";
import { AppError } from "@/lib/errors";
import { enqueue } from "@/lib/jobs/runtime";
import type { Enqueue } from "@/lib/jobs/define";
import { logger } from "@/lib/logger";
import { assertPublicUrl, guardedFetch, isEgressBlocked, type GuardOptions } from "@/lib/net/egress";
import { signPayload } from "./sign";

export const WEBHOOK_EVENTS = ["video.completed", "video.failed", "budget.alert"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const DELIVER_WEBHOOK_JOB = "webhook.deliver";
export const WEBHOOK_MAX_ATTEMPTS = 6;

const endpointInput = z.object({
  url: z
    .string()
    .trim()
    .max(2048, "Webhook URLs are limited to 2048 characters.")
    .url("Enter the full URL of your endpoint, like https://example.com/hooks/avs.")
    .refine((u) => /^https?:\/\//i.test(u), "Webhook URLs must start with http:// or https://."),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, "Pick at least one event.").default([...WEBHOOK_EVENTS]),
});

/**
 * Egress for webhooks: validated at create time (a clear 400 "Private addresses are not allowed")
 * and again at every delivery, at connect time, since DNS can change in between.
 */
export async function createEndpoint(ctx: AuthContext, input: unknown, egress?: GuardOptions) {
  requireRole(ctx, ["owner", "admin"]);
  const v = endpointInput.parse(input);
  await assertPublicUrl(v.url, egress);
  const secret = `whsec_${randomBytes(24).toString("base64url")}`;
  const [row] = await getDb()
    .insert(webhookEndpoints)
    .values({ workspaceId: ctx.workspace.id, url: v.url, events: v.events, encryptedSecret: encryptSecret(secret, appSecret(), ctx.workspace.id) })
    .returning();
  return { id: row.id, url: row.url, events: row.events, active: row.active, createdAt: row.createdAt, secret };
}

export async function listEndpoints(workspaceId: string) {
  const rows = await getDb().select().from(webhookEndpoints).where(eq(webhookEndpoints.workspaceId, workspaceId)).orderBy(desc(webhookEndpoints.createdAt));
  return rows.map(({ encryptedSecret: _s, ...r }) => r);
}

export async function deleteEndpoint(ctx: AuthContext, id: string): Promise<void> {
  requireRole(ctx, ["owner", "admin"]);
  const rows = await getDb()
    .delete(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, ctx.workspace.id), eq(webhookEndpoints.id, id)))
    .returning({ id: webhookEndpoints.id });
  if (!rows.length) throw new AppError("not_found", "Webhook endpoint not found.");
}

export async function listDeliveries(workspaceId: string, limit = 50) {
  return getDb()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.workspaceId, workspaceId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(limit);
}

/**
 * Writes one delivery row per subscribed endpoint, in the caller's transaction when given one
 * (the video's final transition: both commit or neither). Returns the rows' ids; queue them
 * with queueDeliveries after commit. Rows whose job was lost (a kill between commit and
 * enqueue) are queued again by sweepPendingDeliveries.
 */
export async function recordEvent(db: DbOrTx, workspaceId: string, event: WebhookEvent, data: Record<string, unknown>): Promise<string[]> {
  const endpoints = await db
    .select({ id: webhookEndpoints.id, events: webhookEndpoints.events })
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.workspaceId, workspaceId), eq(webhookEndpoints.active, true)));
  const ids: string[] = [];
  for (const ep of endpoints.filter((e) => e.events.includes(event))) {
    const payload = { id: randomBytes(12).toString("hex"), type: event, createdAt: new Date().toISOString(), workspaceId, data };
    const [d] = await db.insert(webhookDeliveries).values({ workspaceId, endpointId: ep.id, event, payload }).returning({ id: webhookDeliveries.id });
    ids.push(d.id);
  }
  return ids;
}

/** Queues recorded deliveries. Never throws: a row left unqueued is picked up by the sweeper. */
export async function queueDeliveries(ids: string[], send: Enqueue = enqueue): Promise<void> {
  for (const id of ids) {
    try {
      await send(DELIVER_WEBHOOK_JOB, { deliveryId: id });
    } catch (err) {
      logger.warn({ err, deliveryId: id }, "webhook delivery not queued now; the sweeper will queue it");
    }
  }
}

/** Records a delivery per subscribed endpoint and queues it. Never throws into the caller's flow. */
export async function deliverEvent(workspaceId: string, event: WebhookEvent, data: Record<string, unknown>): Promise<void> {
  try {
    await queueDeliveries(await recordEvent(getDb(), workspaceId, event, data));
  } catch (err) {
    logger.error({ err, workspaceId, event }, "could not record webhook deliveries");
  }
}

/**
 * Pending deliveries with no live job (created, retry or active) in the engine: their job was
 * never sent (killed between commit and enqueue) or ran out while its worker was being killed.
 * Queued again; receivers dedupe by the X-AVS-Delivery header, so a rare second POST is safe.
 * `olderThanSeconds` leaves just-committed rows to the enqueue that follows their commit.
 */
export async function sweepPendingDeliveries(send: Enqueue, now = new Date(), olderThanSeconds = 30): Promise<number> {
  const cut = new Date(now.getTime() - olderThanSeconds * 1000);
  const rows = await getDb().execute<{ id: string }>(sql`
    select d.id from webhook_deliveries d
    where d.status = 'pending' and d.created_at < ${cut.toISOString()}::timestamptz
      and not exists (
        select 1 from pgboss.job j
        where j.name = ${DELIVER_WEBHOOK_JOB} and j.data->>'deliveryId' = d.id::text
          and j.state in ('created', 'retry', 'active'))
    limit 200`);
  const ids = [...rows].map((r) => r.id);
  await queueDeliveries(ids, send);
  return ids.length;
}

/** One try; throws on failure so the job engine retries with backoff, until the last attempt. */
/** What the delivery log says when the endpoint could not be reached: one text for refused,
 * reset, unknown host and timeout, so the log cannot be used to scan ports. */
export const UNREACHABLE = "Could not deliver: the endpoint did not answer (connection failed or no answer within 10 s).";
export const REFUSED_PRIVATE = "Not delivered: private addresses are not allowed. Point the endpoint at a public URL.";

export async function attemptDelivery(deliveryId: string, opts: { egress?: GuardOptions } = {}): Promise<void> {
  const db = getDb();
  const [d] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
  if (!d || d.status === "delivered") return;
  const [ep] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.id, d.endpointId));
  if (!ep) return;
  const body = JSON.stringify(d.payload);
  const secret = decryptSecret(ep.encryptedSecret, appSecret(), ep.workspaceId);
  const attempts = d.attempts + 1;
  let status: number | null = null;
  let error: string | null = null;
  let blocked = false;
  try {
    const res = await guardedFetch(ep.url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "avatar-video-studio-webhooks/1", "x-avs-event": d.event, "x-avs-delivery": d.id, "x-avs-signature": signPayload(secret, body) },
      body,
      signal: AbortSignal.timeout(10_000),
      redirect: "manual",
    }, opts.egress);
    status = res.status;
    // The body is never read or stored; release the socket.
    await res.body?.cancel().catch(() => undefined);
    if (res.status < 200 || res.status >= 300) error = `Endpoint answered HTTP ${res.status}`;
  } catch (e) {
    blocked = isEgressBlocked(e);
    error = blocked ? REFUSED_PRIVATE : UNREACHABLE;
    logger.warn({ deliveryId, err: e instanceof Error ? `${e.name}: ${e.message}` : String(e), cause: String((e as { cause?: unknown })?.cause ?? "") }, "webhook delivery failed");
  }
  // A refused address will not become public by retrying.
  const final = !error || blocked || attempts >= WEBHOOK_MAX_ATTEMPTS;
  await db
    .update(webhookDeliveries)
    .set({ attempts, lastStatusCode: status, lastError: error, status: !error ? "delivered" : final ? "failed" : "pending", deliveredAt: !error ? new Date() : null })
    .where(eq(webhookDeliveries.id, deliveryId));
  if (error && !final) throw new Error(`webhook delivery ${deliveryId} failed (attempt ${attempts}): ${error}`);
}
