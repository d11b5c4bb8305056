/**
 * HeyGen v3 ⇄ our types: pure mapping, no I/O. Tested on the recorded bodies in ./examples.
 * Source: heygen-com/heygen-cli gen/video.go, gen/avatar.go, gen/voice.go, gen/user.go,
 * gen/webhook.go (generated from HeyGen's API spec; commit 7699a8e, 2026-07-22; read 2026-11-30).
 *  - POST /v3/videos: type avatar {avatar_id} | image {image:{type:"url",url}}; script, voice_id,
 *    title, resolution, aspect_ratio (16:9, 9:16, 4:5, 5:4, 1:1, auto), voice_settings {speed
 *    0.5–1.5, locale}, caption {style:"default"} burns captions in, background {type:color,value},
 *    callback_url, callback_id. Response {data:{video_id,status}}.
 *  - GET /v3/videos/{id}: {data:{id,status pending|processing|completed|failed, video_url,
 *    captioned_video_url, failure_code, failure_message}}.
 *  - errors: {error:{code,message,param?,doc_url?}} (internal/errors/api_error.go).
 *  - webhook events avatar_video.success / avatar_video.fail. Per-job callback_url deliveries
 *    are NOT signed; registered endpoints (POST /v3/webhooks/endpoints) get a signing secret.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { invalidRequest } from "@/lib/providers/http";
import type { GenerationRequest, NormalisedStatus, PollResult, ProviderCredentials, WebhookEvent } from "@/lib/providers/types";
import { HEYGEN_ASPECT_RATIOS } from "./models";

type Rec = Record<string, unknown>;
export const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** v3 status enum; v1/v2's "waiting" is still seen on create responses. */
const STATUS: Record<string, NormalisedStatus> = {
  waiting: "queued",
  pending: "queued",
  processing: "running",
  completed: "succeeded",
  failed: "failed",
};

/** Our generation id + attempt: HeyGen's Idempotency-Key (24 h replay) and callback_id. */
export function idempotencyKey(req: Pick<GenerationRequest, "generationId" | "attempt">): string {
  return `${req.generationId}:${req.attempt}`.replace(/[^A-Za-z0-9_:.-]/g, "_").slice(0, 255);
}

