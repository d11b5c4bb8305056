import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startRunwayFake, type RunwayFake } from "@/e2e/fakes/providers/runway";
import { createRunwayProvider } from "@/lib/providers/runway";

const log = pino({ level: "silent" });

describe("Runway specifics", () => {
  let fake: RunwayFake;
  const provider = createRunwayProvider({ log });
  const ctx = (over = {}) => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, ...over }, workDir: "/tmp" });
  beforeAll(async () => {
    fake = await startRunwayFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("sends Bearer + X-Runway-Version; text_to_video with gen4.5 and a pixel ratio", async () => {
    await provider.submit(ctx(), sampleRequest({ aspectRatio: "16:9", role: "clip" }));
    const r = fake.requests[0];
    expect(r.headers["x-runway-version"]).toBe("2024-11-06");
    expect(r.path).toBe("/v1/text_to_video");
    expect(r.body).toMatchObject({ model: "gen4.5", ratio: "1280:720", duration: 10 });
    expect(String((r.body as { promptText: string }).promptText).length).toBeLessThanOrEqual(1000);
  });

  it("image_to_video with gen4_turbo supports 1:1; text-to-video 1:1 is rejected locally", async () => {
    await provider.submit(ctx(), sampleRequest({ role: "clip", aspectRatio: "1:1", avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example.com/a.png" } }));
    expect(fake.requests[0]).toMatchObject({ path: "/v1/image_to_video", body: { model: "gen4_turbo", ratio: "960:960", promptImage: "https://cdn.example.com/a.png" } });
    await expect(provider.submit(ctx(), sampleRequest({ role: "clip", aspectRatio: "1:1" }))).rejects.toMatchObject({ kind: "permanent" });
    expect(fake.requests).toHaveLength(1);
  });

  // Mutation tried: submit ignoring the role (always text/image-to-video) → a presenter request
  // produces a silent clip; this test then sees /v1/text_to_video.
  it("a presenter request makes an avatar video (POST /v1/avatar_videos, SDK shape), never a silent clip", async () => {
    expect(provider.capabilities.roles).toEqual(["presenter", "clip"]);
    fake.setMode({ pollsBeforeDone: 0 });
    const { externalId } = await provider.submit(ctx(), sampleRequest({ role: "presenter" }));
    expect(fake.requests[0]).toMatchObject({
      path: "/v1/avatar_videos",
      body: { model: "gwm1_avatars", avatar: { type: "runway-preset", presetId: "influencer" }, speech: { type: "text", text: sampleRequest().script } },
    });
    const custom = sampleRequest({ avatar: { ...sampleRequest().avatar, providerAvatarIds: { runway: "av_custom_1" }, providerVoiceIds: { runway: "clara" } } });
    await provider.submit(ctx(), custom);
    expect(fake.requests[1].body).toMatchObject({ avatar: { type: "custom", avatarId: "av_custom_1" }, speech: { voice: { type: "preset", presetId: "clara" } } });
    expect((await provider.poll(ctx(), externalId)).status).toBe("succeeded");
  });

  it("a wrong API version is a permanent 400 with the server's reason", async () => {
    await expect(provider.testConnection(ctx({ apiVersion: "1999-01-01" }))).rejects.toThrow(/X-Runway-Version/);
  });

  it("reports progress as a percentage and THROTTLED as queued", async () => {
    fake.setMode({ pollsBeforeDone: 4 });
    const { externalId } = await provider.submit(ctx(), sampleRequest());
    const seen = [];
    for (let i = 0; i < 5; i++) seen.push(await provider.poll(ctx(), externalId));
    expect(seen.map((s) => s.status)).toEqual(["queued", "queued", "running", "running", "succeeded"]);
    expect(seen[2].progress).toBeGreaterThan(0);
    expect(seen[2].progress).toBeLessThanOrEqual(100);
  });

  it("validation failures surface the issues", async () => {
    const r = await fetch(`${fake.baseUrl}/v1/text_to_video`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.apiKey}`, "x-runway-version": "2024-11-06", "content-type": "application/json" },
      body: JSON.stringify({ model: "gen4_turbo", promptText: "x", ratio: "16:9" }),
    });
    expect(r.status).toBe(400);
    expect((await r.json()).error).toBe("Validation of body failed");
  });

  it("cancel is idempotent: DELETE then CANCELLED once then 404, and a second cancel is fine", async () => {
    fake.setMode({ pollsBeforeDone: 5 });
    const { externalId } = await provider.submit(ctx(), sampleRequest());
    await provider.cancel!(ctx(), externalId);
    expect((await provider.poll(ctx(), externalId)).status).toBe("cancelled");
    await expect(provider.poll(ctx(), externalId)).rejects.toMatchObject({ httpStatus: 404 });
    await expect(provider.cancel!(ctx(), externalId)).resolves.toBeUndefined();
  });
});
