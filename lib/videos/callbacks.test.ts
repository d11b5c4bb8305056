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

describe("provider callbacks (HeyGen v3, default configuration)", () => {
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

  async function startVideo(opts: { webhookSecret?: string } = {}) {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl, ...(opts.webhookSecret ? { webhookSecret: opts.webhookSecret } : {}) });
    fake.setMode({ pollsBeforeDone: 0 });
    const { video } = await createVideo(ctx, { title: "Called back", script: "Providers call us when they finish.", avatarProfileId: "sarah", allowTextToVideo: false, captions: true });
    const running = processVideo(video.id);
    const attempt = await waitFor(
      async () => (await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, video.id)))[0],
      (a) => !!a?.externalId,
    );
    return { video, running, externalId: attempt.externalId! };
  }
  const statusPolls = (id: string) => fake.requests.filter((r) => r.method === "GET" && r.path === `/v3/videos/${id}`).length;

  // Mutation tried: restoring "every callback must carry a valid signature" (the old rule) in
  // callbacks.ts → the unsigned per-job callback below is refused (401) and the video never finishes.
  it("an unsigned per-job callback wakes the worker, which re-polls v3 and downloads the captioned file; only v3 endpoints are used", async () => {
    const { video, running, externalId } = await startVideo();
    const submit = fake.requests.find((r) => r.method === "POST" && r.path === "/v3/videos");
    const body = submit?.body as { callback_url?: string; caption?: { style?: string }; callback_id?: string };
    expect(body.callback_url).toMatch(new RegExp(`/api/webhooks/heygen\\?video=${video.id}$`));
    expect(body.caption).toEqual({ style: "default" });
    expect(submit?.headers["idempotency-key"]).toBe(`${video.id}:1`);

    const polledBefore = statusPolls(externalId);
    const { rawBody, headers } = fake.webhookPayload(externalId, "success");
    expect(headers).toEqual({}); // per-job deliveries are unsigned
    const url = `http://localhost/api/webhooks/heygen?video=${video.id}`;
    expect(await handleProviderCallback("heygen", new Request(url, { method: "POST", body: rawBody }), { crossProcess: false })).toEqual({
      accepted: true,
      videoId: video.id,
      verified: false,
    });
    await running;
    const [done] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(done.status, done.error ?? "").toBe("completed");
    // The worker asked HeyGen itself instead of trusting the callback…
    expect(statusPolls(externalId)).toBeGreaterThan(polledBefore);
    // …and fetched the burned-in-captions file (captioned_video_url), not video_url.
    // Mutation tried: toPollResult returning video_url when captions are on → this fails.
    const downloads = fake.requests.filter((r) => r.method === "GET" && r.path.startsWith("/media/"));
    expect(downloads.map((r) => r.path)).toContain(`/media/${externalId}-captioned.mp4`);
    expect(downloads.map((r) => r.path)).not.toContain(`/media/${externalId}.mp4`);
    // Nothing touched a retired v1/v2 path.
    expect(fake.requests.filter((r) => /^\/v[12]\//.test(r.path))).toEqual([]);
    // A duplicate delivery after the fact matches no waiting attempt.
    await expect(handleProviderCallback("heygen", new Request(url, { method: "POST", body: rawBody }), { crossProcess: false })).rejects.toMatchObject({ code: "not_found" });
  });

  // Mutation tried: letting the callback's claimed status finish the video (instead of only waking
  // the poller) → the forged "success" below completes a video HeyGen still reports as processing.
  it("a forged unsigned callback changes nothing by itself; a signed delivery with a bad signature is refused", async () => {
    const { video, running, externalId } = await startVideo({ webhookSecret: fake.webhookSecret });
    const job = fake.jobs.get(externalId)!;
    job.stuck = true; // HeyGen keeps saying "processing"
    const url = `http://localhost/api/webhooks/heygen?video=${video.id}`;
    const { rawBody } = fake.webhookPayload(externalId, "success");
    const polledBefore = statusPolls(externalId);
    await handleProviderCallback("heygen", new Request(url, { method: "POST", body: rawBody }), { crossProcess: false });
    await waitFor(async () => statusPolls(externalId), (n) => n > polledBefore);
    const [still] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(still.status).not.toBe("completed");

    // Mutation tried: skipping verification when a signature header is present → accepted.
    const forgedSigned = new Request(url, { method: "POST", headers: { Signature: "0".repeat(64) }, body: rawBody });
    await expect(handleProviderCallback("heygen", forgedSigned, { crossProcess: false })).rejects.toMatchObject({ code: "unauthorized" });

    // The registered endpoint's genuine signed delivery verifies, and the re-poll now finishes it.
    job.stuck = false;
    const signed = fake.webhookPayload(externalId, "success", { signed: true });
    expect(await handleProviderCallback("heygen", new Request(url, { method: "POST", headers: signed.headers, body: signed.rawBody }), { crossProcess: false })).toMatchObject({
      accepted: true,
      verified: true,
    });
    await running;
    const [done] = await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id));
    expect(done.status, done.error ?? "").toBe("completed");
  });
});
