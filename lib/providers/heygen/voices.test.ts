/**
 * Seeded presenters carry "auto:<Language>:<gender>" HeyGen voices, resolved at submit time from
 * the account's own voice list (GET /v3/voices?language=&gender=, developers.heygen.com/docs/voices).
 */
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers/heygen";
import { createHeygenProvider, parseAutoVoice, pickVoice } from "@/lib/providers/heygen";

const log = pino({ level: "silent" });

describe("HeyGen voice by language and gender", () => {
  let fake: HeygenFake;
  const ctx = () => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl }, workDir: "/tmp" });
  const seeded = (voice: string, language = "es-ES") => sampleRequest({ avatar: { ...sampleRequest().avatar, name: "Sophia", language, providerVoiceIds: { heygen: voice } } });
  beforeAll(async () => {
    fake = await startHeygenFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  it("parses the marker and picks a voice of that language and gender", () => {
    expect(parseAutoVoice("auto:Spanish:female")).toEqual({ language: "Spanish", gender: "female" });
    expect(parseAutoVoice("1bd001e7e50f421d891986aad5158bc8")).toBeUndefined();
    const voices = [
      { id: "a", name: "Diego", language: "Spanish", gender: "male" },
      { id: "b", name: "Lucía", language: "Spanish", gender: "female" },
    ];
    expect(pickVoice(voices, { language: "spanish", gender: "female" })?.id).toBe("b");
    expect(pickVoice(voices, { language: "English", gender: "female" })).toBeUndefined();
  });

  // Mutation tried: submit skipping withVoice → voice_id "auto:Spanish:female" reaches HeyGen and this fails.
  it("submit sends the account's Spanish female voice, looked up once per key", async () => {
    const provider = createHeygenProvider({ log });
    await provider.submit(ctx(), seeded("auto:Spanish:female"));
    await provider.submit(ctx(), seeded("auto:Spanish:female"));
    const posts = fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos");
    expect(posts.map((p) => (p.body as { voice_id: string }).voice_id)).toEqual(["fa4e0c0de5b54f0e9a1c7f3e2b6d8a02", "fa4e0c0de5b54f0e9a1c7f3e2b6d8a02"]);
    const lookups = fake.requests.filter((r) => r.path === "/v3/voices");
    expect(lookups).toHaveLength(1);
    expect(lookups[0].query).toMatchObject({ language: "Spanish", gender: "female" });
    // An explicit voice id is sent as is, with no lookup.
    await provider.submit(ctx(), seeded("1bd001e7e50f421d891986aad5158bc8", "en-US"));
    expect(fake.requests.filter((r) => r.path === "/v3/voices")).toHaveLength(1);
  });

  it("no voice of that language and gender in the account: a clear message, nothing submitted", async () => {
    const provider = createHeygenProvider({ log });
    await expect(provider.submit(ctx(), seeded("auto:Japanese:female", "ja-JP"))).rejects.toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/no Japanese female voice for Sophia\. Import your HeyGen presenters/),
    });
    expect(fake.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  });
});