export function buildCreateVideoBody(req: GenerationRequest, opts: { resolution?: "720p" | "1080p" | "4k"; engine?: string } = {}): Rec {
  const avatarId = req.avatar.providerAvatarIds.heygen;
  const voiceId = req.avatar.providerVoiceIds.heygen;
  if (!req.script.trim()) throw invalidRequest("heygen", "the script is empty");
  if (!voiceId) throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen voice id; pick a voice for it in the presenter catalog`);
  if (!avatarId && !req.avatar.imageUrl) {
    throw invalidRequest("heygen", `avatar "${req.avatar.name}" has no HeyGen avatar id or image; import it from HeyGen in Settings → Providers`);
  }
  if (!(HEYGEN_ASPECT_RATIOS as readonly string[]).includes(req.aspectRatio)) {
    throw invalidRequest("heygen", `aspect ratio ${req.aspectRatio} is not one HeyGen makes (${HEYGEN_ASPECT_RATIOS.join(", ")})`);
  }
  const id = idempotencyKey(req);
  const body: Rec = avatarId ? { type: "avatar", avatar_id: avatarId } : { type: "image", image: { type: "url", url: req.avatar.imageUrl } };
  Object.assign(body, {
    script: req.script,
    voice_id: voiceId,
    title: req.title.slice(0, 200),
    resolution: opts.resolution ?? "720p",
    aspect_ratio: req.aspectRatio,
    voice_settings: { speed: Math.min(1.5, Math.max(0.5, req.voiceSpeed)), locale: req.avatar.language },
    callback_id: id,
  });
  // Omitting caption.style gives a sidecar .srt only; "default" burns the captions in.
  if (req.captions) body.caption = { style: "default" };
  if (avatarId && opts.engine && opts.engine !== "avatar_iv" && opts.engine !== "photo_avatar") body.engine = { type: opts.engine };
  if (req.background.type === "color") body.background = { type: "color", value: req.background.value };
  else if (req.background.type === "gradient") body.background = { type: "color", value: req.background.colors[0] };
  if (req.callbackUrl) body.callback_url = req.callbackUrl;
  return body;
}

export function parseCreateVideo(json: unknown): string | undefined {
  const d = isRec(json) ? json.data : undefined;
  return isRec(d) ? (str(d.video_id) ?? str(d.id)) : undefined;
}

/**
 * Normalises GET /v3/videos/{id}. With captions on, the burned-in file is `captioned_video_url`
 * (`video_url` has none): we download that one. Returns null when the body is unusable
 * (including "completed" without the file we need).
 */
export function toPollResult(json: unknown, opts: { captions?: boolean }): PollResult | { status: "unknown"; raw: string } | null {
  const d = isRec(json) ? json.data : undefined;
  if (!isRec(d) || typeof d.status !== "string") return null;
  const status = STATUS[d.status];
  if (!status) return { status: "unknown", raw: d.status };
  if (status === "succeeded") {
    // captions unknown (a resumed worker): HeyGen only burns captions when asked, so take them when present.
    const url =
      opts.captions === true
        ? str(d.captioned_video_url)
        : opts.captions === false
          ? str(d.video_url)
          : (str(d.captioned_video_url) ?? str(d.video_url));
    if (!url) return null;
    return { status, progress: 100, resultUrl: url };
  }
  if (status === "failed") {
    const msg = [str(d.failure_message), str(d.failure_code) && `(${String(d.failure_code)})`].filter(Boolean).join(" ") || "render failed";
    return { status, error: `HeyGen render failed: ${msg}` };
  }
  return { status };
}

export interface WalletInfo {
  billingType?: string;
  /** Human summary, e.g. "wallet $42.50". */
  summary: string;
  /** Remaining USD in cents when the account has a USD wallet. */
  remainingCents?: number;
}

export function parseUserMe(json: unknown): WalletInfo | null {
  const d = isRec(json) ? json.data : undefined;
  if (!isRec(d)) return null;
  const billingType = str(d.billing_type);
  const w = isRec(d.wallet) ? d.wallet : undefined;
  if (w && typeof w.remaining_balance === "number") {
    if (w.currency === "credits") return { billingType, summary: `wallet ${w.remaining_balance} credits` };
    const cents = Math.round(w.remaining_balance * 100);
    return { billingType, summary: `wallet $${(cents / 100).toFixed(2)}`, remainingCents: cents };
  }
  const u = isRec(d.usage_based) ? d.usage_based : undefined;
  if (u && typeof u.remaining_credits === "number") return { billingType, summary: `usage-based, ${u.remaining_credits} credits left` };
  const s = isRec(d.subscription) ? d.subscription : undefined;
  const prem = s && isRec(s.credits) && isRec(s.credits.premium_credits) ? s.credits.premium_credits.remaining : undefined;
  if (typeof prem === "number") return { billingType, summary: `${String(s?.plan ?? "subscription")} plan, ${prem} premium credits left` };
  return { billingType, summary: billingType ? `${billingType} account` : "key accepted" };
}

export interface HeygenLook {
  id: string;
  name: string;
  /** studio_avatar / digital_twin are video avatars; photo_avatar is a talking photo. */
  type: "avatar" | "talking_photo";
  gender?: string;
  previewImageUrl?: string;
  previewVideoUrl?: string;
  defaultVoiceId?: string;
  engines: string[];
}
export interface HeygenVoice {
  id: string;
  name: string;
  language?: string;
  gender?: string;
  previewAudioUrl?: string;
}

export function parseLooks(json: unknown): { items: HeygenLook[]; nextToken?: string } {
  const data = isRec(json) && Array.isArray(json.data) ? json.data : [];
  const items = data
    .filter(isRec)
    // Looks still training or awaiting consent cannot render yet.
    .filter((l) => str(l.id) && (l.status === undefined || l.status === "completed"))
    .map(
      (l): HeygenLook => ({
        id: String(l.id),
        name: str(l.name) ?? String(l.id),
        type: l.avatar_type === "photo_avatar" ? "talking_photo" : "avatar",
        gender: str(l.gender),
        previewImageUrl: str(l.preview_image_url),
        previewVideoUrl: str(l.preview_video_url),
        defaultVoiceId: str(l.default_voice_id),
        engines: Array.isArray(l.supported_api_engines) ? l.supported_api_engines.filter((e): e is string => typeof e === "string") : [],
      }),
    );
  return { items, nextToken: isRec(json) && json.has_more === true ? str(json.next_token) : undefined };
}

export function parseVoices(json: unknown): { items: HeygenVoice[]; nextToken?: string } {
  const data = isRec(json) && Array.isArray(json.data) ? json.data : [];
  const items = data
    .filter(isRec)
    .filter((v) => str(v.voice_id))
    .map(
      (v): HeygenVoice => ({
        id: String(v.voice_id),
        name: str(v.name) ?? String(v.voice_id),
        language: str(v.language),
        gender: str(v.gender),
        previewAudioUrl: str(v.preview_audio_url),
      }),
    );
  return { items, nextToken: isRec(json) && json.has_more === true ? str(json.next_token) : undefined };
}

/** A callback body: which video, what it claims. Never trusted — the pipeline re-polls. */
export function parseHeygenWebhook(body: unknown): WebhookEvent | null {
  if (!isRec(body) || typeof body.event_type !== "string" || !isRec(body.event_data)) return null;
  const id = str(body.event_data.video_id);
  if (!id) return null;
  const t = body.event_type;
  if (t === "avatar_video.success" || t === "avatar_video_caption.success") return { externalId: id, claimedStatus: "succeeded" };
  if (t === "avatar_video.fail" || t === "avatar_video_caption.fail") return { externalId: id, claimedStatus: "failed" };
  return null;
}

/**
 * Registered webhook endpoints (not per-job callbacks) are signed: HMAC-SHA256 hex of the raw
 * body with the endpoint's signing secret. The header name is disputed (`Signature` vs
 * `X-HeyGen-Signature`), so either is accepted; comparison is constant-time.
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

/** Whether a callback carries a signature header at all (then it must verify). */
export function heygenCallbackIsSigned(headers: Headers): boolean {
  return !!(headers.get("signature") || headers.get("x-heygen-signature"));
}

// ---------------------------------------------------------------------------------------------
// Voices chosen by language and gender at submit time. Seeded presenters carry
// "auto:<Language>:<gender>" (db/seed-data.ts) because no public HeyGen voice ids per language
// and gender could be verified from HeyGen's own material; GET /v3/voices filters by `language`
// (a name such as "Spanish") and `gender` (developers.heygen.com/docs/voices, read 2026-11-30).

export interface AutoVoice {
  language: string;
  gender: "female" | "male";
}

export function parseAutoVoice(voiceId: string | undefined): AutoVoice | undefined {
  const m = voiceId && /^auto:([A-Za-z ]+):(female|male)$/.exec(voiceId);
  return m ? { language: m[1], gender: m[2] as "female" | "male" } : undefined;
}

/** The first public voice of that language and gender (the list is already filtered upstream). */
export function pickVoice(voices: HeygenVoice[], want: AutoVoice): HeygenVoice | undefined {
  const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
  return voices.find((v) => same(v.language, want.language) && same(v.gender, want.gender));
}
