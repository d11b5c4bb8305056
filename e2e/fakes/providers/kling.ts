/**
 * Kling fake, rewritten from Kling's API doc pages as copied in aself101/kling-api docs/api/*
 * (fetched from kling.ai/document-api on 2026-09-20; read 2026-11-30):
 *  - kling-get-started-authentication.md: current endpoints take an API key
 *    (`Authorization: Bearer <key>`); the AccessKey/SecretKey HS256 JWT (iss, exp, nbf) applies
 *    only to the legacy design (/v1/videos/*, model_name in the body).
 *  - kling-2.6-t2v.md / kling-3.0-turbo-t2v.md: POST /text-to-video/<model>,
 *    POST /image-to-video/<model> (contents[] prompt + first_frame), answer {code:0,message,
 *    request_id,data:{id,status}}; GET /tasks?task_ids= | external_task_ids= → data[] with
 *    status submitted|processing|succeeded|failed, outputs[{type:"video",url}], billing[].
 *  - kling-get-started-error-codes.md / shared/providers/kling.md: 1000–1004 auth (401), 1102
 *    pack exhausted, 1201 invalid parameter (400), 1303 concurrency (429), 5000 internal.
 *  - shared/providers/README.md corrections (2026-11-30): kling-v1 answers "The model 'kling-v1'
 *    has been discontinued"; V1.5/V1.6/V2.1 retired 2026-09-15.
 *  - kling-avatar.md (kling.ai/document-api/api/video/avatar): POST /v1/videos/avatar/image2video
 *    {image (URL|base64), audio_id XOR sound_file, prompt ≤ 2500, mode std|pro, watermark_info,
 *    callback_url, external_task_id} → data{task_id,task_status}; GET …/image2video/{id} →
 *    task_status submitted|processing|succeed|failed, task_result.videos[{id,url,duration}],
 *    final_unit_deduction (units, a string). Priced 0.4 units/s (kling-pricing-video.md).
 *  - kling-text-to-speech.md: POST /v1/audio/tts {text ≤ 1000, voice_id, voice_language zh|en,
 *    voice_speed 0.8–2.0} → data{task_id,task_status,task_result.audios[{id,url,duration}]}
 *    (no query endpoint is documented, so the answer carries the audio).
 * Callbacks (on every status change) carry the task object, unsigned (none documented).
 */
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
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

export interface KlingFakeOptions {
  apiKey?: string;
  accessKey?: string;
  secretKey?: string;
  /** Max tasks in submitted/processing at once (429/1303 beyond); default unlimited. */
  concurrencyCap?: number;
}

type KJob = FakeJob & { path: string; model: string; externalTaskId?: string; lastStatus?: string; legacy: boolean; avatar?: boolean; audioSec?: number };

export interface KlingFake extends FakeServer {
  /** TTS audios made, by id (duration in seconds from the text's words). */
  audios: Map<string, { voiceId: string; language: string; durationSec: number }>;
  apiKey: string;
  accessKey: string;
  secretKey: string;
  jobs: Map<string, KJob>;
  concurrencyCap: number;
}

const env = (code: number, message: string, data: unknown = null) => ({ code, message, request_id: randomUUID(), data });

function b64json(s: string): Record<string, unknown> | null {
  try {
    return JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Record<string, unknown>;
  } catch {
    return null;
  }
}

const CURRENT_MODELS = ["kling-2.6", "kling-2.5-turbo", "kling-3.0-turbo", "kling-3.0"];
const DISCONTINUED = ["kling-v1", "kling-v1-5", "kling-v1-6", "kling-v2-1"];
/** Units per second at 720p (docs/api/kling-pricing-video.md). */
const UNITS_PER_SECOND: Record<string, number> = { "kling-2.6": 0.3, "kling-2.5-turbo": 0.3, "kling-3.0-turbo": 0.8, "kling-3.0": 0.6 };
const AVATAR_UNITS_PER_SECOND = 0.4;

let seq = 867283741759111000n;

