/**
 * Kling ⇄ our types: pure mapping, no I/O. Tested on ./examples.
 * Current design (API key): POST /text-to-video/<model> {prompt, settings:{resolution,
 * aspect_ratio, duration}, options:{callback_url, external_task_id}}; POST /image-to-video/<model>
 * {contents:[{type:"prompt",text},{type:"first_frame",url}], settings, options}; answer
 * {code:0,data:{id,status}}; GET /tasks?task_ids= → data:[{id,status submitted|processing|
 * succeeded|failed, message, outputs:[{type:"video",url}], billing:[{charge_type unit|cash,
 * amount, currency}]}]. Source: aself101/kling-api docs/api/kling-2.6-t2v.md (Kling's doc page
 * https://kling.ai/document-api/api/video/2-6/text-to-video, fetched 2026-09-20; read 2026-11-30).
 * Legacy design (JWT): /v1/videos/{family} with model_name, task_status "succeed" (shared/providers/kling.md).
 */
import { clipSeconds } from "@/lib/providers/cost-models";
import { invalidRequest, presenterPrompt } from "@/lib/providers/http";
import type { GenerationRequest, NormalisedStatus, PollResult, WebhookEvent } from "@/lib/providers/types";
import { KLING_USD_PER_UNIT, type KlingModel } from "./models";

type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

const STATUS: Record<string, NormalisedStatus> = {
  submitted: "queued",
  processing: "running",
  succeeded: "succeeded",
  succeed: "succeeded", // legacy spelling
  failed: "failed",
};

export const externalTaskId = (req: Pick<GenerationRequest, "generationId" | "attempt">) => `${req.generationId}:${req.attempt}`;

/** Nearest duration the model offers at or above the speech (capped at its longest). */
function durationFor(req: GenerationRequest, model: KlingModel): number {
  const want = clipSeconds(req);
  return model.durations.find((d) => d >= want) ?? model.durations[model.durations.length - 1];
}

export function buildCreateTask(req: GenerationRequest, model: KlingModel): { path: string; body: Rec } {
  const prompt = presenterPrompt(req, 2500);
  if (!prompt.trim()) throw invalidRequest("kling", "empty prompt");
  if (!model.aspectRatios.includes(req.aspectRatio)) throw invalidRequest("kling", `${model.id} does not make ${req.aspectRatio} videos`);
  const options: Rec = { external_task_id: externalTaskId(req), watermark_info: { enabled: false } };
  if (req.callbackUrl) options.callback_url = req.callbackUrl;
  const settings: Rec = { resolution: "720p", duration: durationFor(req, model) };
  if (req.avatar.imageUrl) {
    return {
      path: `/image-to-video/${model.id}`,
      body: { contents: [{ type: "prompt", text: prompt }, { type: "first_frame", url: req.avatar.imageUrl }], settings, options },
    };
  }
  return { path: `/text-to-video/${model.id}`, body: { prompt, settings: { ...settings, aspect_ratio: req.aspectRatio }, options } };
}

/** Legacy body (JWT endpoints): model_name in the body, string durations. */
export function buildLegacyCreateTask(req: GenerationRequest, model: KlingModel): { path: string; body: Rec } {
  const prompt = presenterPrompt(req, 2500);
  if (!prompt.trim()) throw invalidRequest("kling", "empty prompt");
  const family = req.avatar.imageUrl ? "image2video" : "text2video";
  const body: Rec = { model_name: model.id, mode: "std", prompt, duration: String(durationFor(req, model)), external_task_id: externalTaskId(req) };
  if (family === "image2video") body.image = req.avatar.imageUrl;
  else body.aspect_ratio = req.aspectRatio;
  if (req.callbackUrl) body.callback_url = req.callbackUrl;
  return { path: `/v1/videos/${family}`, body };
}

export function parseCreateTask(json: unknown): string | undefined {
  const d = isRec(json) ? json.data : undefined;
  const id = isRec(d) ? (d.id ?? d.task_id) : undefined;
  return typeof id === "string" || typeof id === "number" ? String(id) || undefined : undefined;
}

/** Billed amount in integer cents, when Kling reports it (units × $0.14, or cash in USD). */
export function billedCents(billing: unknown): number | undefined {
  if (!Array.isArray(billing) || billing.length === 0) return undefined;
  let cents = 0;
  for (const b of billing) {
    if (!isRec(b)) continue;
    const amount = Number(b.amount);
    if (!Number.isFinite(amount)) continue;
    if (b.charge_type === "unit") cents += Math.ceil(amount * KLING_USD_PER_UNIT * 100 - 1e-9);
    else if (b.charge_type === "cash" && (b.currency ?? "USD") === "USD") cents += Math.ceil(amount * 100 - 1e-9);
    else return undefined; // CNY or unknown: don't guess
  }
  return cents;
}

export type KlingPoll = (PollResult & { billedCents?: number }) | { status: "unknown"; raw: string } | null;

/** One task object (from GET /tasks data[] or the legacy query/callback) → our poll result. */
export function toPollResult(task: unknown): KlingPoll {
  if (!isRec(task)) return null;
  const raw = String(task.status ?? task.task_status ?? "");
  const status = STATUS[raw];
  if (!status) return { status: "unknown", raw };
  if (status === "succeeded") {
    const outputs = Array.isArray(task.outputs)
      ? task.outputs
      : isRec(task.task_result) && Array.isArray(task.task_result.videos)
        ? task.task_result.videos
        : [];
    const video = outputs.find((o) => isRec(o) && (o.type === undefined || o.type === "video") && typeof o.url === "string" && o.url) as Rec | undefined;
    if (!video) return null;
    const billed = billedCents(task.billing);
    return { status, progress: 100, resultUrl: String(video.url), ...(billed !== undefined ? { billedCents: billed } : {}) };
  }
  if (status === "failed") return { status, error: `Kling task failed: ${String(task.message || task.task_status_msg || "no reason given")}` };
  return { status };
}

/** GET /tasks?task_ids=<id> answers a list; pick ours. */
export function taskFromList(json: unknown, id: string): unknown {
  const d = isRec(json) ? json.data : undefined;
  return Array.isArray(d) ? d.find((t) => isRec(t) && String(t.id ?? t.task_id) === id) : undefined;
}

export function parseKlingCallback(body: unknown): WebhookEvent | null {
  // Current callbacks carry the task object; some copies wrap it in the {code,data} envelope.
  const d = isRec(body) && isRec(body.data) && (body.data.id !== undefined || body.data.task_id !== undefined) ? body.data : body;
  if (!isRec(d)) return null;
  const id = d.id ?? d.task_id;
  if (typeof id !== "string" && typeof id !== "number") return null;
  return { externalId: String(id), claimedStatus: STATUS[String(d.status ?? d.task_status ?? "")] };
}
