import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers/heygen";
import { buildV2Body, createHeygenProvider, parseHeygenWebhook, splitScript, verifyHeygenWebhook } from "@/lib/providers/heygen";

const log = pino({ level: "silent" });

describe("HeyGen specifics", () => {
  let fake: HeygenFake;
  let receiver: http.Server;
  const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
  let receiverUrl = "";
  const provider = createHeygenProvider({ requestTimeoutMs: 1000, log });

  beforeAll(async () => {
    fake = await startHeygenFake({ autoWebhook: true });
    receiver = http.createServer((req, res) => {
      let b = "";
      req.on("data", (c) => (b += c));
      req.on("end", () => {
        received.push({ headers: req.headers, body: b });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/api/webhooks/heygen`;
  });
  afterAll(async () => {
    await fake.close();
    await new Promise((r) => receiver.close(r));
  });

  const ctx = () => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, webhookSecret: fake.webhookSecret }, workDir: "/tmp" });

  it("builds the documented v2 body (closeUp style, callback id, dimension, scene split)", () => {
    const body = buildV2Body(sampleRequest({ avatar: { ...sampleRequest().avatar, style: "closeup" }, aspectRatio: "16:9", callbackUrl: "https://x/cb" }), log);
    expect(body).toMatchObject({ callback_id: "gen_0001-1", callback_url: "https://x/cb", dimension: { width: 1280, height: 720 } });
    const scene = (body.video_inputs as Array<Record<string, Record<string, unknown>>>)[0];
    expect(scene.character).toEqual({ type: "avatar", avatar_id: "Angela-inTshirt-20220820", avatar_style: "closeUp" });
    expect(scene.voice).toMatchObject({ type: "text", voice_id: "1bd001e7e50f421d891986aad5158bc8", speed: 1 });
    const long = Array.from({ length: 300 }, (_, i) => `Sentence number ${i} is here.`).join(" ");
    const parts = splitScript(long);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 1500)).toBe(true);
    expect(parts.join(" ")).toBe(long);
  });

  it("rejects an avatar without HeyGen ids locally, before any HTTP", async () => {
    const before = fake.requests.length;
    const req = sampleRequest({ avatar: { ...sampleRequest().avatar, providerVoiceIds: {} } });
    await expect(provider.submit(ctx(), req)).rejects.toMatchObject({ kind: "permanent" });
    expect(fake.requests.length).toBe(before);
  });

  it("lists avatars (and talking photos) and voices", async () => {
    const avatars = await provider.listAvatars(ctx());
    expect(avatars.map((a) => a.type)).toEqual(["avatar", "avatar", "talking_photo"]);
    expect(avatars[0]).toMatchObject({ id: "Angela-inTshirt-20220820", name: "Angela in T-shirt" });
    const voices = await provider.listVoices(ctx());
    expect(voices[0]).toMatchObject({ id: "1bd001e7e50f421d891986aad5158bc8", language: "English" });
  });

  it("receives a signed callback on completion that verifies, and rejects forgeries", async () => {
    fake.setMode({ pollsBeforeDone: 0 });
    const { externalId } = await provider.submit(ctx(), sampleRequest({ callbackUrl: receiverUrl }));
    expect((await provider.poll(ctx(), externalId)).status).toBe("succeeded");
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const got = received[0];
    const headers = new Headers(Object.entries(got.headers).map(([k, v]): [string, string] => [k, String(v)]));
    expect(verifyHeygenWebhook(headers, got.body, ctx().credentials)).toBe(true);
    expect(parseHeygenWebhook(JSON.parse(got.body))).toEqual({ externalId, claimedStatus: "succeeded" });
    // tampered body, wrong secret, alternate header name, no secret
    expect(verifyHeygenWebhook(headers, got.body + " ", ctx().credentials)).toBe(false);
    expect(verifyHeygenWebhook(headers, got.body, { webhookSecret: "nope" })).toBe(false);
    expect(verifyHeygenWebhook(new Headers({ "X-HeyGen-Signature": headers.get("signature")! }), got.body, ctx().credentials)).toBe(true);
    expect(verifyHeygenWebhook(headers, got.body, {})).toBe(false);
    // duplicate delivery and a forged one via the fake's switches
    const statuses = await fake.sendWebhook(externalId, { badSignature: true });
    expect(statuses).toEqual([200]);
    const forged = received[received.length - 1];
    const fh = new Headers(Object.entries(forged.headers).map(([k, v]): [string, string] => [k, String(v)]));
    expect(verifyHeygenWebhook(fh, forged.body, ctx().credentials)).toBe(false);
  });

  it("parses both v2 (url) and v3 (video_url) payloads and failures", () => {
    expect(parseHeygenWebhook({ event_type: "avatar_video.fail", event_data: { video_id: "v1", msg: "x" } })).toEqual({ externalId: "v1", claimedStatus: "failed" });
    expect(parseHeygenWebhook({ event_id: "e", event_type: "avatar_video.success", event_data: { video_id: "v2", video_url: "u" } })).toEqual({ externalId: "v2", claimedStatus: "succeeded" });
    expect(parseHeygenWebhook({ event_type: "instant_avatar.success", event_data: {} })).toBeNull();
    expect(parseHeygenWebhook("nope")).toBeNull();
  });

  it("maps an unknown video id to a permanent 404", async () => {
    await expect(provider.poll(ctx(), "nope")).rejects.toMatchObject({ kind: "permanent", httpStatus: 404 });
  });
});
