/**
 * Runway ⇄ our types: pure mapping, no I/O. Tested on ./examples.
 * Clips: POST /v1/image_to_video (gen4_turbo) {promptImage, promptText, ratio, duration} or
 * /v1/text_to_video (gen4.5) {promptText, ratio, duration}. Presenter: POST /v1/avatar_videos
 * {model:"gwm1_avatars", avatar:{type:"runway-preset",presetId}|{type:"custom",avatarId},
 * speech:{type:"text",text,voice?}}. All answer {id}; GET /v1/tasks/{id} → status PENDING|
 * THROTTLED|RUNNING|SUCCEEDED|FAILED|CANCELLED, output[], failure, failureCode, progress.
 * Source: @runwayml/sdk 4.20.1 resources/{image-to-video,text-to-video,avatar-videos,tasks}.d.ts
 * (read 2026-11-30); shared/providers/runway.md.
 */
import { clipSeconds } from "@/lib/providers/cost-models";
import { invalidRequest, presenterPrompt } from "@/lib/providers/http";
import type { AspectRatio, GenerationRequest, NormalisedStatus, PollResult } from "@/lib/providers/types";

/** Avatar videos (presenter role): the SDK's only model, and a preset when the profile has no Runway avatar. */
export const RUNWAY_AVATAR_MODEL = "gwm1_avatars";
export const RUNWAY_DEFAULT_AVATAR_PRESET = "influencer";
export const RUNWAY_I2V_MODEL = "gen4_turbo";
export const RUNWAY_T2V_MODEL = "gen4.5";

type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

const STATUS: Record<string, NormalisedStatus> = {
  PENDING: "queued",
  THROTTLED: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

/** Runway's pixel ratios per shape; 4:5 has none (its nearest, 832:1104, is 3:4), see provider.ts. */
const I2V_RATIO: Partial<Record<AspectRatio, string>> = { "16:9": "1280:720", "9:16": "720:1280", "1:1": "960:960" };
const T2V_RATIO: Partial<Record<AspectRatio, string>> = { "16:9": "1280:720", "9:16": "720:1280" };

/** A presenter request (the default role) makes a speaking avatar, never a silent clip. */
export function buildAvatarVideo(req: GenerationRequest): { path: string; body: Rec } {
  if (!req.script.trim()) throw invalidRequest("runway", "the script is empty");
  const custom = req.avatar.providerAvatarIds.runway;
  const voice = req.avatar.providerVoiceIds.runway;
  return {
    path: "/v1/avatar_videos",
    body: {
      model: RUNWAY_AVATAR_MODEL,
      avatar: custom ? { type: "custom", avatarId: custom } : { type: "runway-preset", presetId: RUNWAY_DEFAULT_AVATAR_PRESET },
      speech: { type: "text", text: req.script, ...(voice ? { voice: { type: "preset", presetId: voice } } : {}) },
    },
  };
}

/** A clip: image-to-video when an image is given, else text-to-video (16:9 and 9:16 only). */
export function buildClip(req: GenerationRequest): { path: string; body: Rec } {
  const promptText = presenterPrompt(req, 1000);
  const duration = clipSeconds(req);
  const image = req.avatar.imageUrl;
  if (image) {
    const i2v = I2V_RATIO[req.aspectRatio];
    if (!i2v) throw invalidRequest("runway", `image-to-video makes 16:9, 9:16 and 1:1, not ${req.aspectRatio}`);
    return { path: "/v1/image_to_video", body: { model: RUNWAY_I2V_MODEL, promptImage: image, promptText, ratio: i2v, duration } };
  }
  const ratio = T2V_RATIO[req.aspectRatio];
  if (!ratio) throw invalidRequest("runway", `text-to-video supports 16:9 and 9:16 only, not ${req.aspectRatio}`);
  return { path: "/v1/text_to_video", body: { model: RUNWAY_T2V_MODEL, promptText, ratio, duration } };
}

/** Create answer {id} → the task id. */
export function parseCreate(json: unknown): string | undefined {
  return isRec(json) && typeof json.id === "string" && json.id ? json.id : undefined;
}

/** GET /v1/tasks/{id} → our poll result; null when malformed; "unknown" for a status we don't know. */
export function toPollResult(json: unknown): PollResult | { status: "unknown"; raw: string } | null {
  if (!isRec(json) || typeof json.status !== "string") return null;
  const status = STATUS[json.status];
  if (!status) return { status: "unknown", raw: json.status };
  if (status === "succeeded") {
    const out = Array.isArray(json.output) ? json.output.find((u) => typeof u === "string") : undefined;
    return out ? { status, progress: 100, resultUrl: out as string } : null;
  }
  if (status === "failed") {
    const code = typeof json.failureCode === "string" ? ` [${json.failureCode}]` : "";
    return { status, error: `Runway task failed${code}: ${String(json.failure ?? "no reason given")}` };
  }
  if (status === "running" && typeof json.progress === "number") {
    const p = json.progress <= 1 ? json.progress * 100 : json.progress;
    return { status, progress: Math.max(0, Math.min(100, Math.round(p))) };
  }
  return { status };
}
