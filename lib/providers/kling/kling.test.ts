import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { createKlingProvider, klingJwt } from "@/lib/providers/kling";

const log = pino({ level: "silent" });

describe("Kling specifics", () => {
  let fake: KlingFake;
  const ctx = () => ({ credentials: { accessKey: fake.accessKey, secretKey: fake.secretKey, baseUrl: fake.baseUrl }, workDir: "/tmp" });
  beforeAll(async () => {
    fake = await startKlingFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.concurrencyCap = Number.POSITIVE_INFINITY;
  });

  it("signs an HS256 JWT with iss/exp/nbf, fresh per request", async () => {
    const now = 1_800_000_000;
    const [h, p] = klingJwt("AK", "SK", now).split(".");
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(p, "base64url").toString())).toEqual({ iss: "AK", exp: now + 1800, nbf: now - 5 });
    const provider = createKlingProvider({ log });
    await provider.testConnection(ctx());
    await provider.testConnection(ctx());
    const auths = fake.requests.map((r) => r.headers.authorization);
    expect(auths.every((a) => /^Bearer [\w-]+\.[\w-]+\.[\w-]+$/.test(String(a)))).toBe(true);
  });

  it("the fake enforces exp (1004) and nbf (1003)", async () => {
    const expired = klingJwt(fake.accessKey, fake.secretKey, Math.floor(Date.now() / 1000) - 4000);
    const r = await fetch(`${fake.baseUrl}/v1/videos/text2video`, { headers: { authorization: `Bearer ${expired}` } });
    expect(r.status).toBe(401);
    expect((await r.json()).code).toBe(1004);
    const future = klingJwt(fake.accessKey, fake.secretKey, Math.floor(Date.now() / 1000) + 600);
    expect((await (await fetch(`${fake.baseUrl}/v1/videos/text2video`, { headers: { authorization: `Bearer ${future}` } })).json()).code).toBe(1003);
  });

  it("image2video with external_task_id; a fresh process finds the family by trying both paths", async () => {
    const a = createKlingProvider({ log });
    const req = sampleRequest({ avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example.com/sarah.png" }, attempt: 3 });
    const { externalId } = await a.submit(ctx(), req);
    expect(externalId).toMatch(/^\d+$/);
    const post = fake.requests.find((r) => r.method === "POST")!;
    expect(post.path).toBe("/v1/videos/image2video");
    expect(post.body).toMatchObject({ image: "https://cdn.example.com/sarah.png", external_task_id: "gen_0001-3", duration: "10", model_name: "kling-v1", mode: "std" });
    expect(post.body).not.toHaveProperty("aspect_ratio");
    const b = createKlingProvider({ log }); // no family cache
    expect((await b.poll(ctx(), externalId)).status).toBe("queued");
  });

  it("business codes decide the kind: 1303 rate_limited (≥1 s), 1102 budget despite HTTP 429", async () => {
    const p = createKlingProvider({ log });
    fake.concurrencyCap = 0;
    await expect(p.submit(ctx(), sampleRequest())).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 1000, httpStatus: 429 });
    fake.concurrencyCap = Number.POSITIVE_INFINITY;
    fake.setMode({ submitFault: { kind: "budget", times: 1 } });
    await expect(p.submit(ctx(), sampleRequest())).rejects.toMatchObject({ kind: "budget", httpStatus: 429 });
  });

  it("posts bare-task callbacks on status changes; parseWebhook accepts bare and wrapped", async () => {
    const bodies: string[] = [];
    const srv = http.createServer((req, res) => {
      let b = "";
      req.on("data", (c) => (b += c));
      req.on("end", () => {
        bodies.push(b);
        res.end();
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/cb?token=opaque`;
    const p = createKlingProvider({ log });
    fake.setMode({ pollsBeforeDone: 2 });
    const { externalId } = await p.submit(ctx(), sampleRequest({ callbackUrl: url }));
    for (let i = 0; i < 3; i++) await p.poll(ctx(), externalId);
    for (let i = 0; i < 50 && bodies.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => srv.close(r));
    const last = JSON.parse(bodies[bodies.length - 1]);
    expect(last.task_status).toBe("succeed");
    expect(p.parseWebhook!(last)).toEqual({ externalId, claimedStatus: "succeeded" });
    expect(p.parseWebhook!({ code: 0, message: "SUCCEED", data: { task_id: "42", task_status: "failed" } })).toEqual({ externalId: "42", claimedStatus: "failed" });
    expect(p.parseWebhook!({})).toBeNull();
  });

  it("the fake validates enums with 400/1201", async () => {
    const token = klingJwt(fake.accessKey, fake.secretKey);
    const r = await fetch(`${fake.baseUrl}/v1/videos/text2video`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ prompt: "x", duration: 5 }),
    });
    expect(r.status).toBe(400);
    expect((await r.json()).code).toBe(1201);
  });
});
