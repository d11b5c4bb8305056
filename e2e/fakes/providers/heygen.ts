/**
 * HeyGen fake, v3 only, rewritten from HeyGen's published spec as generated into the official CLI:
 * heygen-com/heygen-cli gen/video.go, gen/avatar.go, gen/voice.go, gen/user.go, gen/webhook.go and
 * internal/errors/api_error.go (commit 7699a8e, 2026-07-22; read 2026-11-30).
 *  - POST /v3/videos (type avatar|image; aspect_ratio enum 16:9, 9:16, 4:5, 5:4, 1:1, auto;
 *    image {type:"url",url}; caption {style}; Idempotency-Key replays the first answer)
 *  - GET /v3/videos/{id}: pending → processing → completed|failed; captioned_video_url only when
 *    caption.style was asked for
 *  - GET /v3/users/me (wallet), GET /v3/avatars/looks, GET /v3/voices (data[] + has_more/next_token)
 *  - POST /v3/webhooks/endpoints → signing secret; deliveries to registered endpoints are signed
 *    (HMAC-SHA256 hex, `Signature` header — header name UNCONFIRMED)
 *  - per-job callback_url deliveries are NOT signed (shared/providers/README.md corrections)
 *  - errors {error:{code,message,param?}}
 *  - v1/v2 paths answer 410 Gone: v1/v2 were retired 2026-10-31 (developers.heygen.com,
 *    "endpoint version comparison"). The exact retired-body HeyGen sends is UNCONFIRMED.
 */
import { createHmac, randomBytes } from "node:crypto";
import {
  advance,
  header,
  isTerminal,
  newJob,
  phaseOf,
  postCallback,
  sendJson,
  startFakeServer,
  takeFault,
  writeGenericFault,
  type Ctx,
  type FakeJob,
  type FakeServer,
  type Phase,
} from "./common";

export interface HeygenFakeOptions {
  apiKey?: string;
  /** Signing secret handed out for registered webhook endpoints. */
  webhookSecret?: string;
  /** Deliver the terminal event automatically when a job first reports a terminal status. */
  autoWebhook?: boolean;
}

type HJob = FakeJob & { callbackId?: string; captions: boolean };

export interface HeygenFake extends FakeServer {
  apiKey: string;
  webhookSecret: string;
  jobs: Map<string, HJob>;
  /** Registered webhook endpoint URLs (their deliveries are signed). */
  endpoints: string[];
  /** Looks and voices the account owns (tests edit these arrays in place). */
  looks: Array<Record<string, unknown>>;
  voices: Array<Record<string, unknown>>;
  /** Posts the job's terminal event: unsigned to its callback_url, signed to registered endpoints. */
  sendWebhook(videoId: string, opts?: { outcome?: "success" | "failure" }): Promise<number[]>;
  /** Body + headers of a delivery (signed = as a registered endpoint gets it). */
  webhookPayload(videoId: string, outcome?: "success" | "failure", opts?: { signed?: boolean }): { rawBody: string; headers: Record<string, string> };
}

const errBody = (code: string, message: string, param?: string) => ({ error: { code, message, ...(param ? { param } : {}) } });
const ASPECTS = ["16:9", "9:16", "4:5", "5:4", "1:1", "auto"];
const RESOLUTIONS = ["4k", "1080p", "720p"];

