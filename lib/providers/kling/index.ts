/**
 * Kling AI text2video / image2video. Auth: a fresh HS256 JWT per request (iss = access key,
 * exp = now + 30 min, nbf = now − 5 s) signed with the secret key. Envelope {code:0, message,
 * request_id, data}. Protocol notes: shared/providers/kling.md.
 *
 * externalId is the bare numeric task id (a string), the same value Kling's callbacks carry.
 * The task family (text2video / image2video) is remembered per process and otherwise found by
 * trying both query paths.
 */
import { createHmac } from "node:crypto";
import { logger as rootLogger } from "@/lib/logger";
import { clipSeconds, estimateByClip } from "@/lib/providers/cost-models";
import {
  DEFAULT_REQUEST_TIMEOUT_MS,
  MALFORMED,
  extractMessage,
  fetchResultWithRepoll,
  httpError,
  invalidRequest,
  joinUrl,
  malformed,
  presenterPrompt,
  requestJson,
  type AdapterOptions,
  type JsonResponse,
} from "@/lib/providers/http";
import {
  ProviderError,
  type NormalisedStatus,
  type PollResult,
  type ProviderContext,
  type ProviderErrorKind,
  type VideoProvider,
  type WebhookEvent,
} from "@/lib/providers/types";

export const KLING_DEFAULT_BASE_URL = "https://api-singapore.klingai.com";
export const KLING_DEFAULT_MODEL = "kling-v1";

type Family = "text2video" | "image2video";
type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

const STATUS: Record<string, NormalisedStatus> = {
  submitted: "queued",
  processing: "running",
  succeed: "succeeded",
  failed: "failed",
};

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** HS256 JWT as Kling's sample builds it. `nowSec` is injectable for tests. */
export function klingJwt(accessKey: string, secretKey: string, nowSec = Math.floor(Date.now() / 1000), ttlSec = 1800): string {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = b64url(JSON.stringify({ iss: accessKey, exp: nowSec + ttlSec, nbf: nowSec - 5 }));
  const sig = createHmac("sha256", secretKey).update(`${header}.${payload}`).digest("base64url");
  return `${header}.${payload}.${sig}`;
}

function kindForCode(code: number | undefined, status: number): ProviderErrorKind | undefined {
  if (code === undefined) return undefined;
  if (code === 1101 || code === 1102) return "budget";
  if (code === 1302 || code === 1303) return "rate_limited";
  if (code === 1100 || code === 1103 || code === 1304) return "permanent";
  if (code >= 1000 && code <= 1004) return "permanent";
  if (code >= 1200 && code <= 1301) return "permanent";
  if (code >= 5000 && code <= 5002) return "retryable";
  return status >= 500 ? "retryable" : undefined;
}

