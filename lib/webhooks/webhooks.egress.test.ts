/**
 * Issue 10, hole 3 (webhook half): endpoints on loopback/private/metadata addresses are refused
 * at create time with a clear 400, refused again at delivery (DNS may change), and the delivery
 * log records one generic text for every way of not reaching an endpoint (no port-scan oracle).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { parseAllowHosts, type GuardOptions } from "@/lib/net/egress";
import { newWorkspace } from "@/lib/testing/fixtures";
import { attemptDelivery, createEndpoint, deliverEvent, REFUSED_PRIVATE, UNREACHABLE } from "@/lib/webhooks";

const strict: GuardOptions = { policy: { allowPrivate: false, allowHosts: [] } };
const allowAll: GuardOptions = { policy: { allowPrivate: true, allowHosts: [] } };

async function deliveryFor(workspaceId: string, endpointId: string) {
  await deliverEvent(workspaceId, "budget.alert", { threshold: 75 });
  const [d] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, endpointId));
  return d;
}

describe("webhook endpoints and the egress guard", () => {
  it.each([
    "http://127.0.0.1:6379/",
    "http://0.0.0.0:8080/hook",
    "http://2130706433/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://localhost:5432/",
    "http://0x7f.1/",
  ])("refuses %s at create time with a 400", async (url) => {
    // Mutation tried: removing `await assertPublicUrl(...)` from createEndpoint → the endpoint is stored.
    const ctx = await newWorkspace();
    const err = await createEndpoint(ctx, { url }, strict).catch((e) => e);
    expect(err.code).toBe("bad_request");
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/Private addresses are not allowed/);
  });

  it("refuses a public name that resolves to a private address at create time", async () => {
    const ctx = await newWorkspace();
    const err = await createEndpoint(ctx, { url: "https://hooks.attacker.example/x" }, { ...strict, resolve: async () => [{ address: "10.1.2.3", family: 4 }] }).catch((e) => e);
    expect(err.message).toMatch(/Private addresses are not allowed/);
  });

  it("checks again at delivery: nothing is sent, the log says why, no retry", async () => {
    // Mutation tried: attemptDelivery using plain fetch → the receiver is hit and the row is "delivered".
    let hits = 0;
    const receiver = http.createServer((_req, res) => {
      hits++;
      res.writeHead(204).end();
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const ctx = await newWorkspace();
      const port = (receiver.address() as AddressInfo).port;
      // Accepted while the operator allowed it (or DNS said public); delivery happens under the strict policy.
      const ep = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/hook`, events: ["budget.alert"] }, allowAll);
      const d = await deliveryFor(ctx.workspace.id, ep.id);
      await attemptDelivery(d.id, { egress: strict });
      const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(after).toMatchObject({ status: "failed", attempts: 1, lastStatusCode: null, lastError: REFUSED_PRIVATE });
      expect(hits).toBe(0);
    } finally {
      receiver.close();
    }
  });

  it("a closed port and an unknown host log the same text (no port-scan oracle)", async () => {
    // Mutation tried: restoring `${e.name}: ${e.message}` as lastError → ECONNREFUSED vs ENOTFOUND differ.
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const ctx = await newWorkspace();
    const allowPort: GuardOptions = { policy: { allowPrivate: false, allowHosts: parseAllowHosts(`127.0.0.1:${port}`) } };
    const a = await createEndpoint(ctx, { url: `http://127.0.0.1:${port}/hook`, events: ["budget.alert"] }, allowPort);
    const da = await deliveryFor(ctx.workspace.id, a.id);
    await attemptDelivery(da.id, { egress: allowPort }).catch(() => undefined);
    const ctx2 = await newWorkspace();
    const noDns: GuardOptions = { ...strict, resolve: async () => Promise.reject(Object.assign(new Error("getaddrinfo ENOTFOUND nowhere.example"), { code: "ENOTFOUND" })) };
    const b = await createEndpoint(ctx2, { url: "https://nowhere.example/hook", events: ["budget.alert"] }, noDns);
    const db = await deliveryFor(ctx2.workspace.id, b.id);
    await attemptDelivery(db.id, { egress: noDns }).catch(() => undefined);
    const [ra] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, da.id));
    const [rb] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, db.id));
    expect(ra.lastError).toBe(UNREACHABLE);
    expect(rb.lastError).toBe(UNREACHABLE);
    expect(ra.lastStatusCode).toBeNull();
    expect(rb.lastStatusCode).toBeNull();
  });

  it("stores no megabyte URLs", async () => {
    const ctx = await newWorkspace();
    const err = await createEndpoint(ctx, { url: `https://example.com/${"a".repeat(5000)}` }, strict).catch((e) => e);
    expect(String(err.message)).toMatch(/2048 characters/);
  });
});
