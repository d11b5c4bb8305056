/**
 * fal.ai queue fake for Pika: POST /fal-ai/pika/{version}/{text|image}-to-video (full model id),
 * status/result/cancel under the owner/app sub-path /fal-ai/pika/requests/{id}[/status|/cancel],
 * 202 IN_QUEUE/IN_PROGRESS then 200 COMPLETED, result {"video":{url,...}} or non-2xx on failure,
 * 422 `detail` lists for bad input, `Authorization: Key ...` only, cancel while queued, and
 * Ed25519-signed webhooks (?fal_webhook=) with its own JWKS at /.well-known/jwks.json.
 * Written from fal's queue client (fal-ai/fal-js, libs/client/src/queue.ts: submit, status,
 * result, cancel URLs) and fal's "Queue" and "Webhooks" docs (docs.fal.ai), read 2026-11-21,
 * rechecked 2026-11-30 (shared/providers/README.md corrections: an exhausted balance answers 403
 * "User is locked. Reason: Exhausted balance").
 */
import { createHash, generateKeyPairSync, randomUUID, sign } from "node:crypto";
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
} from "./common";

export interface PikaFakeOptions {
  apiKey?: string;
  userId?: string;
}

type PJob = FakeJob & { modelId: string; webhookSent?: boolean };

export interface PikaFake extends FakeServer {
  apiKey: string;
  jobs: Map<string, PJob>;
  jwksUrl: string;
}

const RATIOS = ["16:9", "9:16", "1:1", "4:5", "5:4", "3:2", "2:3"];