export async function startHeygenFake(opts: HeygenFakeOptions = {}): Promise<HeygenFake> {
  const apiKey = opts.apiKey ?? "heygen-fake-key";
  const webhookSecret = opts.webhookSecret ?? "heygen-fake-webhook-secret";
  const jobs = new Map<string, HJob>();
  const endpoints: string[] = [];
  /** Idempotency-Key → first response (24 h replay window upstream; forever here). */
  const replays = new Map<string, unknown>();

  function authed(c: Ctx): boolean {
    const k = header(c, "x-api-key");
    if (k === apiKey) return true;
    // Echo what was sent, as some real APIs do: the adapter must scrub it.
    sendJson(c.res, 401, errBody("invalid_api_key", `Invalid API key: ${k ?? "(none)"}`));
    return false;
  }

  function fault(c: Ctx, field: "submitFault" | "pollFault" | "otherFault"): boolean {
    const f = takeFault(base.mode, field);
    if (!f) return false;
    if (writeGenericFault(c, f, (s, m) => errBody(s === 429 ? "rate_limit_exceeded" : "internal_error", m))) return true;
    if (f.kind === "budget") sendJson(c.res, 402, errBody("insufficient_credit", "Insufficient credit to generate this video"));
    else sendJson(c.res, 400, errBody("moderation_rejected", "Input text was rejected by moderation", "script"));
    return true;
  }

  function payload(job: HJob, outcome: "success" | "failure", signed: boolean) {
    const event =
      outcome === "success"
        ? { event_type: "avatar_video.success", event_data: { video_id: job.id, url: base.mediaUrl(job.id), callback_id: job.callbackId } }
        : { event_type: "avatar_video.fail", event_data: { video_id: job.id, msg: "Render failed", callback_id: job.callbackId } };
    const rawBody = JSON.stringify(event);
    const headers: Record<string, string> = {};
    if (signed) headers.Signature = createHmac("sha256", webhookSecret).update(rawBody).digest("hex");
    return { rawBody, headers };
  }

  async function sendWebhook(videoId: string, o: { outcome?: "success" | "failure" } = {}) {
    const job = jobs.get(videoId);
    if (!job) throw new Error(`no such video ${videoId}`);
    const outcome = o.outcome ?? (phaseOf(job) === "success" ? "success" : "failure");
    const sends: Array<Promise<number>> = [];
    if (job.callbackUrl) {
      const p = payload(job, outcome, false);
      sends.push(postCallback(job.callbackUrl, p.rawBody, p.headers));
    }
    for (const t of endpoints) {
      const p = payload(job, outcome, true);
      sends.push(postCallback(t, p.rawBody, p.headers));
    }
    return Promise.all(sends);
  }

  function statusBody(job: HJob, phase: Phase) {
    const name = phase === "queued" ? "pending" : phase === "running" ? "processing" : phase === "success" ? "completed" : "failed";
    const done = phase === "success";
    const failure =
      phase === "failure"
        ? { code: "VIDEO_TOO_LONG", message: "Video duration exceeds plan limit" }
        : phase === "moderation"
          ? { code: "MODERATION_REJECTED", message: "Input text was rejected by moderation" }
          : null;
    return {
      data: {
        id: job.id,
        title: (job.params as { title?: string })?.title ?? null,
        status: name,
        video_url: done ? base.mediaUrl(job.id) : null,
        captioned_video_url: done && job.captions ? base.mediaUrl(`${job.id}-captioned`) : null,
        subtitle_url: done ? `${base.baseUrl}/media/${job.id}.srt` : null,
        thumbnail_url: null,
        duration: done ? 1.0 : null,
        created_at: Math.floor(job.createdAt / 1000),
        completed_at: done ? Math.floor(Date.now() / 1000) : null,
        failure_code: failure?.code ?? null,
        failure_message: failure?.message ?? null,
      },
    };
  }

  function validateCreate(b: Record<string, unknown>): [string, string] | null {
    if (b.type === "avatar") {
      if (typeof b.avatar_id !== "string" || !b.avatar_id) return ["avatar_id", "avatar_id is required for type avatar"];
    } else if (b.type === "image") {
      const img = b.image as Record<string, unknown> | undefined;
      if (!img || img.type !== "url" || typeof img.url !== "string") return ["image", "image must be {type:\"url\",url} (or asset_id/base64)"];
      if ("image_url" in b) return ["image_url", "unknown field image_url; use image {type:\"url\",url}"];
    } else return ["type", "type must be one of avatar, image, cinematic_avatar, studio"];
    if (typeof b.script !== "string" || !b.script.trim()) return ["script", "script (or audio_url) is required"];
    if (b.aspect_ratio != null && !ASPECTS.includes(String(b.aspect_ratio))) return ["aspect_ratio", `aspect_ratio must be one of ${ASPECTS.join(", ")}`];
    if (b.resolution != null && !RESOLUTIONS.includes(String(b.resolution))) return ["resolution", "resolution must be one of 4k, 1080p, 720p"];
    const vs = b.voice_settings as { speed?: number } | undefined;
    if (vs?.speed !== undefined && (vs.speed < 0.5 || vs.speed > 1.5)) return ["voice_settings.speed", "speed must be 0.5–1.5"];
    if (b.caption != null && typeof b.caption !== "object") return ["caption", "caption must be an object {style}"];
    return null;
  }

  const state = {
    looks: [
      { id: "Angela-inTshirt-20220820", name: "Angela in T-shirt", avatar_type: "studio_avatar", gender: "female", group_id: "grp_angela", default_voice_id: "1bd001e7e50f421d891986aad5158bc8", preview_image_url: "", preview_video_url: "", preferred_orientation: "portrait", status: "completed", supported_api_engines: ["avatar_iv", "avatar_v"], tags: [] },
      { id: "Tyler-incasualsuit-20220721", name: "Tyler in Casual Suit", avatar_type: "studio_avatar", gender: "male", group_id: "grp_tyler", default_voice_id: "2d5b0e6cf36f460aa7fc47e3eee4ba54", preview_image_url: "", status: "completed", supported_api_engines: ["avatar_iv"] },
      { id: "look_photo_lisa_01", name: "Lisa (photo)", avatar_type: "photo_avatar", gender: "female", group_id: "grp_lisa", preview_image_url: "", status: "completed", supported_api_engines: ["avatar_iv"] },
      { id: "look_training", name: "Still training", avatar_type: "digital_twin", status: "processing" },
    ] as Array<Record<string, unknown>>,
    voices: [
      { voice_id: "1bd001e7e50f421d891986aad5158bc8", name: "Sara", language: "English", gender: "female", type: "public", preview_audio_url: "", support_locale: true, support_pause: true },
      { voice_id: "2d5b0e6cf36f460aa7fc47e3eee4ba54", name: "Diego", language: "Spanish", gender: "male", type: "public", preview_audio_url: null, support_locale: false, support_pause: false },
      { voice_id: "fa4e0c0de5b54f0e9a1c7f3e2b6d8a01", name: "Paul", language: "English", gender: "male", type: "public", preview_audio_url: null, support_locale: true, support_pause: true },
      { voice_id: "fa4e0c0de5b54f0e9a1c7f3e2b6d8a02", name: "Lucía", language: "Spanish", gender: "female", type: "public", preview_audio_url: null, support_locale: true, support_pause: true },
    ] as Array<Record<string, unknown>>,
  };

  /** Cursor pagination as the spec has it: `limit`, opaque `token`, `has_more` + `next_token`. */
  function page(c: Ctx, items: Array<Record<string, unknown>>) {
    const limit = Math.max(1, Math.min(100, Number(c.query.limit ?? 10) || 10));
    const start = c.query.token ? Number(Buffer.from(c.query.token, "base64url").toString()) || 0 : 0;
    const slice = items.slice(start, start + limit);
    const more = start + limit < items.length;
    return { data: slice, has_more: more, next_token: more ? Buffer.from(String(start + limit)).toString("base64url") : null };
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, errBody("not_found", `No route ${c.method} ${c.path}`)),
    route: (c) => {
      // Retired API versions (after 2026-10-31).
      if (/^\/v[12]\//.test(c.path)) {
        sendJson(c.res, 410, errBody("endpoint_retired", `${c.path} was retired on 2026-10-31. Migrate to the v3 API (https://developers.heygen.com).`));
        return true;
      }
      if (c.method === "POST" && c.path === "/v3/videos") {
        // Injected faults stand for the network / gateway, so they come before the replay.
        if (!authed(c) || fault(c, "submitFault")) return true;
        const idem = header(c, "idempotency-key");
        if (idem && replays.has(idem)) {
          sendJson(c.res, 200, replays.get(idem));
          return true;
        }
        const b = (c.body ?? {}) as Record<string, unknown>;
        const bad = validateCreate(b);
        if (bad) {
          sendJson(c.res, 400, errBody("invalid_parameter", bad[1], bad[0]));
          return true;
        }
        const id = randomBytes(16).toString("hex");
        const captions = !!(b.caption && typeof b.caption === "object" && (b.caption as { style?: unknown }).style);
        jobs.set(id, { ...newJob(id, base.mode, b, b.callback_url as string | undefined), callbackId: b.callback_id as string | undefined, captions });
        const answer = { data: { video_id: id, status: "waiting", output_format: "mp4" } };
        if (idem) replays.set(idem, answer);
        const late = base.mode.submitDelayMs ?? 0;
        if (late > 0) setTimeout(() => sendJson(c.res, 200, answer), late);
        else sendJson(c.res, 200, answer);
        return true;
      }
      const m3 = c.method === "GET" && /^\/v3\/videos\/([^/]+)$/.exec(c.path);
      if (m3) {
        if (!authed(c) || fault(c, "pollFault")) return true;
        const job = jobs.get(decodeURIComponent(m3[1]));
        if (!job) {
          sendJson(c.res, 404, errBody("not_found", "Video not found"));
          return true;
        }
        const phase = advance(job);
        sendJson(c.res, 200, statusBody(job, phase));
        if (isTerminal(phase) && !job.finishedNotified) {
          job.finishedNotified = true;
          if (opts.autoWebhook && (job.callbackUrl || endpoints.length)) void sendWebhook(job.id);
        }
        return true;
      }
      if (c.method === "GET" && c.path === "/v3/users/me") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, {
          data: { username: "fake", email: "fake@example.com", first_name: "Fake", last_name: "Account", billing_type: "wallet", wallet: { currency: "usd", remaining_balance: 42.5, auto_reload: { enabled: false, amount_usd: 0, threshold_usd: 0 } } },
        });
        return true;
      }
      if (c.method === "GET" && c.path === "/v3/avatars/looks") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, page(c, state.looks.map((l) => ({ ...l, preview_image_url: l.preview_image_url === "" ? `${base.baseUrl}/p/${String(l.id)}.jpg` : l.preview_image_url }))));
        return true;
      }
      if (c.method === "GET" && c.path === "/v3/voices") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        // Filters as documented (developers.heygen.com/docs/voices): language name, gender.
        const lang = c.query.language?.toLowerCase();
        const gender = c.query.gender?.toLowerCase();
        const voices = state.voices.filter((v) => (!lang || String(v.language).toLowerCase() === lang) && (!gender || String(v.gender).toLowerCase() === gender));
        sendJson(c.res, 200, page(c, voices.map((v) => ({ ...v, preview_audio_url: v.preview_audio_url === "" ? `${base.baseUrl}/p/${String(v.voice_id)}.mp3` : v.preview_audio_url }))));
        return true;
      }
      if (c.method === "POST" && c.path === "/v3/webhooks/endpoints") {
        if (!authed(c)) return true;
        const b = (c.body ?? {}) as { url?: string; events?: string[] | null };
        if (!b.url) {
          sendJson(c.res, 400, errBody("invalid_parameter", "url is required", "url"));
          return true;
        }
        endpoints.push(b.url);
        sendJson(c.res, 200, { data: { endpoint_id: randomBytes(8).toString("hex"), url: b.url, secret: webhookSecret, status: "enabled", events: b.events ?? null, created_at: new Date().toISOString() } });
        return true;
      }
      const del = c.method === "DELETE" && /^\/v3\/videos\/([^/]+)$/.exec(c.path);
      if (del) {
        if (!authed(c)) return true;
        const id = decodeURIComponent(del[1]);
        if (jobs.delete(id)) sendJson(c.res, 200, { data: { id, deleted: true } });
        else sendJson(c.res, 404, errBody("not_found", "Video not found"));
        return true;
      }
      return false;
    },
  });

  const baseReset = base.reset.bind(base);
  return Object.assign(base, {
    // A reset also forgets Idempotency-Keys, so suites may reuse one request between tests.
    reset: () => {
      baseReset();
      replays.clear();
    },
    apiKey,
    webhookSecret,
    jobs,
    endpoints,
    // The live arrays: tests edit them in place.
    looks: state.looks,
    voices: state.voices,
    sendWebhook,
    webhookPayload: (videoId: string, outcome: "success" | "failure" = "success", o: { signed?: boolean } = {}) => {
      const job = jobs.get(videoId);
      if (!job) throw new Error(`no such video ${videoId}`);
      return payload(job, outcome, !!o.signed);
    },
  });
}
