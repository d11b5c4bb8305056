/**
 * HeyGen avatar videos. v2 (default): POST /v2/video/generate + GET /v1/video_status.get.
 * v3 (credentials.apiVersion "v3"): POST /v3/videos + GET /v3/videos/{id}, with an
 * Idempotency-Key. Protocol notes: shared/providers/heygen.md.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { logger as rootLogger } from "@/lib/logger";
import { estimateBySpeech } from "@/lib/providers/cost-models";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  MALFORMED,
  extractMessage,
  fetchResultWithRepoll,
  httpError,
  invalidRequest,
  joinUrl,
  malformed,
  requestJson,
  type AdapterOptions,
  type JsonResponse,
} from "@/lib/providers/http";
import {
  ProviderError,
  type AspectRatio,
  type GenerationRequest,
  type NormalisedStatus,
  type PollResult,
  type ProviderContext,
  type ProviderCredentials,
  type ProviderErrorKind,
  type VideoProvider,
  type WebhookEvent,
} from "@/lib/providers/types";

export const HEYGEN_DEFAULT_BASE_URL = "https://api.heygen.com";
/** Longest `input_text` we put in one scene (docs disagree: 1500/2000/5000). */
const MAX_SCENE_CHARS = 1500;

const DIMENSIONS: Record<AspectRatio, { width: number; height: number }> = {
  "16:9": { width: 1280, height: 720 },
  "9:16": { width: 720, height: 1280 },
  "1:1": { width: 720, height: 720 },
};

const STATUS: Record<string, NormalisedStatus> = {
  waiting: "queued",
  pending: "queued",
  processing: "running",
  completed: "succeeded",
  failed: "failed",
};

/** HeyGen business codes that mean "out of credits / plan does not allow". */
const BUDGET_CODES = new Set(["insufficient_credit", "insufficient_credits", "quota_exceeded", "400599", "payment_required"]);
const AUTH_CODES = new Set(["40009", "400112", "invalid_api_key", "unauthorized"]);

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

function version(c: ProviderCredentials): "v2" | "v3" {
  return c.apiVersion === "v3" ? "v3" : "v2";
}

/** Splits a long script at sentence ends into scene-sized chunks. */
export function splitScript(script: string, max = MAX_SCENE_CHARS): string[] {
  const text = script.trim();
  if (text.length <= max) return [text];
  const sentences = text.match(/[^.!?]+[.!?]+(\s+|$)|[^.!?]+$/g) ?? [text];
  const out: string[] = [];
  let cur = "";
  for (const s of sentences) {
    if ((cur + s).length > max && cur) {
      out.push(cur.trim());
      cur = "";
    }
    if (s.length > max) {
      for (let i = 0; i < s.length; i += max) out.push(s.slice(i, i + max).trim());
    } else cur += s;
  }
  if (cur.trim()) out.push(cur.trim());
  return out.filter(Boolean);
}

function backgroundOf(req: GenerationRequest, log: import("pino").Logger): Rec {
  const b = req.background;
  if (b.type === "color") return { type: "color", value: b.value };
  if (b.type === "gradient") return { type: "color", value: b.colors[0] };
  // Image/video backgrounds are stored objects without a public URL; HeyGen needs one.
  log.warn({ generationId: req.generationId, background: b.type }, "heygen: media background not supported, using a colour");
  return { type: "color", value: "#0E1A2B" };
}

