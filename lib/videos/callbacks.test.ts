import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { generationAttempts, videoGenerations } from "@/db/schema";
import { resetEnvCache } from "@/lib/env";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { newWorkspace, waitFor } from "@/lib/testing/fixtures";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { handleProviderCallback } from "./callbacks";

describe("provider callbacks", () => {
  let fake: HeygenFake;
  beforeAll(async () => {
    fake = await startHeygenFake();
    // Polls so far apart that only a callback can finish the video within the test.
    process.env.PROVIDER_POLL_INTERVAL_MS = "600000";
    resetEnvCache();
  });
  afterAll(async () => {
    delete process.env.PROVIDER_POLL_INTERVAL_MS;
    resetEnvCache();
    await fake?.close();
  });

  it("a signed HeyGen callback is verified, matched to the attempt and wakes the worker to poll; forged ones are refused", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl, webhookSecret: fake.webhookSecret });
    fake.setMode({ pollsBeforeDone: 0 });
    const { video } = await createVideo(ctx, { title: "Called back", script: "Providers call us when they finish.", avatarProfileId: "sarah", allowTextToVideo: false });
    const running = processVideo(video.id);

    const attempt = await waitFor(
      async () => (await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, video.id)))[0],
      (a) => !!a?.externalId,
    );
    // The submit carried our callback URL for this provider and video.
    const submit = fake.requests.find((r) => r.method === "POST" && r.path.includes("/video/generate"));
    expect((submit?.body as { callback_url?: string }).callback_url).toMatch(new RegExp(`/api/webhooks/heygen\\?video=${video.id}$`));

    const { rawBody, headers } = fake.webhookPayload(attempt.externalId!, "success");
    const url = `http://localhost/api/webhooks/heygen?video=${video.id}`;
    const forged = new Request(url, { method: "POST", headers: { ...headers, signature: "0".repeat(64) }, body: rawBody });
    await expect(handleProviderCallback("heygen", forged, { crossProcess: false })).rejects.toMatchObject({ code: "unauthorized" });

    const real = () => new Request(url, { method: "POST", headers, body: rawBody });
    expect(await handleProviderCallback("heygen", real(), { crossProcess: false })).toEqual({ accepted: true, videoId: video.id });
    await running;
    const [done] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(done.status, done.error ?? "").toBe("completed");
    // The worker asked HeyGen itself instead of trusting the callback.
    expect(fake.requests.filter((r) => r.path.includes("video_status")).length).toBeGreaterThanOrEqual(1);
    // A duplicate delivery after the fact matches no waiting attempt.
    await expect(handleProviderCallback("heygen", real(), { crossProcess: false })).rejects.toMatchObject({ code: "not_found" });
  });
});