export async function startKlingFake(opts: KlingFakeOptions = {}): Promise<KlingFake> {
  const apiKey = opts.apiKey ?? "kling-fake-api-key";
  const accessKey = opts.accessKey ?? "kling-fake-ak";
  const secretKey = opts.secretKey ?? "kling-fake-sk";
  const jobs = new Map<string, KJob>();
  const audios = new Map<string, { voiceId: string; language: string; durationSec: number }>();
  const state = { concurrencyCap: opts.concurrencyCap ?? Number.POSITIVE_INFINITY };

  const deny = (c: Ctx, code: number, msg: string) => {
    sendJson(c.res, 401, env(code, msg));
    return false;
  };

  /** Current endpoints: the API key itself as the bearer token. */
  function apiKeyAuthed(c: Ctx): boolean {
    const h = header(c, "authorization");
    if (!h) return deny(c, 1001, "Authorization is empty");
    if (h === `Bearer ${apiKey}`) return true;
    // Echo what was sent, as some real APIs do: the adapter must scrub it.
    return deny(c, 1002, `Authorization is invalid: ${h.slice(7)}`);
  }

  /** Legacy endpoints: HS256 JWT (iss = access key) signed with the secret key, or the API key. */
  function legacyAuthed(c: Ctx): boolean {
    const h = header(c, "authorization");
    if (!h) return deny(c, 1001, "Authorization is empty");
    if (h === `Bearer ${apiKey}`) return true;
    const m = /^Bearer ([^.]+)\.([^.]+)\.([^.]+)$/.exec(h);
    if (!m) return deny(c, 1002, "Authorization is invalid");
    const [, hd, pl, sig] = m;
    const head = b64json(hd);
    const claims = b64json(pl);
    if (!head || head.alg !== "HS256" || !claims) return deny(c, 1002, "Authorization is invalid");
    const expected = createHmac("sha256", secretKey).update(`${hd}.${pl}`).digest();
    const got = Buffer.from(sig, "base64url");
    if (got.length !== expected.length || !timingSafeEqual(got, expected) || claims.iss !== accessKey) {
      return deny(c, 1002, `Authorization is invalid for access key ${String(claims.iss)}`);
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.nbf === "number" && claims.nbf > now + 1) return deny(c, 1003, "Authorization is not yet valid");
    if (typeof claims.exp !== "number" || claims.exp < now) return deny(c, 1004, "Authorization has expired");
    return true;
  }

  function fault(c: Ctx, field: "submitFault" | "pollFault" | "otherFault"): boolean {
    const f = takeFault(base.mode, field);
    if (!f) return false;
    if (f.kind === "rate_limit") {
      const headers: Record<string, string> = {};
      if ((f.retryAfter ?? "1") !== "") headers["retry-after"] = f.retryAfter ?? "1";
      sendJson(c.res, 429, env(1302, "request rate too high"), headers);
      return true;
    }
    if (f.kind === "server_error") {
      sendJson(c.res, f.status ?? 500, env(5000, "internal error"));
      return true;
    }
    if (writeGenericFault(c, f, () => null)) return true;
    if (f.kind === "budget") sendJson(c.res, 429, env(1102, "resource pack exhausted or expired"));
    else sendJson(c.res, 400, env(1301, "risk control: content safety triggered"));
    return true;
  }

  const statusName = (p: Phase, legacy: boolean) =>
    p === "queued" ? "submitted" : p === "running" ? "processing" : p === "success" ? (legacy ? "succeed" : "succeeded") : "failed";

  function durationOf(job: KJob): number {
    const b = job.params as { settings?: { duration?: number }; duration?: string };
    return Number(b.settings?.duration ?? b.duration ?? 5);
  }

  /** The current task object (GET /tasks data[] item, and the callback body). */
  function taskObject(job: KJob, p: Phase) {
    const ok = p === "success";
    const units = Math.round((UNITS_PER_SECOND[job.model] ?? 0.3) * durationOf(job) * 100) / 100;
    return {
      id: job.id,
      status: statusName(p, false),
      message: p === "failure" ? "generation failed: internal render error" : p === "moderation" ? "Failure to pass the risk control system" : "",
      create_time: job.createdAt,
      update_time: Date.now(),
      external_id: job.externalTaskId ?? "",
      outputs: ok ? [{ type: "video", id: `v-${job.id}`, url: base.mediaUrl(job.id), watermark_url: "", duration: String(durationOf(job)) }] : [],
      billing: ok ? [{ charge_type: "unit", amount: String(units), package_type: "video" }] : [],
    };
  }

  /** The avatar task object (GET /v1/videos/avatar/image2video/{id}): legacy envelope, units billed. */
  function avatarTaskObject(job: KJob, p: Phase) {
    const sec = job.audioSec ?? 5;
    return {
      ...legacyTaskObject(job, p),
      ...(p === "success" ? { task_result: { videos: [{ id: `v-${job.id}`, url: base.mediaUrl(job.id), watermark_url: "", duration: String(sec) }] } } : {}),
      watermark_info: { enabled: false },
      ...(p === "success" ? { final_unit_deduction: String(Math.round(AVATAR_UNITS_PER_SECOND * sec * 100) / 100), final_balance_deduction: { quota: "0", list_price: "0" } } : {}),
    };
  }

  /** The legacy task object (/v1/videos/{family}/{id}). */
  function legacyTaskObject(job: KJob, p: Phase) {
    return {
      task_id: job.id,
      task_status: statusName(p, true),
      task_status_msg: p === "failure" ? "generation failed: internal render error" : p === "moderation" ? "Failure to pass the risk control system" : "",
      task_info: job.externalTaskId ? { external_task_id: job.externalTaskId } : {},
      ...(p === "success" ? { task_result: { videos: [{ id: `v-${job.id}`, url: base.mediaUrl(job.id), duration: "5.1" }] } } : {}),
      created_at: job.createdAt,
      updated_at: Date.now(),
    };
  }

  function validateCurrent(kind: string, b: Record<string, unknown>, model: string): string | null {
    const settings = (b.settings ?? {}) as Record<string, unknown>;
    if (kind === "text-to-video") {
      if (typeof b.prompt !== "string" || !b.prompt) return "prompt is required";
      if (b.prompt.length > 2500) return "prompt too long";
      if (settings.aspect_ratio !== undefined && !["16:9", "9:16", "1:1"].includes(String(settings.aspect_ratio))) return "settings.aspect_ratio invalid";
    } else {
      const contents = Array.isArray(b.contents) ? (b.contents as Array<Record<string, unknown>>) : [];
      if (!contents.some((x) => x.type === "first_frame" && typeof x.url === "string" && x.url)) return "contents must include a first_frame";
      if ("image" in b) return "unknown field image; use contents[{type:first_frame,url}]";
    }
    if ("model_name" in b) return "model_name is not a parameter of this endpoint; the model is in the path";
    const durations = model === "kling-3.0-turbo" || model === "kling-3.0" ? [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15] : [5, 10];
    if (settings.duration !== undefined && !durations.includes(Number(settings.duration))) return `settings.duration must be one of ${durations.join(", ")}`;
    if (typeof settings.duration === "string") return "settings.duration must be an integer";
    if (settings.resolution !== undefined && !["720p", "1080p"].includes(String(settings.resolution))) return "settings.resolution invalid";
    return null;
  }

  function admit(c: Ctx): boolean {
    const active = [...jobs.values()].filter((j) => !isTerminal(phaseOf(j))).length;
    if (active >= state.concurrencyCap) {
      sendJson(c.res, 429, env(1303, "parallel task over resource pack limit"));
      return false;
    }
    return true;
  }

  function newId(): string {
    seq += 1n + BigInt(Math.floor(Math.random() * 1000));
    return seq.toString();
  }

  function notify(job: KJob, obj: { status?: string; task_status?: string }) {
    const st = String(obj.status ?? obj.task_status);
    if (job.callbackUrl && st !== job.lastStatus) {
      job.lastStatus = st;
      void postCallback(job.callbackUrl, JSON.stringify(obj));
    }
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, env(1202, `no route ${c.method} ${c.path}`)),
    route: (c) => {
      const create = c.method === "POST" && /^\/(text-to-video|image-to-video)\/([^/]+)$/.exec(c.path);
      if (create) {
        if (!apiKeyAuthed(c) || fault(c, "submitFault")) return true;
        const [, kind, model] = create;
        if (DISCONTINUED.includes(model)) {
          sendJson(c.res, 400, env(1201, `The model '${model}' has been discontinued`));
          return true;
        }
        if (!CURRENT_MODELS.includes(model)) {
          sendJson(c.res, 404, env(1202, `no route ${c.method} ${c.path}`));
          return true;
        }
        const b = (c.body ?? {}) as Record<string, unknown>;
        const err = validateCurrent(kind, b, model);
        if (err) {
          sendJson(c.res, 400, env(1201, `invalid parameter: ${err}`));
          return true;
        }
        if (!admit(c)) return true;
        const o = (b.options ?? {}) as { callback_url?: string; external_task_id?: string };
        const id = newId();
        const job: KJob = { ...newJob(id, base.mode, b, o.callback_url), path: c.path, model, externalTaskId: o.external_task_id, legacy: false, lastStatus: "submitted" };
        jobs.set(id, job);
        sendJson(c.res, 200, env(0, "SUCCEED", { id, status: "submitted", create_time: job.createdAt, update_time: job.createdAt, external_id: job.externalTaskId ?? "" }));
        return true;
      }
      if (c.method === "GET" && c.path === "/tasks") {
        if (!apiKeyAuthed(c) || fault(c, "pollFault")) return true;
        if (c.query.task_ids && c.query.external_task_ids) {
          sendJson(c.res, 400, env(1201, "invalid parameter: use task_ids or external_task_ids, not both"));
          return true;
        }
        const ids = (c.query.task_ids ?? "").split(",").filter(Boolean);
        const ext = (c.query.external_task_ids ?? "").split(",").filter(Boolean);
        const found = [...jobs.values()].filter((j) => !j.legacy && !j.avatar && (ids.includes(j.id) || (j.externalTaskId && ext.includes(j.externalTaskId))));
        const out = found.map((j) => {
          const obj = taskObject(j, advance(j));
          notify(j, obj);
          return obj;
        });
        sendJson(c.res, 200, env(0, "SUCCEED", out));
        return true;
      }
      if (c.method === "POST" && c.path === "/v1/audio/tts") {
        if (!apiKeyAuthed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const text = typeof b.text === "string" ? b.text : "";
        const speed = b.voice_speed === undefined ? 1 : Number(b.voice_speed);
        const err = !text
          ? "text is required"
          : text.length > 1000
            ? "text exceeds 1000 characters"
            : typeof b.voice_id !== "string" || !b.voice_id
              ? "voice_id is required"
              : !["zh", "en"].includes(String(b.voice_language))
                ? "voice_language must be zh or en"
                : !(speed >= 0.8 && speed <= 2)
                  ? "voice_speed must be within [0.8, 2.0]"
                  : null;
        if (err) {
          sendJson(c.res, 400, env(1201, `invalid parameter: ${err}`));
          return true;
        }
        const id = newId();
        const audioId = `aud-${id}`;
        const durationSec = Math.max(2, Math.round((text.trim().split(/\s+/).length / 2.5 / speed) * 10) / 10);
        audios.set(audioId, { voiceId: String(b.voice_id), language: String(b.voice_language), durationSec });
        sendJson(c.res, 200, env(0, "SUCCEED", {
          task_id: id,
          task_status: "succeed",
          task_status_msg: "",
          task_result: { audios: [{ id: audioId, url: `${base.baseUrl}/media/${audioId}.mp3`, duration: String(durationSec) }] },
          final_unit_deduction: "0.05",
          created_at: Date.now(),
          updated_at: Date.now(),
        }));
        return true;
      }
      if (c.method === "POST" && c.path === "/v1/videos/avatar/image2video") {
        if (!apiKeyAuthed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const hasAudio = typeof b.audio_id === "string" && !!b.audio_id;
        const hasSound = typeof b.sound_file === "string" && !!b.sound_file;
        const err =
          typeof b.image !== "string" || !b.image
            ? "image is required"
            : /^data:/.test(b.image)
              ? "image base64 must not carry a data: prefix"
              : hasAudio === hasSound
                ? "exactly one of audio_id and sound_file is required"
                : hasAudio && !audios.has(String(b.audio_id))
                  ? "audio_id not found or expired"
                  : typeof b.prompt === "string" && b.prompt.length > 2500
                    ? "prompt exceeds 2500 characters"
                    : b.mode !== undefined && !["std", "pro"].includes(String(b.mode))
                      ? "mode must be std or pro"
                      : "model_name" in b
                        ? "model_name is not a parameter of this endpoint"
                        : null;
        if (err) {
          sendJson(c.res, 400, env(1201, `invalid parameter: ${err}`));
          return true;
        }
        const ext = typeof b.external_task_id === "string" && b.external_task_id ? b.external_task_id : undefined;
        if (ext && [...jobs.values()].some((j) => j.externalTaskId === ext)) {
          sendJson(c.res, 400, env(1201, "invalid parameter: external_task_id must be unique"));
          return true;
        }
        if (!admit(c)) return true;
        const id = newId();
        const job: KJob = {
          ...newJob(id, base.mode, b, typeof b.callback_url === "string" && b.callback_url ? b.callback_url : undefined),
          path: c.path,
          model: "avatar",
          externalTaskId: ext,
          legacy: false,
          avatar: true,
          audioSec: hasAudio ? audios.get(String(b.audio_id))!.durationSec : 5,
          lastStatus: "submitted",
        };
        jobs.set(id, job);
        sendJson(c.res, 200, env(0, "SUCCEED", { task_id: id, task_status: "submitted", task_info: ext ? { external_task_id: ext } : {}, created_at: job.createdAt, updated_at: job.createdAt }));
        return true;
      }
      const avatarQuery = c.method === "GET" && /^\/v1\/videos\/avatar\/image2video\/([^/]+)$/.exec(c.path);
      if (avatarQuery) {
        if (!apiKeyAuthed(c) || fault(c, "pollFault")) return true;
        const key = decodeURIComponent(avatarQuery[1]);
        const job = [...jobs.values()].find((j) => j.avatar && (j.id === key || j.externalTaskId === key));
        if (!job) {
          sendJson(c.res, 400, env(1201, "Task not found"));
          return true;
        }
        const obj = avatarTaskObject(job, advance(job));
        sendJson(c.res, 200, env(0, "SUCCEED", obj));
        notify(job, obj);
        return true;
      }
      // Legacy design (JWT or API key): still answers, but only for models that still exist.
      const legacyCreate = c.method === "POST" && /^\/v1\/videos\/(text2video|image2video)$/.exec(c.path);
      if (legacyCreate) {
        if (!legacyAuthed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const model = String(b.model_name ?? "kling-v1");
        if (DISCONTINUED.includes(model)) {
          sendJson(c.res, 400, env(1201, `The model '${model}' has been discontinued`));
          return true;
        }
        sendJson(c.res, 400, env(1201, `invalid parameter: model_name '${model}' is not available on this endpoint`));
        return true;
      }
      const legacyQuery = c.method === "GET" && /^\/v1\/videos\/(text2video|image2video)\/([^/]+)$/.exec(c.path);
      if (legacyQuery) {
        if (!legacyAuthed(c) || fault(c, "pollFault")) return true;
        const job = jobs.get(decodeURIComponent(legacyQuery[2]));
        if (!job || !job.legacy) {
          sendJson(c.res, 400, env(1201, "Task not found"));
          return true;
        }
        const obj = legacyTaskObject(job, advance(job));
        sendJson(c.res, 200, env(0, "SUCCEED", obj));
        notify(job, obj);
        return true;
      }
      return false;
    },
  });

  // external_task_id is unique per account on Kling; a reset starts a fresh account for avatars.
  const baseReset = base.reset;
  base.reset = () => {
    baseReset();
    for (const [id, j] of jobs) if (j.avatar) jobs.delete(id);
    audios.clear();
  };
  const fake = Object.assign(base, { apiKey, accessKey, secretKey, jobs, audios }) as typeof base & { apiKey: string; accessKey: string; secretKey: string; jobs: Map<string, KJob>; audios: typeof audios };
  Object.defineProperty(fake, "concurrencyCap", {
    get: () => state.concurrencyCap,
    set: (n: number) => {
      state.concurrencyCap = n;
    },
    enumerable: true,
  });
  return fake as unknown as KlingFake;
}