export function buildV2Body(req: GenerationRequest, log: import("pino").Logger = rootLogger): Rec {
  const avatarId = req.avatar.providerAvatarIds.heygen;
  const voiceId = req.avatar.providerVoiceIds.heygen;
  if (!avatarId) throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen avatar id`);
  if (!voiceId) throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen voice id`);
  if (!req.script.trim()) throw invalidRequest("heygen", "the script is empty");
  const character =
    req.avatar.avatarType === "talking_photo"
      ? { type: "talking_photo", talking_photo_id: avatarId, talking_photo_style: req.avatar.style === "circle" ? "circle" : "square" }
      : { type: "avatar", avatar_id: avatarId, avatar_style: req.avatar.style === "closeup" ? "closeUp" : req.avatar.style };
  const speed = Math.min(1.5, Math.max(0.5, req.voiceSpeed));
  const background = backgroundOf(req, log);
  const body: Rec = {
    title: req.title.slice(0, 200),
    callback_id: `${req.generationId}-${req.attempt}`,
    dimension: DIMENSIONS[req.aspectRatio],
    caption: req.captions,
    video_inputs: splitScript(req.script).map((input_text) => ({
      character,
      voice: { type: "text", input_text, voice_id: voiceId, speed },
      background,
    })),
  };
  if (req.callbackUrl) body.callback_url = req.callbackUrl;
  return body;
}

export function buildV3Body(req: GenerationRequest): Rec {
  const avatarId = req.avatar.providerAvatarIds.heygen;
  const voiceId = req.avatar.providerVoiceIds.heygen;
  if (!voiceId) throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen voice id`);
  if (!avatarId && !req.avatar.imageUrl) throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen avatar id or image`);
  if (req.aspectRatio === "1:1") throw invalidRequest("heygen", "API v3 supports only 16:9 and 9:16 videos");
  const body: Rec = {
    type: avatarId ? "avatar" : "image",
    ...(avatarId ? { avatar_id: avatarId } : { image_url: req.avatar.imageUrl }),
    script: req.script,
    voice_id: voiceId,
    title: req.title.slice(0, 200),
    resolution: "720p",
    aspect_ratio: req.aspectRatio,
    voice_settings: { speed: Math.min(1.5, Math.max(0.5, req.voiceSpeed)), locale: req.avatar.language },
    callback_id: `${req.generationId}-${req.attempt}`,
  };
  if (req.background.type === "color") body.background = { type: "color", value: req.background.value };
  if (req.callbackUrl) body.callback_url = req.callbackUrl;
  return body;
}

/** Maps a non-2xx (or an error envelope) to a ProviderError. */
function errorFrom(res: JsonResponse, what: string, key: string | undefined): ProviderError {
  const j = res.json === MALFORMED ? undefined : res.json;
  const errObj = isRec(j) && isRec(j.error) ? j.error : undefined;
  const code = String(errObj?.code ?? (isRec(j) ? j.code ?? "" : ""));
  let kind: ProviderErrorKind | undefined;
  if (BUDGET_CODES.has(code)) kind = "budget";
  else if (res.status === 429 || code === "rate_limit_exceeded") kind = "rate_limited";
  else if (AUTH_CODES.has(code) || code === "400105" || code === "400631") kind = "permanent";
  return httpError({
    provider: "heygen",
    what,
    status: res.status,
    headers: res.headers,
    message: extractMessage(j),
    secrets: [key],
    kind,
  });
}

export interface HeygenAvatar {
  id: string;
  name: string;
  type: "avatar" | "talking_photo";
  gender?: string;
  previewImageUrl?: string;
  previewVideoUrl?: string;
  defaultVoiceId?: string;
}
export interface HeygenVoice {
  id: string;
  name: string;
  language?: string;
  gender?: string;
  previewAudioUrl?: string;
}

