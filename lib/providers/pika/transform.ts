/**
 * Pika (fal queue) ⇄ our types: pure mapping, no I/O. Tested on ./examples.
 * Submit: POST {base}/fal-ai/pika/<version>/<text|image>-to-video {prompt, resolution, duration,
 * aspect_ratio | image_url} → {request_id, status_url, response_url, cancel_url}; status
 * IN_QUEUE|IN_PROGRESS|COMPLETED; result {video:{url}}; webhooks {request_id, status OK|ERROR}.
 * Sources: fal-ai/fal-js libs/client/src/queue.ts and types/endpoints.ts (shared/providers/pika.md).
 */
import { clipSeconds } from "@/lib/providers/cost-models";
import { extractMessage, joinUrl, presenterPrompt } from "@/lib/providers/http";
import { ProviderError, type GenerationRequest, type PollResult, type WebhookEvent } from "@/lib/providers/types";
import type { PikaModel } from "./models";

export const FAL_DEFAULT_BASE_URL = "https://queue.fal.run";
export const PIKA_APP = "fal-ai/pika";

type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

export interface FalJobRef {
  /** request_id */
  id: string;
  /** status_url, response_url, cancel_url as returned by submit. */
  s: string;
  r: string;
  c: string;
}

const PREFIX = "fal1.";

export function encodeFalRef(ref: FalJobRef): string {
  return PREFIX + Buffer.from(JSON.stringify(ref)).toString("base64url");
}

export function decodeFalRef(externalId: string, baseUrl = FAL_DEFAULT_BASE_URL): FalJobRef {
  if (externalId.startsWith(PREFIX)) {
    try {
      const j = JSON.parse(Buffer.from(externalId.slice(PREFIX.length), "base64url").toString("utf8")) as FalJobRef;
      if (typeof j.id === "string" && typeof j.s === "string" && typeof j.r === "string") return j;
    } catch {
      /* fall through to the error below */
    }
    throw new ProviderError("pika", "permanent", "Pika (fal) job reference is corrupt");
  }
  // A bare request id (e.g. from a webhook): build the documented owner/app URLs.
  const root = joinUrl(baseUrl, `${PIKA_APP}/requests/${encodeURIComponent(externalId)}`);
  return { id: externalId, s: `${root}/status`, r: root, c: `${root}/cancel` };
}

/** The fal request id inside an externalId (what fal's webhooks carry). */
export function falRequestId(externalId: string): string {
  return decodeFalRef(externalId).id;
}

/** The submit path and body for a request on a model; image-to-video when an image is given. */
export function buildSubmit(req: GenerationRequest, model: PikaModel): { modelId: string; body: Rec } {
  const image = !!req.avatar.imageUrl;
  const modelId = `${PIKA_APP}/${model.id}/${image ? "image-to-video" : "text-to-video"}`;
  const want = clipSeconds(req);
  const body: Rec = { prompt: presenterPrompt(req, 1500), resolution: "720p", duration: model.durations.find((d) => d >= want) ?? model.durations[model.durations.length - 1] };
  if (image) body.image_url = req.avatar.imageUrl;
  else body.aspect_ratio = req.aspectRatio;
  return { modelId, body };
}

/** Submit answer → job ref (the returned URLs verbatim; documented ones when absent). */
export function parseSubmit(json: unknown, baseUrl: string): FalJobRef | null {
  if (!isRec(json) || typeof json.request_id !== "string" || !json.request_id) return null;
  const fallback = decodeFalRef(json.request_id, baseUrl);
  return {
    id: json.request_id,
    s: typeof json.status_url === "string" ? json.status_url : fallback.s,
    r: typeof json.response_url === "string" ? json.response_url : fallback.r,
    c: typeof json.cancel_url === "string" ? json.cancel_url : fallback.c,
  };
}

/** Status answer → our status, or "completed" (then the result GET decides), or unknown. */
export function statusOf(json: unknown): PollResult | { status: "completed" } | { status: "unknown"; raw: string } | null {
  if (!isRec(json) || typeof json.status !== "string") return null;
  const s = json.status;
  if (s === "IN_QUEUE") return { status: "queued" };
  if (s === "IN_PROGRESS") return { status: "running" };
  if (s === "FAILED" || s === "ERROR") return { status: "failed", error: `Pika generation failed: ${extractMessage(json) ?? String(json.error_type ?? "error")}` };
  if (s === "CANCELED" || s === "CANCELLED") return { status: "cancelled" };
  if (s === "COMPLETED") return { status: "completed" };
  return { status: "unknown", raw: s };
}

/** Result body (2xx) → the video URL. */
export function resultUrl(json: unknown): string | undefined {
  return isRec(json) && isRec(json.video) && typeof json.video.url === "string" && json.video.url ? json.video.url : undefined;
}

export function parsePikaWebhook(body: unknown): WebhookEvent | null {
  if (!isRec(body) || typeof body.request_id !== "string") return null;
  const claimed = body.status === "OK" ? "succeeded" : body.status === "ERROR" ? "failed" : undefined;
  return { externalId: body.request_id, claimedStatus: claimed };
}
