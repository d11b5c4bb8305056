import { createHash, createPublicKey, verify } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startPikaFake, type PikaFake } from "@/e2e/fakes/providers/pika";
import { createPikaProvider, decodeFalRef, encodeFalRef, falRequestId } from "@/lib/providers/pika";

const log = pino({ level: "silent" });

describe("Pika (fal queue) specifics", () => {
  let fake: PikaFake;
  const provider = createPikaProvider({ requestTimeoutMs: 1000, log });
  const ctx = () => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl }, workDir: "/tmp" });
  beforeAll(async () => {
    fake = await startPikaFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("submits to the full model id, keeps the returned URLs verbatim and polls the owner/app sub-path", async () => {
    const { externalId } = await provider.submit(ctx(), sampleRequest({ aspectRatio: "1:1" }));
    const ref = decodeFalRef(externalId);
    expect(fake.requests[0].path).toBe("/fal-ai/pika/v2.2/text-to-video");
    expect(fake.requests[0].headers.authorization).toBe(`Key ${fake.apiKey}`);
    expect(fake.requests[0].body).toMatchObject({ aspect_ratio: "1:1", resolution: "720p", duration: 10 });
    expect(ref.s).toBe(`${fake.baseUrl}/fal-ai/pika/requests/${ref.id}/status`);
    expect(falRequestId(externalId)).toBe(ref.id);
    await provider.poll(ctx(), externalId);
    expect(fake.requests[1].path).toBe(`/fal-ai/pika/requests/${ref.id}/status`);
  });

  it("image-to-video sends image_url and no aspect_ratio", async () => {
    await provider.submit(ctx(), sampleRequest({ avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example.com/p.png" } }));
    expect(fake.requests[0].path).toBe("/fal-ai/pika/v2.2/image-to-video");
    expect(fake.requests[0].body).toMatchObject({ image_url: "https://cdn.example.com/p.png" });
    expect(fake.requests[0].body).not.toHaveProperty("aspect_ratio");
  });

  it("never sends the key to a job URL on another host", async () => {
    const evil = encodeFalRef({ id: "x", s: "http://127.0.0.1:1/steal", r: "http://127.0.0.1:1/steal", c: "http://127.0.0.1:1/steal" });
    await expect(provider.poll(ctx(), evil)).rejects.toMatchObject({ kind: "permanent" });
    expect(fake.requests).toHaveLength(0);
  });

  it("cancel works while queued and fails clearly once running", async () => {
    fake.setMode({ pollsBeforeDone: 5 });
    const a = await provider.submit(ctx(), sampleRequest());
    await expect(provider.cancel!(ctx(), a.externalId)).resolves.toBeUndefined();
    const b = await provider.submit(ctx(), sampleRequest());
    await provider.poll(ctx(), b.externalId);
    await provider.poll(ctx(), b.externalId); // now IN_PROGRESS
    await expect(provider.cancel!(ctx(), b.externalId)).rejects.toThrow(/can no longer be cancelled/);
  });

  it("422 detail lists become a permanent error with the field named", async () => {
    const r = await fetch(`${fake.baseUrl}/fal-ai/pika/v2.2/text-to-video`, {
      method: "POST",
      headers: { authorization: `Key ${fake.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ prompt: "x", duration: 7 }),
    });
    expect(r.status).toBe(422);
    expect((await r.json()).detail[0].loc).toEqual(["body", "duration"]);
  });

  it("posts an Ed25519-signed webhook that verifies against the fake's JWKS", async () => {
    const got: Array<{ h: http.IncomingHttpHeaders; b: string }> = [];
    const srv = http.createServer((req, res) => {
      let b = "";
      req.on("data", (c) => (b += c));
      req.on("end", () => {
        got.push({ h: req.headers, b });
        res.end();
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    fake.setMode({ pollsBeforeDone: 0 });
    const { externalId } = await provider.submit(ctx(), sampleRequest({ callbackUrl: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook` }));
    expect(fake.requests[0].query.fal_webhook).toMatch(/\/hook$/);
    expect((await provider.poll(ctx(), externalId)).status).toBe("succeeded");
    for (let i = 0; i < 50 && !got.length; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => srv.close(r));
    const { h, b } = got[0];
    const jwks = (await (await fetch(fake.jwksUrl)).json()) as { keys: Array<Record<string, string>> };
    const key = createPublicKey({ key: jwks.keys[0], format: "jwk" });
    const msg = `${h["x-fal-webhook-request-id"]}\n${h["x-fal-webhook-user-id"]}\n${h["x-fal-webhook-timestamp"]}\n${createHash("sha256").update(b).digest("hex")}`;
    expect(verify(null, Buffer.from(msg), key, Buffer.from(String(h["x-fal-webhook-signature"]), "hex"))).toBe(true);
    expect(provider.parseWebhook!(JSON.parse(b))).toEqual({ externalId: falRequestId(externalId), claimedStatus: "succeeded" });
  });
});