export function createHeygenProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "heygen" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  function base(c: ProviderCredentials): string {
    return c.baseUrl || HEYGEN_DEFAULT_BASE_URL;
  }
  function key(ctx: ProviderContext): string {
    const k = ctx.credentials.apiKey;
    if (!k) throw new ProviderError("heygen", "permanent", "HeyGen API key is not configured. Add it in Settings → Providers.");
    return k;
  }

  async function call(ctx: ProviderContext, method: "GET" | "POST" | "DELETE", path: string, what: string, body?: unknown, extraHeaders?: Record<string, string>) {
    const k = key(ctx);
    const res = await requestJson({
      provider: "heygen",
      method,
      url: joinUrl(base(ctx.credentials), path),
      headers: { "x-api-key": k, ...extraHeaders },
      body,
      timeoutMs,
      signal: ctx.signal,
      secrets: [k],
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, k);
    if (res.json === MALFORMED || !isRec(res.json)) throw malformed("heygen", what);
    // v2 errors may come with HTTP 200 and a non-null `error`.
    const j = res.json;
    if (isRec(j.error)) throw errorFrom({ ...res, status: 400 }, what, k);
    // v1 envelopes: code 100 = success.
    if (typeof j.code === "number" && j.code !== 100 && j.code !== 0) throw errorFrom({ ...res, status: 400 }, what, k);
    return j;
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const v3 = version(ctx.credentials) === "v3";
    const j = v3
      ? await call(ctx, "GET", `/v3/videos/${encodeURIComponent(externalId)}`, "video status")
      : await call(ctx, "GET", `/v1/video_status.get?video_id=${encodeURIComponent(externalId)}`, "video status");
    const d = j.data;
    if (!isRec(d) || typeof d.status !== "string") throw malformed("heygen", "video status");
    const status = STATUS[d.status];
    if (!status) {
      log.warn({ externalId, status: d.status }, "heygen: unknown video status, still polling");
      return { status: "running" };
    }
    if (status === "succeeded") {
      const url = (d.video_url as string | null) ?? undefined;
      if (!url) throw malformed("heygen", "video status (completed without video_url)");
      return { status, progress: 100, resultUrl: url };
    }
    if (status === "failed") {
      const e = d.error;
      const msg = isRec(e)
        ? [e.message, e.detail].filter((x) => typeof x === "string" && x).join(" — ") || `code ${String(e.code)}`
        : typeof d.failure_message === "string"
          ? d.failure_message
          : typeof e === "string"
            ? e
            : "render failed";
      return { status, error: `HeyGen render failed: ${msg}` };
    }
    return { status, progress: typeof d.progress === "number" ? d.progress : undefined };
  }

  const provider: VideoProvider & {
    listAvatars(ctx: ProviderContext): Promise<HeygenAvatar[]>;
    listVoices(ctx: ProviderContext): Promise<HeygenVoice[]>;
  } = {
    id: "heygen",
    displayName: "HeyGen",
    capabilities: {
      roles: ["presenter"],
      kinds: ["avatar_presenter", "talking_photo"],
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 300,
      captions: true,
      cancel: false,
      webhooks: true,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, model) => estimateBySpeech(req, model),

    async submit(ctx, req) {
      if (version(ctx.credentials) === "v3") {
        const j = await call(ctx, "POST", "/v3/videos", "create video", buildV3Body(req), {
          "idempotency-key": `${req.generationId}-${req.attempt}`.replace(/[^A-Za-z0-9_:.-]/g, "_").slice(0, 255),
        });
        const d = j.data;
        const id = isRec(d) ? (d.video_id ?? d.id) : undefined;
        if (typeof id !== "string" || !id) throw malformed("heygen", "create video");
        log.info({ generationId: req.generationId, externalId: id, api: "v3" }, "heygen: video submitted");
        return { externalId: id };
      }
      const j = await call(ctx, "POST", "/v2/video/generate", "create video", buildV2Body(req, log));
      const d = j.data;
      const id = isRec(d) ? d.video_id : undefined;
      if (typeof id !== "string" || !id) throw malformed("heygen", "create video");
      log.info({ generationId: req.generationId, externalId: id, api: "v2" }, "heygen: video submitted");
      return { externalId: id };
    },

    poll,

    fetchResult(ctx, externalId, destPath) {
      return fetchResultWithRepoll({
        provider: "heygen",
        poll: () => poll(ctx, externalId),
        destPath,
        timeoutMs: opts.downloadTimeoutMs,
        signal: ctx.signal,
        secrets: [ctx.credentials.apiKey],
      });
    },

    async testConnection(ctx) {
      const j = await call(ctx, "GET", "/v2/user/remaining_quota", "connection test");
      const d = isRec(j.data) ? j.data : {};
      const q = d.remaining_quota;
      return { ok: true, detail: typeof q === "number" ? `remaining quota: ${q}` : "key accepted" };
    },

    async listAvatars(ctx) {
      const j = await call(ctx, "GET", "/v2/avatars", "list avatars");
      const d = isRec(j.data) ? j.data : {};
      const avatars = (Array.isArray(d.avatars) ? d.avatars : []).filter(isRec).map(
        (a): HeygenAvatar => ({
          id: String(a.avatar_id),
          name: String(a.avatar_name ?? a.avatar_id),
          type: "avatar",
          gender: typeof a.gender === "string" ? a.gender : undefined,
          previewImageUrl: typeof a.preview_image_url === "string" ? a.preview_image_url : undefined,
          previewVideoUrl: typeof a.preview_video_url === "string" ? a.preview_video_url : undefined,
          defaultVoiceId: typeof a.default_voice_id === "string" ? a.default_voice_id : undefined,
        }),
      );
      const photos = (Array.isArray(d.talking_photos) ? d.talking_photos : []).filter(isRec).map(
        (p): HeygenAvatar => ({
          id: String(p.talking_photo_id),
          name: String(p.talking_photo_name ?? p.talking_photo_id),
          type: "talking_photo",
          previewImageUrl: typeof p.preview_image_url === "string" ? p.preview_image_url : undefined,
        }),
      );
      return [...avatars, ...photos];
    },

    async listVoices(ctx) {
      const j = await call(ctx, "GET", "/v2/voices", "list voices");
      const d = isRec(j.data) ? j.data : {};
      return (Array.isArray(d.voices) ? d.voices : []).filter(isRec).map(
        (v): HeygenVoice => ({
          id: String(v.voice_id),
          name: String(v.name ?? v.voice_id),
          language: typeof v.language === "string" ? v.language : undefined,
          gender: typeof v.gender === "string" ? v.gender : undefined,
          previewAudioUrl: typeof v.preview_audio === "string" ? v.preview_audio : undefined,
        }),
      );
    },

    verifyWebhook: verifyHeygenWebhook,
    parseWebhook: parseHeygenWebhook,
  };
  return provider;
}

