/**
 * HeyGen fake: POST /v2/video/generate ({error:null,data:{video_id}}), GET /v1/video_status.get
 * ({code:100,...} with waiting→pending→processing→completed|failed), v3 POST /v3/videos +
 * GET /v3/videos/{id}, /v2/avatars, /v2/voices, /v2/user/remaining_quota,
 * POST /v1/webhook/endpoint.add, and HMAC-signed webhooks (`Signature` header).
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
  /** Secret used to sign webhooks (also returned by endpoint.add). */
  webhookSecret?: string;
  /** Post a signed webhook automatically when a job first reports a terminal status. */
  autoWebhook?: boolean;
}

export interface HeygenFake extends FakeServer {
  apiKey: string;
  webhookSecret: string;
  jobs: Map<string, FakeJob & { callbackId?: string }>;
  /** Registered webhook endpoint URLs. */
  endpoints: string[];
  /** Signs and posts the terminal event of a job to its callback_url and registered endpoints. */
  sendWebhook(videoId: string, opts?: { outcome?: "success" | "failure"; badSignature?: boolean }): Promise<number[]>;
  /** Body + headers a webhook would carry (for verification tests without a receiver). */
  webhookPayload(videoId: string, outcome?: "success" | "failure"): { rawBody: string; headers: Record<string, string> };
}

const errBody = (code: string | number, message: string) => ({ error: { code, message }, data: null });