export function createKlingProvider(opts: AdapterOptions & { model?: string; mode?: "std" | "pro" } = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "kling" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const model = opts.model ?? KLING_DEFAULT_MODEL;
  const mode = opts.mode ?? "std";
  /** task id → family; an optimisation only (a resumed worker falls back to trying both). */
  const families = new Map<string, Family>();

  function creds(ctx: ProviderContext) {
    const { accessKey, secretKey } = ctx.credentials;
    if (!accessKey || !secretKey) {
      throw new ProviderError("kling", "permanent", "Kling access key and secret key are not configured. Add them in Settings → Providers.");
    }
    return { accessKey, secretKey };
  }

  function errorFrom(res: JsonResponse, what: string, secrets: string[]): ProviderError {
    const j = res.json === MALFORMED ? undefined : res.json;
    const code = isRec(j) && typeof j.code === "number" ? j.code : undefined;
    const e = httpError({
      provider: "kling",
      what,
      status: res.status,
      headers: res.headers,
      message: extractMessage(j) ? `${extractMessage(j)}${code !== undefined ? ` (code ${code})` : ""}` : undefined,
      secrets,
      kind: kindForCode(code, res.status),
    });
    // Kling's concurrency 429s carry no Retry-After: back off at least 1 s.
    if (e.kind === "rate_limited" && e.retryAfterMs === undefined) {
      return new ProviderError("kling", "rate_limited", e.message, { retryAfterMs: 1000, httpStatus: res.status });
    }
    return e;
  }

  async function call(ctx: ProviderContext, method: "GET" | "POST", path: string, what: string, body?: unknown): Promise<{ data: unknown; status: number }> {
    const { accessKey, secretKey } = creds(ctx);
    const token = klingJwt(accessKey, secretKey);
    const secrets = [accessKey, secretKey, token];
    const res = await requestJson({
      provider: "kling",
      method,
      url: joinUrl(ctx.credentials.baseUrl || KLING_DEFAULT_BASE_URL, path),
      headers: { authorization: `Bearer ${token}` },
      body,
      timeoutMs,
      signal: ctx.signal,
      secrets,
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, secrets);
    if (res.json === MALFORMED || !isRec(res.json)) throw malformed("kling", what);
    if (res.json.code !== 0) throw errorFrom({ ...res, status: 400 }, what, secrets);
    return { data: res.json.data, status: res.status };
  }

  function toPoll(d: Rec): PollResult {
    const raw = String(d.task_status ?? "");
    const status = STATUS[raw];
    if (!status) {
      log.warn({ taskId: d.task_id, status: raw }, "kling: unknown task status, still polling");
      return { status: "running" };
    }
    if (status === "succeeded") {
      const videos = isRec(d.task_result) && Array.isArray(d.task_result.videos) ? d.task_result.videos : [];
      const url = videos.find((v) => isRec(v) && typeof v.url === "string") as Rec | undefined;
      if (!url) throw malformed("kling", "task query (succeed without videos)");
      return { status, progress: 100, resultUrl: String(url.url) };
    }
    if (status === "failed") {
      return { status, error: `Kling task failed: ${String(d.task_status_msg || "no reason given")}` };
    }
    return { status };
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const id = externalId.includes(":") ? externalId.slice(externalId.lastIndexOf(":") + 1) : externalId;
    const known = families.get(id);
    const order: Family[] = known ? [known] : ["text2video", "image2video"];
    let last: unknown;
    for (const fam of order) {
      try {
        const { data } = await call(ctx, "GET", `/v1/videos/${fam}/${encodeURIComponent(id)}`, "task query");
        if (!isRec(data)) throw malformed("kling", "task query");
        families.set(id, fam);
        return toPoll(data);
      } catch (e) {
        last = e;
        if (!(e instanceof ProviderError && e.httpStatus === 404)) throw e;
      }
    }
    throw last;
  }

  const provider: VideoProvider = {
    id: "kling",
    displayName: "Kling AI",
    capabilities: {
      roles: ["clip"],
      kinds: ["text_to_video", "image_to_video"],
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 10,
      captions: false,
      cancel: false,
      webhooks: true,
    },
    isConfigured: (c) => !!c.accessKey && !!c.secretKey,
    estimateCost: (req, m) => estimateByClip(req, m),

    async submit(ctx, req) {
      const family: Family = req.avatar.imageUrl ? "image2video" : "text2video";
      const prompt = presenterPrompt(req, 2500);
      if (!prompt.trim()) throw invalidRequest("kling", "empty prompt");
      const body: Rec = {
        model_name: model,
        mode,
        prompt,
        duration: String(clipSeconds(req)),
        external_task_id: `${req.generationId}-${req.attempt}`,
      };
      if (family === "image2video") body.image = req.avatar.imageUrl;
      else body.aspect_ratio = req.aspectRatio;
      if (req.callbackUrl) body.callback_url = req.callbackUrl;
      const { data } = await call(ctx, "POST", `/v1/videos/${family}`, "create task", body);
      const taskId = isRec(data) ? data.task_id : undefined;
      if ((typeof taskId !== "string" && typeof taskId !== "number") || String(taskId) === "") throw malformed("kling", "create task");
      const id = String(taskId);
      families.set(id, family);
      log.info({ generationId: req.generationId, externalId: id, family }, "kling: task submitted");
      return { externalId: id };
    },

    poll,

    fetchResult(ctx, externalId, destPath) {
      return fetchResultWithRepoll({
        provider: "kling",
        poll: () => poll(ctx, externalId),
        destPath,
        timeoutMs: opts.downloadTimeoutMs,
        signal: ctx.signal,
        secrets: [ctx.credentials.accessKey, ctx.credentials.secretKey],
      });
    },

    async testConnection(ctx) {
      const { data } = await call(ctx, "GET", "/v1/videos/text2video?pageNum=1&pageSize=1", "connection test");
      return { ok: true, detail: Array.isArray(data) ? "keys accepted" : "keys accepted" };
    },

    parseWebhook(body: unknown): WebhookEvent | null {
      // Official payload is the bare task object; one copy shows it wrapped in the envelope.
      const d = isRec(body) && isRec(body.data) && body.data.task_id !== undefined ? body.data : body;
      if (!isRec(d) || (typeof d.task_id !== "string" && typeof d.task_id !== "number")) return null;
      const status = STATUS[String(d.task_status ?? "")];
      return { externalId: String(d.task_id), claimedStatus: status };
    },
  };
  return provider;
}

export const klingProvider = createKlingProvider();
