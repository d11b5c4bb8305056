/**
 * Kling Avatar as a presenter: the transform on recorded examples (shapes from Kling's avatar and
 * TTS pages, see transform.ts) and the whole TTS → avatar → poll → billed flow against the fake.
 */
import pino from "pino";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { buildAvatarTask, buildTts, createKlingProvider, klingAvatarEstimate, klingTaskId, parseCreateTask, parseTts, toPollResult } from "@/lib/providers/kling";
import type { GenerationRequest } from "@/lib/providers/types";

const log = pino({ level: "silent" });
const example = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "examples", name), "utf8"));
const data = (name: string) => (example(name) as { data: unknown }).data;

const withPhoto = (over: Partial<GenerationRequest["avatar"]> = {}, req: Partial<GenerationRequest> = {}) =>
  sampleRequest({ ...req, avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example/sarah.png", ...over } });

describe("Kling Avatar transform (recorded examples)", () => {
  it("TTS body: the script, the profile's voice or a default by gender, en|zh, speed clamped to 0.8–2.0", () => {
    expect(buildTts(withPhoto({ providerVoiceIds: { kling: "uk_man2" } }, { voiceSpeed: 0.5 })).body).toEqual({
      text: sampleRequest().script,
      voice_id: "uk_man2",
      voice_language: "en",
      voice_speed: 0.8,
    });
    expect(buildTts(withPhoto({ gender: "male" })).body.voice_id).toBe("oversea_male1");
    expect(buildTts(withPhoto({ gender: "female" })).body.voice_id).toBe("commercial_lady_en_f-v1");
    expect(buildTts(withPhoto({ language: "zh-CN", providerVoiceIds: { kling: "chengshu_jiejie" } })).body.voice_language).toBe("zh");
    // Kling's TTS has no Spanish: refused with what to do, before any request.
    expect(() => buildTts(withPhoto({ language: "es-ES" }))).toThrow(/English or Chinese, not es-ES\. Pick another presenter provider/);
    expect(() => buildTts(withPhoto({}, { script: "x".repeat(1001) }))).toThrow(/at most 1000 characters; this script has 1001/);
  });

  it("parses the TTS answer, the avatar create answer and avatar tasks, billed units → cents", () => {
    expect(parseTts(example("tts.response.json"))).toEqual({ audioId: "aud-893605946402900001" });
    expect(parseTts({ code: 0, data: { task_status: "failed", task_status_msg: "text rejected" } })).toEqual({ error: "Kling TTS failed: text rejected" });
    expect(parseCreateTask(example("avatar-create.response.json"))).toBe("893605946402900002");
    // 2.96 units × $0.14 = $0.4144 → 42 ¢ (rounded up). Mutation tried: reading only `billing[]`
    // (not final_unit_deduction) → billedCents is missing and this fails.
    expect(toPollResult(data("avatar-task.succeeded.json"))).toEqual({
      status: "succeeded",
      progress: 100,
      resultUrl: "https://cdn.klingai.com/avatar/893605946402900002.mp4",
      billedCents: 42,
    });
    expect(toPollResult(data("avatar-task.failed.json"))).toEqual({ status: "failed", error: "Kling task failed: Failure to pass the risk control system" });
    const body = buildAvatarTask(withPhoto({}, { callbackUrl: "https://x/cb" }), "aud-1").body;
    expect(body).toEqual({ image: "https://cdn.example/sarah.png", audio_id: "aud-1", mode: "std", watermark_info: { enabled: false }, external_task_id: "gen_0001:1", callback_url: "https://x/cb" });
    expect(klingTaskId("avatar:893605946402900002")).toBe("893605946402900002");
  });

  it("estimate: speech seconds × 0.4 units + one TTS call, whole units at 14 ¢", () => {
    // sampleRequest: ~8 s of speech → 3.2 + 0.05 units → 4 units → 56 ¢
    expect(klingAvatarEstimate(sampleRequest())).toEqual({ cents: 56, units: 4, unitName: "unit", durationSec: 8 });
    const p = createKlingProvider({ log });
    const clipModel = { centsPerUnit: 21, unitName: "5s-clip", unitsPerSecond: 1 / 5, minUnits: 1 };
    expect(p.estimateCost(sampleRequest(), clipModel).cents).toBe(56);
    expect(p.estimateCost(sampleRequest({ role: "clip" }), clipModel).cents).toBe(42);
  });
});

describe("Kling Avatar against the fake", () => {
  let fake: KlingFake;
  const ctx = (c: Record<string, string> = {}) => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, ...c }, workDir: "/tmp" });
  beforeAll(async () => {
    fake = await startKlingFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.jobs.clear();
  });

  // Mutation tried: submit ignoring the role (always text-to-video) → the POST goes to
  // /text-to-video/kling-2.6 and a presenter video would be a silent clip: this test fails.
  it("a presenter request speaks the script: TTS, then the avatar task with that audio; polled to a billed result", async () => {
    const provider = createKlingProvider({ log });
    fake.setMode({ pollsBeforeDone: 1 });
    const { externalId } = await provider.submit(ctx(), withPhoto({ gender: "female" }, { role: "presenter" }));
    expect(externalId).toMatch(/^avatar:\d+$/);
    const posts = fake.requests.filter((r) => r.method === "POST");
    expect(posts.map((r) => r.path)).toEqual(["/v1/audio/tts", "/v1/videos/avatar/image2video"]);
    expect(posts.every((r) => r.headers.authorization === `Bearer ${fake.apiKey}`)).toBe(true);
    const audioId = (posts[1].body as { audio_id: string }).audio_id;
    expect(fake.audios.get(audioId)).toMatchObject({ voiceId: "commercial_lady_en_f-v1", language: "en" });
    let r = await provider.poll(ctx(), externalId);
    while (r.status !== "succeeded") r = await provider.poll(ctx(), externalId);
    // The fake bills 0.4 units/s of the audio: 17 words / 2.5 = 6.8 s → 2.72 units → 39 ¢.
    expect(r).toMatchObject({ resultUrl: expect.stringContaining(".mp4"), billedCents: 39 });
    expect(fake.requests.filter((x) => x.method === "GET").every((x) => x.path === `/v1/videos/avatar/image2video/${klingTaskId(externalId)}`)).toBe(true);
  });

  it("a presenter without a photo, or with only the legacy key pair, is refused with what to do and no HTTP", async () => {
    const provider = createKlingProvider({ log });
    await expect(provider.submit(ctx(), sampleRequest())).rejects.toMatchObject({ kind: "permanent", message: expect.stringMatching(/needs the presenter's photo/) });
    const jwtOnly = { credentials: { accessKey: fake.accessKey, secretKey: fake.secretKey, baseUrl: fake.baseUrl }, workDir: "/tmp" };
    await expect(provider.submit(jwtOnly, withPhoto())).rejects.toThrow(/need an API key/);
    expect(fake.requests).toHaveLength(0);
  });

  it("the fake refuses what Kling refuses: both audio sources, an unknown audio id, a data: prefix", async () => {
    const post = (body: unknown) =>
      fetch(`${fake.baseUrl}/v1/videos/avatar/image2video`, { method: "POST", headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" }, body: JSON.stringify(body) }).then(async (r) => [r.status, (await r.json()).message]);
    expect(await post({ image: "https://x/a.png", audio_id: "a", sound_file: "https://x/a.mp3" })).toEqual([400, "invalid parameter: exactly one of audio_id and sound_file is required"]);
    expect(await post({ image: "https://x/a.png", audio_id: "nope" })).toEqual([400, "invalid parameter: audio_id not found or expired"]);
    expect(await post({ image: "data:image/png;base64,AAAA", sound_file: "https://x/a.mp3" })).toEqual([400, "invalid parameter: image base64 must not carry a data: prefix"]);
  });
});
