import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { publicProviderSettings, saveProviderSettings, setProviderModel, testProviderConnection } from "./workspace";

describe("Settings → Providers: check a key before saving, pick a model", () => {
  let fake: HeygenFake;
  beforeAll(async () => {
    fake = await startHeygenFake();
  });
  afterAll(() => fake.close());

  // Mutation tried: ignoring `pasted.apiKey` in testProviderConnection → "has no key yet".
  it("tests a pasted key without saving it; with no key the provider is not configured and says so", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "heygen", { baseUrl: fake.baseUrl });
    expect(await testProviderConnection(ctx, "heygen")).toMatchObject({ ok: false, message: expect.stringMatching(/no key yet/) });
    const r = await testProviderConnection(ctx, "heygen", { apiKey: fake.apiKey });
    expect(r).toMatchObject({ ok: true, message: "wallet $42.50 · model avatar_iv · 7¢ per second" });
    const wrong = await testProviderConnection(ctx, "heygen", { apiKey: "not-the-right-key" });
    expect(wrong.ok).toBe(false);
    expect(wrong.message).not.toContain("not-the-right-key");
    // Nothing was saved by the checks.
    const hg = (await publicProviderSettings(ctx.workspace.id)).find((p) => p.provider === "heygen")!;
    expect(hg).toMatchObject({ configured: false, keyHint: null, enabled: false });
    await expect(testProviderConnection(ctx, "heygen", { apiKey: "short" })).rejects.toMatchObject({ code: "bad_request" });
  });

  // Mutation tried: dropping the allowed-model check in setProviderModel → kling-v1 is saved.
  it("a workspace picks a current model (the estimate follows); discontinued or unknown picks get a 400 that says what to pick", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    const saved = await setProviderModel(ctx, "kling", "kling-3.0-turbo");
    expect(saved).toMatchObject({ model: "kling-3.0-turbo", costModel: { centsPerUnit: 56, unitName: "5s-clip" } });
    await expect(setProviderModel(ctx, "kling", "kling-v1")).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/discontinued.*kling-2\.6/) });
    await expect(setProviderModel(ctx, "heygen", "avatar_x")).rejects.toMatchObject({ code: "bad_request", message: expect.stringMatching(/avatar_iv/) });
    expect(await setProviderModel(ctx, "kling", null)).toMatchObject({ model: null, costModel: { centsPerUnit: 21 } });
  });
});
