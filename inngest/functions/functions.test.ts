import { describe, it, expect } from "vitest";
import http from "node:http";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookDeliveries } from "@/db/schema";
import { createEndpoint, deliverEvent } from "@/lib/webhooks";
import { verifySignature } from "@/lib/webhooks/sign";
import { deliverWebhookJob } from "@/lib/jobs/catalog";
import { newWorkspace } from "@/lib/testing/fixtures";
import { functionFor } from "./index";

describe("Inngest functions wrap the same job handlers", () => {
  it("webhook.deliver run through Inngest posts a signed payload and logs the delivery", async () => {
    const received: { body: string; sig: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, sig: String(req.headers["x-avs-signature"]) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const ctx = await newWorkspace();
      const ep = await createEndpoint(ctx, { url: `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`, events: ["budget.alert"] });
      // Queue a delivery row the normal way (the pg-boss enqueue is not what we test here).
      await deliverEvent(ctx.workspace.id, "budget.alert", { period: "daily", threshold: 75, spentCents: 750, capCents: 1000 });
      const [d] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, ep.id));

      const t = new InngestTestEngine({ function: functionFor(deliverWebhookJob as never) });
      const { result, error } = await t.execute({ events: [{ name: "avs/webhook.deliver", data: { deliveryId: d.id } }] });
      expect(error).toBeUndefined();
      expect(result).toEqual({ ok: true });

      expect(received).toHaveLength(1);
      expect(verifySignature(ep.secret, received[0].body, received[0].sig)).toBe(true);
      expect(verifySignature("whsec_wrong", received[0].body, received[0].sig)).toBe(false);
      expect(JSON.parse(received[0].body)).toMatchObject({ type: "budget.alert", data: { threshold: 75 } });
      const [after] = await getDb().select().from(webhookDeliveries).where(eq(webhookDeliveries.id, d.id));
      expect(after).toMatchObject({ status: "delivered", attempts: 1, lastStatusCode: 204 });
    } finally {
      receiver.close();
    }
  });
});
