/** Pure mapping, checked against recorded v3 bodies in ./examples (shapes from heygen-cli gen/*.go). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import {
  buildCreateVideoBody,
  idempotencyKey,
  parseCreateVideo,
  parseHeygenWebhook,
  parseLooks,
  parseUserMe,
  parseVoices,
  toPollResult,
  verifyHeygenWebhook,
} from "./transform";
import { createHmac } from "node:crypto";

const example = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "examples", name), "utf8"));

describe("HeyGen v3 transform", () => {
  it("builds an avatar create body per the v3 schema (captions burned in, speed clamped, idempotency id)", () => {
    const body = buildCreateVideoBody(sampleRequest({ captions: true, voiceSpeed: 2, aspectRatio: "1:1", callbackUrl: "https://x/cb" }));
    expect(body).toEqual({
      type: "avatar",
      avatar_id: "Angela-inTshirt-20220820",
      script: sampleRequest().script,
      voice_id: "1bd001e7e50f421d891986aad5158bc8",
      title: sampleRequest().title,
      resolution: "720p",
      aspect_ratio: "1:1", // v3 enum has 1:1 (mutation tried: the old "v3 rejects 1:1" guard → throws)
      voice_settings: { speed: 1.5, locale: "en-US" },
      callback_id: "gen_0001:1",
      caption: { style: "default" }, // mutation tried: `caption: true` (v2 style) → this fails
      background: { type: "color", value: "#0E1A2B" },
      callback_url: "https://x/cb",
    });
    expect(idempotencyKey({ generationId: "gen 1", attempt: 2 })).toBe("gen_1:2");
    expect(buildCreateVideoBody(sampleRequest({ captions: false }))).not.toHaveProperty("caption");
  });

  it("uses image {type:'url',url} for a photo input without a HeyGen avatar id", () => {
    const avatar = { ...sampleRequest().avatar, providerAvatarIds: {}, imageUrl: "https://cdn.example/p.jpg" };
    const body = buildCreateVideoBody(sampleRequest({ avatar }));
    expect(body).toMatchObject({ type: "image", image: { type: "url", url: "https://cdn.example/p.jpg" } });
    expect(body).not.toHaveProperty("image_url");
    expect(body).not.toHaveProperty("avatar_id");
  });

  it("refuses, before any HTTP, requests HeyGen would reject", () => {
    expect(() => buildCreateVideoBody(sampleRequest({ avatar: { ...sampleRequest().avatar, providerVoiceIds: {} } }))).toThrow(/voice id/);
    expect(() => buildCreateVideoBody(sampleRequest({ script: "  " }))).toThrow(/empty/);
  });

  it("parses the create response and the status bodies", () => {
    expect(parseCreateVideo(example("create-video.response.json"))).toBe("6b4a3c1e2f0d4e5a9b8c7d6e5f4a3b2c");
    const done = example("video.completed-captioned.json");
    expect(toPollResult(done, { captions: true })).toMatchObject({ status: "succeeded", resultUrl: expect.stringContaining("_caption.mp4") });
    expect(toPollResult(done, { captions: false })).toMatchObject({ status: "succeeded", resultUrl: expect.not.stringContaining("_caption") });
    // A resumed worker (captions unknown) takes the captioned file when HeyGen made one.
    expect(toPollResult(done, {})).toMatchObject({ resultUrl: expect.stringContaining("_caption.mp4") });
    // Captions asked for but not delivered → unusable (never a silent caption-less video).
    const noCaption = { data: { ...(done as { data: object }).data, captioned_video_url: null } };
    expect(toPollResult(noCaption, { captions: true })).toBeNull();
    expect(toPollResult(example("video.processing.json"), {})).toEqual({ status: "running" });
    expect(toPollResult(example("video.failed.json"), {})).toEqual({ status: "failed", error: "HeyGen render failed: Input text was rejected by moderation (MODERATION_REJECTED)" });
    expect(toPollResult({ data: { id: "x", status: "rendering_v9" } }, {})).toEqual({ status: "unknown", raw: "rendering_v9" });
  });

  it("reads the wallet, looks (completed only, photo avatars as talking photos) and voices", () => {
    expect(parseUserMe(example("users-me.json"))).toEqual({ billingType: "wallet", summary: "wallet $42.50", remainingCents: 4250 });
    const looks = parseLooks(example("avatars-looks.json")).items;
    expect(looks.map((l) => [l.id, l.type])).toEqual([
      ["Angela-inTshirt-20220820", "avatar"],
      ["look_photo_lisa_01", "talking_photo"],
    ]);
    expect(looks[0]).toMatchObject({ gender: "female", defaultVoiceId: "1bd001e7e50f421d891986aad5158bc8", engines: ["avatar_iv", "avatar_v"] });
    const voices = parseVoices(example("voices.json")).items;
    expect(voices.map((v) => [v.id, v.language, v.gender])).toEqual([
      ["1bd001e7e50f421d891986aad5158bc8", "English", "female"],
      ["2d5b0e6cf36f460aa7fc47e3eee4ba54", "Spanish", "male"],
    ]);
  });

  it("parses callbacks and verifies registered-endpoint signatures", () => {
    const cb = example("callback.success.json");
    expect(parseHeygenWebhook(cb)).toEqual({ externalId: "6b4a3c1e2f0d4e5a9b8c7d6e5f4a3b2c", claimedStatus: "succeeded" });
    expect(parseHeygenWebhook({ event_type: "avatar_video.fail", event_data: { video_id: "v1" } })).toEqual({ externalId: "v1", claimedStatus: "failed" });
    expect(parseHeygenWebhook({ event_type: "instant_avatar.success", event_data: {} })).toBeNull();
    const raw = JSON.stringify(cb);
    const sig = createHmac("sha256", "whsec").update(raw).digest("hex");
    expect(verifyHeygenWebhook(new Headers({ Signature: sig }), raw, { webhookSecret: "whsec" })).toBe(true);
    expect(verifyHeygenWebhook(new Headers({ "X-HeyGen-Signature": sig }), raw, { webhookSecret: "whsec" })).toBe(true);
    expect(verifyHeygenWebhook(new Headers({ Signature: sig }), raw + " ", { webhookSecret: "whsec" })).toBe(false);
    expect(verifyHeygenWebhook(new Headers({ Signature: sig }), raw, {})).toBe(false);
  });
});