/**
 * HMAC-SHA256 hex of the raw body keyed with the endpoint secret. The header name is disputed
 * (`Signature` vs `X-HeyGen-Signature`), so either is accepted; comparison is constant-time.
 */
export function verifyHeygenWebhook(headers: Headers, rawBody: string, credentials: ProviderCredentials): boolean {
  const secret = credentials.webhookSecret;
  if (!secret) return false;
  const expected = createHmac("sha256", secret).update(rawBody, "utf8").digest();
  for (const name of ["signature", "x-heygen-signature"]) {
    const got = headers.get(name)?.trim().replace(/^sha256=/i, "");
    if (!got || !/^[0-9a-fA-F]+$/.test(got) || got.length !== expected.length * 2) continue;
    if (timingSafeEqual(Buffer.from(got, "hex"), expected)) return true;
  }
  return false;
}

export function parseHeygenWebhook(body: unknown): WebhookEvent | null {
  if (!isRec(body) || typeof body.event_type !== "string" || !isRec(body.event_data)) return null;
  const id = body.event_data.video_id;
  if (typeof id !== "string" || !id) return null;
  const t = body.event_type;
  if (t === "avatar_video.success") return { externalId: id, claimedStatus: "succeeded" };
  if (t === "avatar_video.fail") return { externalId: id, claimedStatus: "failed" };
  return null;
}

export const heygenProvider = createHeygenProvider();
export type HeygenProvider = ReturnType<typeof createHeygenProvider>;
