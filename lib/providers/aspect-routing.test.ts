/**
 * 4:5 as a first-class aspect (issue 13): the API accepts it, routing sends it only to providers
 * that make it (capability, never a silent crop), and the estimate prices only those.
 *
 * Mutations tried (each made a test here fail):
 * - failover.ts isCapable: the `aspectRatios.includes` line removed → Kling and Runway become
 *   capable of 4:5 ("routing" test), and the 4:5 estimate lists Runway first.
 * - failover.ts isCapable: the `textOnlyAspectRatios` check removed → Pika is capable of a 4:5
 *   clip that animates an image (its image-to-video follows the image's shape).
 * - runway/provider.ts: "4:5" added to aspectRatios → "routing" fails (Runway has no 4:5 ratio).
 * - lib/videos/input.ts: "portrait_4x5" dropped from ASPECT_NAMES → validation test fails.
 * - failover.ts aspectUnavailableMessage: returning null → the 4xx loses "makes 4:5 videos".
 */
import { describe, it, expect } from "vitest";
import { allProviders, getProvider } from "@/lib/providers/registry";
import { isCapable } from "@/lib/providers/failover";
import { clipRequest } from "@/lib/providers/clip-request";
import { ASPECT_RATIOS, type GenerationRequest } from "@/lib/providers/types";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { createVideoSchema, ASPECT_TO_RATIO } from "@/lib/videos/input";
import { estimateForForm } from "@/lib/videos/estimate-public";
import { newWorkspace } from "@/lib/testing/fixtures";
import { isAppError } from "@/lib/errors";

const SCRIPT = "Three habits of remote teams that ship. Write it down, decide in the open, demo weekly.";

function presenterReq(aspectRatio: GenerationRequest["aspectRatio"], imageUrl?: string): GenerationRequest {
  return {
    generationId: "g", attempt: 1, title: "t", script: SCRIPT, aspectRatio, voiceSpeed: 1, captions: true,
    background: { type: "color", value: "#ffffff" },
    avatar: { id: "a", slug: "sarah", name: "Sarah", avatarType: "avatar", style: "normal", language: "en-US", providerAvatarIds: {}, providerVoiceIds: {}, ...(imageUrl ? { imageUrl } : {}) },
  };
}

const capable = (role: "presenter" | "clip", req: GenerationRequest) =>
  allProviders().filter((p) => isCapable(p, req, { role, allowTextToVideo: true }).ok).map((p) => p.id).sort();

describe("4:5 aspect", () => {
  it("is in the shared list and the API accepts it as portrait_4x5", () => {
    expect(ASPECT_RATIOS).toContain("4:5");
    expect(ASPECT_TO_RATIO.portrait_4x5).toBe("4:5");
    const ok = createVideoSchema.safeParse({ title: "t", script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "portrait_4x5" });
    expect(ok.success).toBe(true);
    const bad = createVideoSchema.safeParse({ title: "t", script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "4:5" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toContain("portrait_4x5 (4:5)");
  });

  it("routing: only providers whose published spec has 4:5 are candidates", () => {
    // Presenters: the local studio (own layout) and HeyGen (aspect_ratio 4:5); Kling Avatar and
    // Runway avatar videos do not make 4:5 (and Kling needs a photo anyway).
    expect(capable("presenter", presenterReq("4:5", "https://cdn.example/p.png"))).toEqual(["heygen", "local"]);
    expect(capable("presenter", presenterReq("9:16", "https://cdn.example/p.png"))).toEqual(["heygen", "kling", "local", "runway"]);
    // Clips from text: Pika (fal aspect_ratio has 4:5); Kling and Runway have no 4:5.
    expect(capable("clip", clipRequest({ generationId: "c", prompt: "A paper boat on a rainy street", aspectRatio: "4:5" }))).toEqual(["pika"]);
    // Clips from an image: Pika's image-to-video follows the image, so nobody promises 4:5.
    expect(capable("clip", clipRequest({ generationId: "c", prompt: "Slow dolly", imageUrl: "https://cdn.example/a.png", aspectRatio: "4:5" }))).toEqual([]);
    expect(capable("clip", clipRequest({ generationId: "c", prompt: "Slow dolly", imageUrl: "https://cdn.example/a.png", aspectRatio: "9:16" }))).toEqual(["kling", "pika", "runway"]);
    expect(isCapable(getProvider("runway"), presenterReq("4:5")).reason).toBe("does not make 4:5 videos");
  });

  it("estimate: 4:5 skips Runway and is priced by the provider that will make it", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "runway", { enabled: true, priority: 5, apiKey: "rw_test_key" });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: "hg_test_key" });
    await saveProviderSettings(ctx, "local", { enabled: true, priority: 50 });
    const tall = await estimateForForm(ctx, { script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "portrait" });
    expect(tall.candidates.map((c) => c.provider)).toEqual(["runway", "heygen", "local"]);
    const feed = await estimateForForm(ctx, { script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "portrait_4x5" });
    expect(feed.candidates.map((c) => c.provider)).toEqual(["heygen", "local"]);
    const heygen = tall.candidates.find((c) => c.provider === "heygen")!;
    // Same script and speed: HeyGen's price does not change with the shape, and it is now first.
    expect(feed.candidates[0]).toEqual(heygen);
    expect(feed.minReserveCents).toBe(heygen.cents);
    expect(feed.reserveCents).toBe(Math.max(...feed.candidates.map((c) => c.cents)));
    expect(Number.isInteger(feed.reserveCents)).toBe(true);
  });

  it("no enabled provider makes 4:5 → a 4xx that names the shape and who makes it", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: false });
    await saveProviderSettings(ctx, "runway", { enabled: true, priority: 5, apiKey: "rw_test_key" });
    // 9:16 still works on Runway alone.
    expect((await estimateForForm(ctx, { script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "portrait" })).candidates.map((c) => c.provider)).toEqual(["runway"]);
    const err = await estimateForForm(ctx, { script: SCRIPT, avatarProfileId: "sarah", aspectRatio: "portrait_4x5" }).then(() => null, (e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("bad_request");
    expect((err as Error).message).toBe("None of your enabled providers makes 4:5 videos. Local studio, HeyGen make it. Enable one in Settings → Providers, or pick another aspect ratio.");
  });
});
