/**
 * Issue 11, defect 6: the outbound webhook signature checked against fixed vectors computed
 * here, independently, with node:crypto — not with the function that makes it.
 *
 * Mutations tried (each made a test here fail):
 * - sign.ts signPayload: HMAC over `rawBody` alone (no `${timestamp}.`) → the fixed vector
 *   and the "receiver recomputes" check fail.
 * - sign.ts verifySignature: the tolerance check `Math.abs(now/1000 - t) > toleranceSec` removed
 *   → "a stale timestamp is refused" fails.
 * - webhooks/index.ts attemptDelivery: `final = … || attempts >= WEBHOOK_MAX_ATTEMPTS` made
 *   `final = true` → "retried after a 500" fails (status "failed" after the first try, no throw).
 */
import http from "node:http";
import { createHmac } from "node:crypto";
import type { AddressInfo } from "node:net";
import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import type { GuardOptions } from "@/lib/net/egress";
import { newWorkspace } from "@/lib/testing/fixtures";
import { attemptDelivery, createEndpoint, deliverEvent } from "./index";
import { signPayload, verifySignature } from "./sign";

const SECRET = "whsec_test_4f9c2a1b7d";
const BODY = '{"id":"evt_1","type":"video.completed","data":{"id":"v_1","status":"completed"}}';
const TS = 1796000000;
// Computed outside the code under test with: printf '%s' "1796000000.$BODY" | openssl dgst -sha256 -hmac "$SECRET"
const EXPECTED_V1 = "a113697b3ffc1992cbb3e5c1dcce124d50a04f0a94d58b854732f3c195317282";

describe("webhook signature (fixed vectors)", () => {
  it("signs t=<ts>,v1=HMAC-SHA256(secret, `${t}.${body}`) in hex", () => {
    // The literal agrees with node:crypto (a second, independent derivation).
    expect(createHmac("sha256", SECRET).update(`${TS}.${BODY}`).digest("hex")).toBe(EXPECTED_V1);
    expect(signPayload(SECRET, BODY, TS)).toBe(`t=${TS},v1=${EXPECTED_V1}`);
    // Signing the body alone (the bug the issue describes) gives a different MAC.
    expect(EXPECTED_V1).not.toBe(createHmac("sha256", SECRET).update(BODY).digest("hex"));
  });

  it("verifies the fixed header at its time, refuses another body, secret or a stale timestamp", () => {
    const header = `t=${TS},v1=${EXPECTED_V1}`;
    const at = TS * 1000;
    expect(verifySignature(SECRET, BODY, header, 300, at)).toBe(true);
    expect(verifySignature(SECRET, BODY.replace("completed", "failed"), header, 300, at)).toBe(false);
    expect(verifySignature("whsec_other", BODY, header, 300, at)).toBe(false);
    // 5 minutes of tolerance: 301 s later is stale, even with a valid MAC.
    expect(verifySignature(SECRET, BODY, header, 300, at + 301_000)).toBe(false);
    expect(verifySignature(SECRET, BODY, header, 300, at + 299_000)).toBe(true);
    expect(verifySignature(SECRET, BODY, `t=${TS},v1=`, 300, at)).toBe(false);
  });

  it("a delivery is signed as a receiver recomputes it, and retried after a 500", async () => {
    const received: { body: string; sig: string }[] = [];
    const statuses = [500, 204];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, sig: String(req.headers["x-avs-signature"]) });
        res.writeHead(statuses.shift() ?? 204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    const loopback: GuardOptions = { policy: { allowPrivate: true, allowHosts: [] } };
    try {
      const ctx = await newWorkspace();
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const ep = await createEndpoint(ctx, { url, events: ["budget.alert"] }, loopback);
      await deliverEvent(ctx.workspace.id, "budget.alert", { period: "daily", threshold: 75, spentCents: 750, capCents: 1000 });
      const [d] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));

      // First try: the endpoint answers 500 → the job throws so the engine retries.
      await expect(attemptDelivery(d.id, { egress: loopback })).rejects.toThrow();
      let [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastStatusCode: 500 });
      // The retry succeeds.
      await attemptDelivery(d.id, { egress: loopback });
      [row] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(row).toMatchObject({ status: "delivered", attempts: 2, lastStatusCode: 204 });

      // The receiver's check, done independently: HMAC over "<t>.<raw body>" with the secret.
      expect(received).toHaveLength(2);
      for (const r of received) {
        const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(r.sig);
        expect(m).not.toBeNull();
        expect(m![2]).toBe(createHmac("sha256", ep.secret).update(`${m![1]}.${r.body}`).digest("hex"));
      }
    } finally {
      receiver.close();
    }
  });
});