export async function startPikaFake(opts: PikaFakeOptions = {}): Promise<PikaFake> {
  const apiKey = opts.apiKey ?? "fal-fake-id:fal-fake-secret";
  const userId = opts.userId ?? "fake-user";
  const jobs = new Map<string, PJob>();
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const jwk = publicKey.export({ format: "jwk" });

  function authed(c: Ctx): boolean {
    const h = header(c, "authorization");
    if (h === `Key ${apiKey}`) return true;
    sendJson(c.res, 401, { detail: `Invalid authentication credentials: ${h ?? "(missing)"}` });
    return false;
  }

  function fault(c: Ctx, field: "submitFault" | "pollFault" | "otherFault"): boolean {
    const f = takeFault(base.mode, field);
    if (!f) return false;
    if (writeGenericFault(c, f, (_s, m) => ({ detail: m }))) return true;
    if (f.kind === "budget") sendJson(c.res, 403, { detail: "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing." });
    else sendJson(c.res, 422, { detail: [{ loc: ["body", "prompt"], msg: "The prompt was flagged by content moderation", type: "content_policy_violation" }] });
    return true;
  }

  function urls(id: string) {
    const root = `${base.baseUrl}/fal-ai/pika/requests/${id}`;
    return { response_url: root, status_url: `${root}/status`, cancel_url: `${root}/cancel` };
  }

  function validate(kind: string, b: Record<string, unknown>) {
    const d: Array<{ loc: string[]; msg: string; type: string }> = [];
    if (typeof b.prompt !== "string" || !b.prompt) d.push({ loc: ["body", "prompt"], msg: "field required", type: "value_error.missing" });
    if (kind === "image-to-video" && (typeof b.image_url !== "string" || !b.image_url)) d.push({ loc: ["body", "image_url"], msg: "field required", type: "value_error.missing" });
    if (b.duration !== undefined && b.duration !== 5 && b.duration !== 10) d.push({ loc: ["body", "duration"], msg: "value is not a valid enumeration member; permitted: 5, 10", type: "type_error.enum" });
    if (b.resolution !== undefined && !["720p", "1080p"].includes(String(b.resolution))) d.push({ loc: ["body", "resolution"], msg: "permitted: '720p', '1080p'", type: "type_error.enum" });
    if (kind === "text-to-video" && b.aspect_ratio !== undefined && !RATIOS.includes(String(b.aspect_ratio))) d.push({ loc: ["body", "aspect_ratio"], msg: "invalid aspect_ratio", type: "type_error.enum" });
    return d;
  }

  async function sendWebhook(job: PJob, url: string) {
    const phase = phaseOf(job);
    const body =
      phase === "success"
        ? { request_id: job.id, gateway_request_id: job.id, status: "OK", payload: { video: { url: base.mediaUrl(job.id), content_type: "video/mp4" } } }
        : { request_id: job.id, gateway_request_id: job.id, status: "ERROR", error: "Invalid status code: 422", payload: { detail: [{ loc: ["body", "prompt"], msg: "generation failed", type: "runner_error" }] } };
    const raw = JSON.stringify(body);
    const ts = String(Math.floor(Date.now() / 1000));
    const msg = `${job.id}\n${userId}\n${ts}\n${createHash("sha256").update(raw).digest("hex")}`;
    const sig = sign(null, Buffer.from(msg), privateKey).toString("hex");
    await postCallback(url, raw, {
      "x-fal-webhook-request-id": job.id,
      "x-fal-webhook-user-id": userId,
      "x-fal-webhook-timestamp": ts,
      "x-fal-webhook-signature": sig,
    });
  }

  const base = await startFakeServer({
    notFound: (c) => sendJson(c.res, 404, { detail: "Not Found" }),
    route: (c) => {
      if (c.method === "GET" && c.path === "/.well-known/jwks.json") {
        sendJson(c.res, 200, { keys: [{ ...jwk, kid: "fake-1", use: "sig", alg: "EdDSA" }] });
        return true;
      }
      const submit = c.method === "POST" && /^\/fal-ai\/pika\/(v2\.2|v2\.1|v2\/turbo|v2\.5)\/(text-to-video|image-to-video)$/.exec(c.path);
      if (submit) {
        if (!authed(c) || fault(c, "submitFault")) return true;
        const b = (c.body ?? {}) as Record<string, unknown>;
        const detail = validate(submit[2], b);
        if (detail.length) {
          sendJson(c.res, 422, { detail });
          return true;
        }
        const id = randomUUID();
        jobs.set(id, { ...newJob(id, base.mode, b, c.query.fal_webhook), modelId: c.path.slice(1) });
        const queued = [...jobs.values()].filter((j) => !isTerminal(phaseOf(j))).length - 1;
        sendJson(c.res, 200, { request_id: id, ...urls(id), queue_position: Math.max(0, queued) });
        return true;
      }
      const m = /^\/fal-ai\/pika\/requests\/([^/]+)(\/status|\/cancel)?$/.exec(c.path);
      if (m) {
        if (!authed(c)) return true;
        const job = jobs.get(m[1]);
        const sub = m[2] ?? "";
        if (sub === "/status" && c.method === "GET") {
          if (fault(c, "pollFault")) return true;
          if (!job) {
            sendJson(c.res, 404, { detail: "Request not found" });
            return true;
          }
          const p = advance(job);
          const common = { request_id: job.id, ...urls(job.id) };
          if (p === "queued") sendJson(c.res, 202, { status: "IN_QUEUE", queue_position: 0, ...common });
          else if (p === "running") sendJson(c.res, 202, { status: "IN_PROGRESS", logs: [{ message: "generating", level: "INFO", source: "USER", timestamp: new Date().toISOString() }], ...common });
          else {
            sendJson(c.res, 200, { status: "COMPLETED", logs: [], metrics: { inference_time: 41.7 }, ...common });
            if (job.callbackUrl && !job.webhookSent) {
              job.webhookSent = true;
              void sendWebhook(job, job.callbackUrl);
            }
          }
          return true;
        }
        if (sub === "" && c.method === "GET") {
          if (fault(c, "otherFault")) return true;
          if (!job) {
            sendJson(c.res, 404, { detail: "Request not found" });
            return true;
          }
          const p = phaseOf(job);
          if (!isTerminal(p)) sendJson(c.res, 400, { detail: "Request is still in progress" });
          else if (p === "success") {
            sendJson(c.res, 200, { video: { url: base.mediaUrl(job.id), content_type: "video/mp4", file_name: "output.mp4", file_size: 9770 } }, { "x-fal-request-id": job.id });
          } else if (p === "moderation") {
            sendJson(c.res, 422, { detail: [{ loc: ["body", "prompt"], msg: "The prompt was flagged by content moderation", type: "content_policy_violation" }] }, { "x-fal-error-type": "content_policy_violation" });
          } else if (p === "cancelled") {
            sendJson(c.res, 400, { detail: "Request was cancelled" });
          } else {
            sendJson(c.res, 500, { detail: "Runner error: generation failed" }, { "x-fal-error-type": "runner_disconnected" });
          }
          return true;
        }
        if (sub === "/cancel" && c.method === "PUT") {
          if (!job) {
            sendJson(c.res, 404, { detail: "Request not found" });
            return true;
          }
          if (phaseOf(job) === "queued") {
            job.cancelled = true;
            sendJson(c.res, 202, { status: "CANCELLATION_REQUESTED" });
          } else sendJson(c.res, 400, { status: "ALREADY_COMPLETED" });
          return true;
        }
      }
      return false;
    },
  });

  return Object.assign(base, { apiKey, jobs, jwksUrl: `${base.baseUrl}/.well-known/jwks.json` });
}
