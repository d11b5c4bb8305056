/**
 * Pika through fal.ai's queue: POST {base}/fal-ai/pika/v2.2/{text|image}-to-video returns
 * request_id + status_url/response_url/cancel_url, which we keep verbatim inside the externalId
 * ("fal1." + base64url(JSON)), since poll/fetch/cancel only receive the externalId.
 * Protocol notes: shared/providers/pika.md.
 */
import { logger as rootLogger } from "@/lib/logger";
import { clipSeconds, estimateByClip } from "@/lib/providers/cost-models";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  MALFORMED,
  extractMessage,
  fetchResultWithRepoll,
  httpError,
  joinUrl,
  malformed,
  presenterPrompt,
  requestJson,
  type AdapterOptions,
  type JsonResponse,
} from "@/lib/providers/http";
import {
  ProviderError,
  type PollResult,
  type ProviderContext,
  type ProviderCredentials,
  type VideoProvider,
  type WebhookEvent,
} from "@/lib/providers/types";

export const FAL_DEFAULT_BASE_URL = "https://queue.fal.run";
export const PIKA_APP = "fal-ai/pika";
export const PIKA_VERSION = "v2.2";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

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

export function createPikaProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "pika" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  function base(c: ProviderCredentials) {
    return c.baseUrl || FAL_DEFAULT_BASE_URL;
  }
  function key(ctx: ProviderContext): string {
    const k = ctx.credentials.apiKey;
    if (!k) throw new ProviderError("pika", "permanent", "fal API key (FAL_KEY) is not configured. Add it in Settings → Providers.");
    return k;
  }
  /** The key goes only to the configured fal host, never to a URL on another origin. */
  function checkOrigin(ctx: ProviderContext, url: string): string {
    let ok = false;
    try {
      ok = new URL(url).origin === new URL(base(ctx.credentials)).origin;
    } catch {
      ok = false;
    }
    if (!ok) throw new ProviderError("pika", "permanent", "fal returned a job URL on an unexpected host; refusing to send the key there");
    return url;
  }

  function errorFrom(res: JsonResponse, what: string, k: string): ProviderError {
    const j = res.json === MALFORMED ? undefined : res.json;
    const msg = extractMessage(j);
    // fal locks accounts whose balance is exhausted (403 "...balance..."/"locked").
    const budget = (res.status === 402 || res.status === 403) && /balance|credit|locked|billing/i.test(msg ?? "");
    return httpError({ provider: "pika", what, status: res.status, headers: res.headers, message: msg, secrets: [k], kind: budget ? "budget" : undefined });
  }

  async function call(ctx: ProviderContext, method: "GET" | "POST" | "PUT", url: string, what: string, body?: unknown) {
    const k = key(ctx);
    const res = await requestJson({
      provider: "pika",
      method,
      url,
      headers: { authorization: `Key ${k}` },
      body,
      timeoutMs,
      signal: ctx.signal,
      secrets: [k],
      what,
    });
    return { res, k };
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const ref = decodeFalRef(externalId, base(ctx.credentials));
    const { res, k } = await call(ctx, "GET", checkOrigin(ctx, ref.s), "status");
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, "status", k);
    if (res.json === MALFORMED || !isRec(res.json) || typeof res.json.status !== "string") throw malformed("pika", "status");
    const s = res.json.status;
    if (s === "IN_QUEUE") return { status: "queued" };
    if (s === "IN_PROGRESS") return { status: "running" };
    if (s === "FAILED" || s === "ERROR") {
      return { status: "failed", error: `Pika generation failed: ${extractMessage(res.json) ?? String(res.json.error_type ?? "error")}` };
    }
    if (s === "CANCELED" || s === "CANCELLED") return { status: "cancelled" };
    if (s !== "COMPLETED") {
      log.warn({ requestId: ref.id, status: s }, "pika: unknown fal status, still polling");
      return { status: "running" };
    }
    // COMPLETED means success OR failure: the result GET decides.
    const r = await call(ctx, "GET", checkOrigin(ctx, ref.r), "result");
    const rr = r.res;
    if (rr.status === 429 || rr.status >= 502 || rr.status === 408) throw errorFrom(rr, "result", k);
    if (rr.status < 200 || rr.status >= 300) {
      const reason = extractMessage(rr.json === MALFORMED ? undefined : rr.json) ?? rr.headers.get("x-fal-error-type") ?? `HTTP ${rr.status}`;
      return { status: "failed", error: `Pika generation failed: ${reason}` };
    }
    if (rr.json === MALFORMED || !isRec(rr.json)) throw malformed("pika", "result");
    const video = rr.json.video;
    if (!isRec(video) || typeof video.url !== "string") throw malformed("pika", "result (no video.url)");
    return { status: "succeeded", progress: 100, resultUrl: video.url };
  }

  const provider: VideoProvider = {
    id: "pika",
    displayName: "Pika (via fal.ai)",
    capabilities: {
      roles: ["clip"],
      kinds: ["text_to_video", "image_to_video"],
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 10,
      captions: false,
      cancel: true,
      webhooks: true,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, m) => estimateByClip(req, m),

    async submit(ctx, req) {
      const image = !!req.avatar.imageUrl;
      const modelId = `${PIKA_APP}/${PIKA_VERSION}/${image ? "image-to-video" : "text-to-video"}`;
      const body: Rec = {
        prompt: presenterPrompt(req, 1500),
        resolution: "720p",
        duration: clipSeconds(req),
      };
      if (image) body.image_url = req.avatar.imageUrl;
      else body.aspect_ratio = req.aspectRatio;
      let url = joinUrl(base(ctx.credentials), modelId);
      if (req.callbackUrl) url += `?fal_webhook=${encodeURIComponent(req.callbackUrl)}`;
      const { res, k } = await call(ctx, "POST", url, "submit", body);
      if (res.status < 200 || res.status >= 300) throw errorFrom(res, "submit", k);
      const j = res.json;
      if (j === MALFORMED || !isRec(j) || typeof j.request_id !== "string") throw malformed("pika", "submit");
      const fallback = decodeFalRef(j.request_id, base(ctx.credentials));
      const ref: FalJobRef = {
        id: j.request_id,
        s: typeof j.status_url === "string" ? j.status_url : fallback.s,
        r: typeof j.response_url === "string" ? j.response_url : fallback.r,
        c: typeof j.cancel_url === "string" ? j.cancel_url : fallback.c,
      };
      log.info({ generationId: req.generationId, requestId: ref.id, modelId }, "pika: request queued");
      return { externalId: encodeFalRef(ref) };
    },

    poll,

    fetchResult(ctx, externalId, destPath) {
      return fetchResultWithRepoll({
        provider: "pika",
        poll: () => poll(ctx, externalId),
        destPath,
        timeoutMs: opts.downloadTimeoutMs,
        signal: ctx.signal,
        secrets: [ctx.credentials.apiKey],
      });
    },

    async cancel(ctx, externalId) {
      const ref = decodeFalRef(externalId, base(ctx.credentials));
      const { res, k } = await call(ctx, "PUT", checkOrigin(ctx, ref.c), "cancel");
      if (res.status >= 200 && res.status < 300) return;
      const st = isRec(res.json) ? res.json.status : undefined;
      if (res.status === 400 && st === "ALREADY_COMPLETED") {
        throw new ProviderError("pika", "permanent", "Pika job already finished; it can no longer be cancelled", { httpStatus: 400 });
      }
      throw errorFrom(res, "cancel", k);
    },

    async testConnection(ctx) {
      // A status GET for a request id that cannot exist: 404 = key accepted, 401/403 = rejected.
      const probe = joinUrl(base(ctx.credentials), `${PIKA_APP}/requests/00000000-0000-0000-0000-000000000000/status`);
      const { res, k } = await call(ctx, "GET", probe, "connection test");
      if (res.status === 404 || (res.status >= 200 && res.status < 300)) return { ok: true, detail: "key accepted" };
      throw errorFrom(res, "connection test", k);
    },

    parseWebhook(body: unknown): WebhookEvent | null {
      if (!isRec(body) || typeof body.request_id !== "string") return null;
      const claimed = body.status === "OK" ? "succeeded" : body.status === "ERROR" ? "failed" : undefined;
      return { externalId: body.request_id, claimedStatus: claimed };
    },
  };
  return provider;
}

export const pikaProvider = createPikaProvider();
