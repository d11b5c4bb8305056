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
import { ProviderError, type GenerationRequest, type NormalisedStatus, type PollResult, type WebhookEvent } from "@/lib/providers/types";
import { KLING_AVATAR, KLING_DEFAULT_VOICES, KLING_USD_PER_UNIT, type KlingModel } from "./models";

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
  if (!(model.aspectRatios as readonly string[]).includes(req.aspectRatio)) throw invalidRequest("kling", `${model.id} does not make ${req.aspectRatio} videos`);
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

/** Units Kling reports as deducted (`final_unit_deduction`, a string) → integer cents, rounded up. */
export function unitsToCents(units: unknown): number | undefined {
  if (units === undefined || units === null || units === "") return undefined;
  const n = Number(units);
  return Number.isFinite(n) && n >= 0 ? Math.ceil(n * KLING_USD_PER_UNIT * 100 - 1e-9) : undefined;
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
    const billed = billedCents(task.billing) ?? unitsToCents(task.final_unit_deduction);
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

// ---------------------------------------------------------------------------------------------
// Avatar (presenter role): TTS → audio id → avatar image2video. Shapes from
// aself101/kling-api docs/api/kling-avatar.md and kling-text-to-speech.md (Kling's pages
// kling.ai/document-api/api/video/avatar[/text-to-speech], fetched 2026-09-20; read 2026-11-30).

export const AVATAR_PATH = "/v1/videos/avatar/image2video";
export const TTS_PATH = "/v1/audio/tts";

/** Kling TTS speaks English and Chinese only; anything else is refused before any request. */
export function ttsLanguage(language: string): "en" | "zh" | undefined {
  const l = language.toLowerCase().split(/[-_]/)[0];
  return (KLING_AVATAR.languages as readonly string[]).includes(l) ? (l as "en" | "zh") : undefined;
}

export function buildTts(req: GenerationRequest): { path: string; body: Rec } {
  const text = req.script.trim();
  if (!text) throw invalidRequest("kling", "the script is empty");
  if (text.length > KLING_AVATAR.maxTextChars) {
    throw new ProviderError("kling", "permanent", `Kling Avatar reads at most ${KLING_AVATAR.maxTextChars} characters; this script has ${text.length}. Shorten it or use another presenter provider.`);
  }
  const lang = ttsLanguage(req.avatar.language);
  if (!lang) throw new ProviderError("kling", "permanent", `Kling Avatar voices speak English or Chinese, not ${req.avatar.language}. Pick another presenter provider for this language.`);
  const own = req.avatar.providerVoiceIds.kling;
  const voice = own || (lang === "en" ? KLING_DEFAULT_VOICES.en[req.avatar.gender === "male" ? "male" : "female"] : undefined);
  if (!voice) throw new ProviderError("kling", "permanent", `No Kling voice is set for ${req.avatar.name} in ${lang}. Add one to the presenter's Kling voice id.`);
  // voice_speed: valid 0.8–2.0, one decimal (Kling rounds outside values; we clamp ourselves).
  const speed = Math.round(Math.min(2, Math.max(0.8, req.voiceSpeed)) * 10) / 10;
  return { path: TTS_PATH, body: { text, voice_id: voice, voice_language: lang, voice_speed: speed } };
}

/** TTS answers with the finished audio (no query endpoint is documented): its id, or why not. */
export function parseTts(json: unknown): { audioId: string } | { error: string } | null {
  const d = isRec(json) ? json.data : undefined;
  if (!isRec(d)) return null;
  if (d.task_status === "failed") return { error: `Kling TTS failed: ${String(d.task_status_msg || "no reason given")}` };
  const audios = isRec(d.task_result) && Array.isArray(d.task_result.audios) ? d.task_result.audios : [];
  const a = audios.find((x) => isRec(x) && (typeof x.id === "string" || typeof x.id === "number") && String(x.id));
  if (!isRec(a)) return d.task_status === "succeed" ? null : { error: `Kling TTS did not return audio (status ${String(d.task_status)})` };
  return { audioId: String(a.id) };
}

export function buildAvatarTask(req: GenerationRequest, audioId: string): { path: string; body: Rec } {
  if (!req.avatar.imageUrl) throw invalidRequest("kling", "Kling Avatar needs the presenter's photo (image URL)");
  const body: Rec = {
    image: req.avatar.imageUrl,
    audio_id: audioId,
    mode: KLING_AVATAR.mode,
    watermark_info: { enabled: false },
    external_task_id: externalTaskId(req),
  };
  if (req.callbackUrl) body.callback_url = req.callbackUrl;
  return { path: AVATAR_PATH, body };
}

/** Create answer {code:0,data:{task_id,task_status}}: same envelope as the legacy design. */
export const parseAvatarCreate = parseCreateTask;
