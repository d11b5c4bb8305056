import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProviderError, type GenerationRequest, type ProviderContext } from "@/lib/providers/types";
import { probeMedia } from "@/lib/render/ffmpeg";
import { localProvider, waitForLocalRender } from "./index";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "local-provider-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

function request(over: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    generationId: "gen_0001",
    attempt: 1,
    title: "Local provider test",
    script: "Hello from the local studio. This render runs end to end.",
    aspectRatio: "9:16",
    voiceSpeed: 1.2,
    captions: true,
    background: { type: "gradient", colors: ["#0f172a", "#1d4ed8"] },
    avatar: {
      id: "av_1", slug: "sophia", name: "Sophia", avatarType: "avatar", style: "normal", language: "en-US",
      providerAvatarIds: {}, providerVoiceIds: {},
    },
    ...over,
  };
}

async function pollUntilDone(ctx: ProviderContext, id: string) {
  for (let i = 0; i < 600; i++) {
    const r = await localProvider.poll(ctx, id);
    if (r.status !== "running" && r.status !== "queued") return r;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("render did not finish");
}

describe("localProvider", () => {
  it("declares its contract", () => {
    expect(localProvider.id).toBe("local");
    expect(localProvider.capabilities.kinds).toEqual(["avatar_presenter", "talking_photo"]);
    expect(localProvider.capabilities.aspectRatios).toEqual(["9:16", "16:9", "1:1", "4:5"]);
    expect(localProvider.capabilities).toMatchObject({ captions: true, cancel: true, webhooks: false });
    expect(localProvider.isConfigured({})).toBe(true);
    const est = localProvider.estimateCost({ script: "one two three four five. six seven.", voiceSpeed: 1 }, {
      centsPerUnit: 5, unitName: "second", unitsPerSecond: 1, minUnits: 0,
    });
    expect(est).toMatchObject({ cents: 0, unitName: "second" });
    expect(Number.isInteger(est.units)).toBe(true);
  });

  it("tests its connection by running ffmpeg", async () => {
    const r = await localProvider.testConnection({ credentials: {}, workDir: dir });
    expect(r.ok).toBe(true);
    expect(r.detail).toMatch(/ffmpeg version/);
  });

  it("submits, polls, fetches a real MP4, and never renders the same attempt twice", async () => {
    const progress: number[] = [];
    const ctx: ProviderContext = { credentials: {}, workDir: dir, onProgress: (p) => progress.push(p.percent) };
    const { externalId } = await localProvider.submit(ctx, request());
    expect(externalId).toBe("gen_0001-1");
    expect((await localProvider.poll(ctx, externalId)).status).toBe("running");
    const done = await pollUntilDone(ctx, externalId);
    expect(done).toMatchObject({ status: "succeeded" });
    expect(progress.at(-1)).toBe(100);

    const mtime = fs.statSync(path.join(dir, `${externalId}.mp4`)).mtimeMs;
    const again = await localProvider.submit(ctx, request());
    expect(again.externalId).toBe(externalId);
    expect((await localProvider.poll(ctx, externalId)).status).toBe("succeeded");
    expect(fs.statSync(path.join(dir, `${externalId}.mp4`)).mtimeMs).toBe(mtime);

    const dest = path.join(dir, "store", "video.mp4");
    const fetched = await localProvider.fetchResult(ctx, externalId, dest);
    expect(fetched.bytes).toBe(fs.statSync(dest).size);
    const info = await probeMedia(dest);
    expect(info).toMatchObject({ videoCodec: "h264", pixFmt: "yuv420p", width: 1080, height: 1920, audioCodec: "aac" });
    // The spoken words travel with the file, on its clock, for the composer (issue 14).
    // Mutation tried: dropping the sidecar copy in fetchResult → the file is missing here.
    const words = JSON.parse(fs.readFileSync(`${dest}.words.json`, "utf8")) as { text: string; startSec: number; endSec: number }[];
    expect(words.map((w) => w.text.replace(/[^\p{L}\p{N}']/gu, "")).filter(Boolean).join(" ").toLowerCase()).toBe(
      request().script.replace(/[^\p{L}\p{N}' ]/gu, "").replace(/\s+/g, " ").trim().toLowerCase(),
    );
    expect(words.every((w, i) => w.endSec >= w.startSec && (i === 0 || w.startSec >= words[i - 1].startSec))).toBe(true);
    expect(words.at(-1)!.endSec).toBeLessThanOrEqual(info.durationSec + 0.05);
  });

  it("cancels an in-process render", async () => {
    const ctx: ProviderContext = { credentials: {}, workDir: dir };
    const script = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1} of a longer script.`).join(" ");
    const { externalId } = await localProvider.submit(ctx, request({ generationId: "gen_cancel", script }));
    await new Promise((r) => setTimeout(r, 300));
    await localProvider.cancel!(ctx, externalId);
    await waitForLocalRender(externalId);
    expect((await localProvider.poll(ctx, externalId)).status).toBe("cancelled");
    expect(fs.existsSync(path.join(dir, `${externalId}.mp4`))).toBe(false);
  });

  it("turns bad input into a permanent provider error", async () => {
    const ctx: ProviderContext = { credentials: {}, workDir: dir };
    const bad = request({ generationId: "gen_bad", avatar: { ...request().avatar, slug: "nobody" } });
    await expect(localProvider.submit(ctx, bad)).rejects.toSatisfy(
      (e: unknown) => e instanceof ProviderError && e.kind === "permanent" && /Unknown avatar "nobody"/.test(e.message),
    );
    const img = request({ generationId: "gen_img", background: { type: "image", key: "bg/1.png" } });
    await expect(localProvider.submit(ctx, img)).rejects.toSatisfy((e: unknown) => e instanceof ProviderError && e.kind === "permanent");
  });

  it("reports an interrupted render as failed", async () => {
    const r = await localProvider.poll({ credentials: {}, workDir: dir }, "gen_missing-3");
    expect(r.status).toBe("failed");
    expect(r.error).toMatch(/interrupted/);
  });
});