export async function startHeygenFake(opts: HeygenFakeOptions = {}): Promise<HeygenFake> {
  const apiKey = opts.apiKey ?? "heygen-fake-key";
  const webhookSecret = opts.webhookSecret ?? "heygen-fake-webhook-secret";
  const jobs = new Map<string, FakeJob & { callbackId?: string }>();
  const endpoints: string[] = [];

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
    else sendJson(c.res, 400, errBody(400105, "BLOCKED_WORDS_DETECTED: the input text contains blocked words"));
    return true;
  }

  function payload(job: FakeJob & { callbackId?: string }, outcome: "success" | "failure") {
    const event =
      outcome === "success"
        ? { event_type: "avatar_video.success", event_data: { video_id: job.id, url: base.mediaUrl(job.id), callback_id: job.callbackId } }
        : { event_type: "avatar_video.fail", event_data: { video_id: job.id, msg: "Render failed", callback_id: job.callbackId } };
    const rawBody = JSON.stringify(event);
    const sig = createHmac("sha256", webhookSecret).update(rawBody).digest("hex");
    return { rawBody, headers: { Signature: sig } };
  }

  async function sendWebhook(videoId: string, o: { outcome?: "success" | "failure"; badSignature?: boolean } = {}) {
    const job = jobs.get(videoId);
    if (!job) throw new Error(`no such video ${videoId}`);
    const p = phaseOf(job);
    const outcome = o.outcome ?? (p === "success" ? "success" : "failure");
    const { rawBody, headers } = payload(job, outcome);
    if (o.badSignature) headers.Signature = "0".repeat(64);
    const targets = [...(job.callbackUrl ? [job.callbackUrl] : []), ...endpoints];
    return Promise.all(targets.map((t) => postCallback(t, rawBody, headers)));
  }

  function statusBody(job: FakeJob & { callbackId?: string }, phase: Phase, v3: boolean) {
    const name =
      phase === "queued" ? "waiting" : phase === "running" ? (job.polls === 2 ? "pending" : "processing") : phase === "success" ? "completed" : "failed";
    const done = phase === "success";
    const error =
      phase === "failure"
        ? { code: 40119, message: "Video is too long", detail: "Video duration exceeds plan limit" }
        : phase === "moderation"
          ? { code: 400105, message: "BLOCKED_WORDS_DETECTED", detail: "Input text was rejected by moderation" }
          : null;
    if (v3) {
      return {
        data: {
          id: job.id,
          status: name,
          video_url: done ? base.mediaUrl(job.id) : null,
          thumbnail_url: null,
          duration: done ? 1.0 : null,
          created_at: Math.floor(job.createdAt / 1000),
          completed_at: done ? Math.floor(Date.now() / 1000) : null,
          failure_code: error ? String(error.code) : null,
          failure_message: error ? error.message : null,
        },
      };
    }
    return {
      code: 100,
      message: "Success",
      data: {
        id: job.id,
        status: name,
        callback_id: job.callbackId ?? null,
        created_at: Math.floor(job.createdAt / 1000),
        duration: done ? 1.0 : null,
        error,
        video_url: done ? base.mediaUrl(job.id) : null,
        thumbnail_url: null,
        gif_url: null,
        caption_url: null,
        video_url_caption: null,
      },
    };
  }

  function pollJob(c: Ctx, id: string | undefined, v3: boolean): void {
    const job = id ? jobs.get(id) : undefined;
    if (!job) {
      if (v3) sendJson(c.res, 404, errBody("not_found", "Video not found"));
      else sendJson(c.res, 404, { code: 40031, message: "INVALID_VIDEO_ID", data: null });
      return;
    }
    const phase = advance(job);
    sendJson(c.res, 200, statusBody(job, phase, v3));
    if (isTerminal(phase) && !job.finishedNotified) {
      job.finishedNotified = true;
      if (opts.autoWebhook && (job.callbackUrl || endpoints.length)) void sendWebhook(job.id);
    }
  }

  function validateV2(body: unknown): string | null {
    const b = body as { video_inputs?: unknown };
    if (!b || !Array.isArray(b.video_inputs) || b.video_inputs.length === 0) return "video_inputs is required";
    if (b.video_inputs.length > 50) return "video_inputs has more than 50 scenes";
    for (const s of b.video_inputs as Array<Record<string, Record<string, unknown>>>) {
      const ch = s?.character;
      const v = s?.voice;
      if (!ch || (ch.type === "avatar" ? !ch.avatar_id : ch.type === "talking_photo" ? !ch.talking_photo_id : true)) return "character id is required";
      if (!v || (v.type === "text" && (!v.input_text || !v.voice_id))) return "voice input_text and voice_id are required";
      if (v.type === "text" && String(v.input_text).length > 5000) return "input_text too long";
    }
    return null;
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, errBody("not_found", `No route ${c.method} ${c.path}`)),
    route: (c) => {
      if (c.method === "POST" && c.path === "/v2/video/generate") {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const err = validateV2(c.body);
        if (err) {
          sendJson(c.res, 400, errBody(400175, `INVALID_PARAMETER: ${err}`));
          return true;
        }
        const b = c.body as { callback_id?: string; callback_url?: string };
        const id = randomBytes(16).toString("hex");
        jobs.set(id, { ...newJob(id, base.mode, c.body, b.callback_url), callbackId: b.callback_id });
        sendJson(c.res, 200, { error: null, data: { video_id: id } });
        return true;
      }
      if (c.method === "POST" && c.path === "/v3/videos") {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        if (!b.script || !b.voice_id || (!b.avatar_id && !b.image_url)) {
          sendJson(c.res, 400, { error: { code: "invalid_parameter", message: "script, voice_id and avatar_id/image_url are required", param: "script" } });
          return true;
        }
        const id = randomBytes(16).toString("hex");
        jobs.set(id, { ...newJob(id, base.mode, c.body, b.callback_url as string | undefined), callbackId: b.callback_id as string | undefined });
        sendJson(c.res, 200, { data: { video_id: id } });
        return true;
      }
      if (c.method === "GET" && c.path === "/v1/video_status.get") {
        if (!authed(c) || fault(c, "pollFault")) return true;
        pollJob(c, c.query.video_id, false);
        return true;
      }
      const m3 = c.method === "GET" && /^\/v3\/videos\/([^/]+)$/.exec(c.path);
      if (m3) {
        if (!authed(c) || fault(c, "pollFault")) return true;
        pollJob(c, decodeURIComponent(m3[1]), true);
        return true;
      }
      if (c.method === "GET" && c.path === "/v2/user/remaining_quota") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, { error: null, data: { remaining_quota: 3600, details: { api: 3600 } } });
        return true;
      }
      if (c.method === "GET" && c.path === "/v2/avatars") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, {
          error: null,
          data: {
            avatars: [
              { avatar_id: "Angela-inTshirt-20220820", avatar_name: "Angela in T-shirt", gender: "female", preview_image_url: `${base.baseUrl}/p/angela.jpg`, preview_video_url: `${base.baseUrl}/p/angela.mp4`, premium: false },
              { avatar_id: "Tyler-incasualsuit-20220721", avatar_name: "Tyler in Casual Suit", gender: "male", preview_image_url: `${base.baseUrl}/p/tyler.jpg`, preview_video_url: null },
            ],
            talking_photos: [{ talking_photo_id: "tp_001", talking_photo_name: "Studio portrait", preview_image_url: `${base.baseUrl}/p/tp.jpg` }],
          },
        });
        return true;
      }
      if (c.method === "GET" && c.path === "/v2/voices") {
        if (!authed(c) || fault(c, "otherFault")) return true;
        sendJson(c.res, 200, {
          error: null,
          data: {
            voices: [
              { voice_id: "1bd001e7e50f421d891986aad5158bc8", language: "English", gender: "female", name: "Sara", preview_audio: `${base.baseUrl}/p/sara.mp3`, support_pause: true, emotion_support: true },
              { voice_id: "2d5b0e6cf36f460aa7fc47e3eee4ba54", language: "Spanish", gender: "male", name: "Diego", preview_audio: null, support_pause: false, emotion_support: false },
            ],
          },
        });
        return true;
      }
      if (c.method === "POST" && c.path === "/v1/webhook/endpoint.add") {
        if (!authed(c)) return true;
        const b = (c.body ?? {}) as { url?: string; events?: string[] | null };
        if (!b.url) {
          sendJson(c.res, 400, { code: 40001, message: "MISSING_PARAMS: url" });
          return true;
        }
        endpoints.push(b.url);
        sendJson(c.res, 200, {
          code: 100,
          message: "Success",
          data: { endpoint_id: randomBytes(8).toString("hex"), url: b.url, secret: webhookSecret, status: "enabled", events: b.events ?? null, username: "fake", created_at: new Date().toISOString() },
        });
        return true;
      }
      if (c.method === "DELETE" && c.path === "/v1/video.delete") {
        if (!authed(c)) return true;
        const id = c.query.video_id;
        if (id && jobs.delete(id)) sendJson(c.res, 200, { code: 100, message: "Success", data: null });
        else sendJson(c.res, 404, { code: 40031, message: "INVALID_VIDEO_ID", data: null });
        return true;
      }
      return false;
    },
  });

  return Object.assign(base, {
    apiKey,
    webhookSecret,
    jobs,
    endpoints,
    sendWebhook,
    webhookPayload: (videoId: string, outcome: "success" | "failure" = "success") => {
      const job = jobs.get(videoId);
      if (!job) throw new Error(`no such video ${videoId}`);
      return payload(job, outcome);
    },
  });
}
