/**
 * Pika through fal.ai's queue as a clip provider (see ./models.ts for the model table and its
 * sources, ./api.ts for the HTTP, ./transform.ts for the mapping). The returned job URLs are kept
 * verbatim inside the externalId ("fal1." + base64url(JSON)), since poll/fetch/cancel only
 * receive the externalId.
 */
import { logger as rootLogger } from "@/lib/logger";
import { estimateByClip } from "@/lib/providers/cost-models";
import { DEFAULT_REQUEST_TIMEOUT_MS, MALFORMED, extractMessage, fetchResultWithRepoll, joinUrl, malformed, type AdapterOptions } from "@/lib/providers/http";
import { ProviderError, type PollResult, type ProviderContext, type VideoProvider } from "@/lib/providers/types";
import { falApi, falErrorFrom } from "./api";
import { PIKA_MODELS, pikaModel, type PikaModel } from "./models";
import { PIKA_APP, buildSubmit, decodeFalRef, encodeFalRef, isRec, parsePikaWebhook, parseSubmit, resultUrl, statusOf } from "./transform";

export function createPikaProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "pika" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const api = (ctx: ProviderContext) => falApi(ctx, { timeoutMs });

  function modelOf(ctx: ProviderContext): PikaModel {
    const m = pikaModel(ctx.credentials.model);
    if (!m) throw new ProviderError("pika", "permanent", `Unknown Pika model '${ctx.credentials.model}'. Pick one of ${PIKA_MODELS.map((x) => x.id).join(", ")} in Settings → Providers → Pika.`);
    return m;
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const a = api(ctx);
    const ref = decodeFalRef(externalId, a.base());
    const { res, k } = await a.status(ref.s);
    if (res.status < 200 || res.status >= 300) throw falErrorFrom(res, "status", k);
    const st = statusOf(res.json === MALFORMED ? undefined : res.json);
    if (!st) throw malformed("pika", "status");
    if (st.status === "unknown") {
      log.warn({ requestId: ref.id, status: st.raw }, "pika: unknown fal status, still polling");
      return { status: "running" };
    }
    if (st.status !== "completed") return st;
    // COMPLETED means success OR failure: the result GET decides.
    const { res: rr } = await a.result(ref.r);
    if (rr.status === 429 || rr.status >= 502 || rr.status === 408) throw falErrorFrom(rr, "result", k);
    if (rr.status < 200 || rr.status >= 300) {
      const reason = extractMessage(rr.json === MALFORMED ? undefined : rr.json) ?? rr.headers.get("x-fal-error-type") ?? `HTTP ${rr.status}`;
      return { status: "failed", error: `Pika generation failed: ${reason}` };
    }
    if (rr.json === MALFORMED || !isRec(rr.json)) throw malformed("pika", "result");
    const url = resultUrl(rr.json);
    if (!url) throw malformed("pika", "result (no video.url)");
    return { status: "succeeded", progress: 100, resultUrl: url };
  }

  const provider: VideoProvider = {
    id: "pika",
    displayName: "Pika (via fal.ai)",
    capabilities: {
      roles: ["clip"],
      kinds: ["text_to_video", "image_to_video"],
      // fal's text-to-video aspect_ratio takes 16:9|9:16|1:1|4:5|5:4|3:2|2:3 (fal.ai/models/
      // fal-ai/pika/v2/turbo/text-to-video/llms.txt and fal-js types, shared/providers/pika.md;
      // read 2026-12-01). Image-to-video has no aspect_ratio (it follows the image): 4:5 from text only.
      aspectRatios: ["16:9", "9:16", "1:1", "4:5"],
      textOnlyAspectRatios: ["4:5"],
      maxDurationSec: 10,
      captions: false,
      cancel: true,
      webhooks: true,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, m) => estimateByClip(req, m),

    async submit(ctx, req) {
      const a = api(ctx);
      const { modelId, body } = buildSubmit(req, modelOf(ctx));
      let url = joinUrl(a.base(), modelId);
      if (req.callbackUrl) url += `?fal_webhook=${encodeURIComponent(req.callbackUrl)}`;
      const { res, k } = await a.submit(url, body);
      if (res.status < 200 || res.status >= 300) throw falErrorFrom(res, "submit", k);
      const ref = parseSubmit(res.json === MALFORMED ? undefined : res.json, a.base());
      if (!ref) throw malformed("pika", "submit");
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
      const a = api(ctx);
      const ref = decodeFalRef(externalId, a.base());
      const { res, k } = await a.cancel(ref.c);
      if (res.status >= 200 && res.status < 300) return;
      const st = isRec(res.json) ? res.json.status : undefined;
      if (res.status === 400 && st === "ALREADY_COMPLETED") {
        throw new ProviderError("pika", "permanent", "Pika job already finished; it can no longer be cancelled", { httpStatus: 400 });
      }
      throw falErrorFrom(res, "cancel", k);
    },

    async testConnection(ctx) {
      const model = modelOf(ctx);
      // A status GET for a request id that cannot exist: 404 = key accepted, 401/403 = rejected.
      const a = api(ctx);
      const { res, k } = await a.probe(joinUrl(a.base(), `${PIKA_APP}/requests/00000000-0000-0000-0000-000000000000/status`));
      if (res.status === 404 || (res.status >= 200 && res.status < 300)) return { ok: true, detail: `key accepted; model ${model.id} ($${(model.centsPer5s / 100).toFixed(2)} per 5-s clip at 720p)` };
      throw falErrorFrom(res, "connection test", k);
    },

    parseWebhook: parsePikaWebhook,
  };
  return provider;
}

export const pikaProvider = createPikaProvider();
