/** Runway transform on recorded examples (@runwayml/sdk 4.20.1 task shapes, read 2026-11-30). */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { clipRequest } from "@/lib/providers/clip-request";
import { buildAvatarVideo, buildClip, parseCreate, toPollResult } from "@/lib/providers/runway";

const example = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "examples", name), "utf8"));

describe("Runway transform (recorded examples)", () => {
  it("parses create and task answers", () => {
    expect(parseCreate(example("create.response.json"))).toBe("17f20503-6c24-4c16-946b-35dbbce2af2f");
    expect(toPollResult(example("task.running.json"))).toEqual({ status: "running", progress: 42 });
    expect(toPollResult(example("task.succeeded.json"))).toEqual({ status: "succeeded", progress: 100, resultUrl: "https://dnznrvs05pmza.cloudfront.net/17f20503.mp4?_jwt=eyJ" });
    expect(toPollResult(example("task.failed.json"))).toEqual({ status: "failed", error: "Runway task failed [SAFETY.INPUT.TEXT]: Your prompt was flagged by our content moderation system." });
    expect(toPollResult({ status: "SUCCEEDED", output: [] })).toBeNull();
    expect(toPollResult({ status: "NEW_STATE" })).toEqual({ status: "unknown", raw: "NEW_STATE" });
  });

  it("presenter → avatar video speaking the script; clip → image- or text-to-video", () => {
    expect(buildAvatarVideo(sampleRequest())).toEqual({
      path: "/v1/avatar_videos",
      body: { model: "gwm1_avatars", avatar: { type: "runway-preset", presetId: "influencer" }, speech: { type: "text", text: sampleRequest().script } },
    });
    const img = buildClip(clipRequest({ generationId: "g", prompt: "Fog over a bridge", imageUrl: "https://cdn.example/b.png", aspectRatio: "1:1" }));
    expect(img).toEqual({ path: "/v1/image_to_video", body: { model: "gen4_turbo", promptImage: "https://cdn.example/b.png", promptText: "Fog over a bridge", ratio: "960:960", duration: 5 } });
    expect(buildClip(clipRequest({ generationId: "g", prompt: "Fog", aspectRatio: "9:16" })).path).toBe("/v1/text_to_video");
    expect(() => buildClip(clipRequest({ generationId: "g", prompt: "Fog", aspectRatio: "1:1" }))).toThrow(/16:9 and 9:16 only/);
  });
});
