import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers/heygen";
import { createHeygenProvider } from "@/lib/providers/heygen";

const log = pino({ level: "silent" });

describe("HeyGen v3 against the fake", () => {
  let fake: HeygenFake;
  const provider = createHeygenProvider({ requestTimeoutMs: 5000, log });
  beforeAll(async () => {
    fake = await startHeygenFake();
  });
  afterAll(async () => fake.close());
  const ctx = () => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl }, workDir: "/tmp" });

  it("creates with an Idempotency-Key: a retried submit of the same attempt makes no second video", async () => {
    const a = await provider.submit(ctx(), sampleRequest({ generationId: "gen_idem" }));
    const b = await provider.submit(ctx(), sampleRequest({ generationId: "gen_idem" }));
    expect(b.externalId).toBe(a.externalId);
    const posts = fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos");
    expect(posts.map((r) => r.headers["idempotency-key"])).toEqual(["gen_idem:1", "gen_idem:1"]);
  });

  it("rejects an avatar without HeyGen ids locally, before any HTTP", async () => {
    const before = fake.requests.length;
    const req = sampleRequest({ avatar: { ...sampleRequest().avatar, providerVoiceIds: {} } });
    await expect(provider.submit(ctx(), req)).rejects.toMatchObject({ kind: "permanent" });
    expect(fake.requests.length).toBe(before);
  });

  it("tests the connection with the wallet (GET /v3/users/me)", async () => {
    expect(await provider.testConnection(ctx())).toEqual({ ok: true, detail: "wallet $42.50" });
    await expect(provider.testConnection({ ...ctx(), credentials: { ...ctx().credentials, apiKey: "wrong-key-123" } })).rejects.toMatchObject({ kind: "permanent", httpStatus: 401 });
  });

  it("lists looks across pages and voices from v3", async () => {
    const extra = Array.from({ length: 120 }, (_, i) => ({ id: `look_${i}`, name: `Look ${i}`, avatar_type: "studio_avatar", status: "completed" }));
    fake.looks.push(...extra);
    try {
      const looks = await provider.listAvatars(ctx());
      expect(looks).toHaveLength(3 + 120); // the training look is left out
      expect(fake.requests.filter((r) => r.path === "/v3/avatars/looks").length).toBe(2);
    } finally {
      fake.looks.splice(fake.looks.length - extra.length, extra.length);
    }
    const voices = await provider.listVoices(ctx());
    expect(voices.map((v) => v.id)).toEqual(["1bd001e7e50f421d891986aad5158bc8", "2d5b0e6cf36f460aa7fc47e3eee4ba54", "fa4e0c0de5b54f0e9a1c7f3e2b6d8a01", "fa4e0c0de5b54f0e9a1c7f3e2b6d8a02"]);
  });

  it("the fake answers retired v1/v2 paths with 410, as HeyGen retired them on 2026-10-31", async () => {
    for (const p of ["/v2/video/generate", "/v1/video_status.get?video_id=x", "/v2/user/remaining_quota", "/v2/avatars"]) {
      const r = await fetch(fake.baseUrl + p, { headers: { "x-api-key": fake.apiKey } });
      expect(r.status, p).toBe(410);
    }
  });

  it("maps an unknown video id to a permanent 404", async () => {
    await expect(provider.poll(ctx(), "nope")).rejects.toMatchObject({ kind: "permanent", httpStatus: 404 });
  });
});
