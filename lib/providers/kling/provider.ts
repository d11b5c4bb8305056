/**
 * Kling as a clip provider on current models (API key; see ./models.ts for the table and its
 * sources). The legacy JWT endpoints remain only for legacy model names, so an old kling-v1
 * setting reaches Kling's own "discontinued" answer and gets a message saying what to change.
 *
 * externalId: "<task id>" for current tasks, "legacy:<family>:<task id>" for legacy ones
 * (registry.providerJobId strips the prefix for callback matching).
 */
import { logger as rootLogger } from "@/lib/logger";
import { estimateByClip } from "@/lib/providers/cost-models";
import { DEFAULT_REQUEST_TIMEOUT_MS, fetchResultWithRepoll, malformed, type AdapterOptions } from "@/lib/providers/http";
import { ProviderError, estimateSpeechSeconds, type CostEstimate, type GenerationRequest, type PollResult, type ProviderContext, type VideoProvider } from "@/lib/providers/types";
import { klingApi } from "./api";
import { JWT_ONLY_MESSAGE, KLING_AVATAR, KLING_USD_PER_UNIT, discontinuedMessage, klingModel, type KlingModel } from "./models";
import { buildAvatarTask, buildCreateTask, buildLegacyCreateTask, buildTts, parseAvatarCreate, parseCreateTask, parseKlingCallback, parseTts, taskFromList, toPollResult } from "./transform";

export function klingTaskId(externalId: string): string {
  return externalId.startsWith("legacy:") || externalId.startsWith("avatar:") ? externalId.slice(externalId.lastIndexOf(":") + 1) : externalId;
}

/**
 * Kling Avatar estimate in integer cents: the speech's seconds × 0.4 units plus one TTS call
 * (0.05 units), rounded up to whole units at $0.14 (models.ts KLING_AVATAR, with its source).
 */
export function klingAvatarEstimate(req: Pick<GenerationRequest, "script" | "voiceSpeed">): CostEstimate {
  const durationSec = estimateSpeechSeconds(req.script, req.voiceSpeed);
  const units = Math.ceil(durationSec * KLING_AVATAR.unitsPerSecond + KLING_AVATAR.ttsUnitsPerCall - 1e-9);
  return { cents: units * Math.round(KLING_USD_PER_UNIT * 100), units, unitName: "unit", durationSec };
}

export function createKlingProvider(opts: AdapterOptions & { model?: string } = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "kling" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const api = (ctx: ProviderContext) => klingApi(ctx, { timeoutMs });

  function modelOf(ctx: ProviderContext): KlingModel {
    const id = ctx.credentials.model || opts.model;
    const m = klingModel(id);
    if (!m) throw new ProviderError("kling", "permanent", `Unknown Kling model '${id}'. ${discontinuedMessage(String(id)).split(". ")[1]}`);
    return m;
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    let task: unknown;
    if (externalId.startsWith("avatar:")) {
      task = (await api(ctx).avatarTask(klingTaskId(externalId))).data;
    } else if (externalId.startsWith("legacy:")) {
      const [, family, id] = externalId.split(":");
      task = (await api(ctx).legacyTask(family, id)).data;
    } else {
      task = taskFromList(await api(ctx).tasks(externalId), externalId);
      if (!task) throw new ProviderError("kling", "permanent", `Kling has no task ${externalId}`, { httpStatus: 404 });
    }
    const r = toPollResult(task);
    if (!r) throw malformed("kling", "task query");
    if (r.status === "unknown") {
      log.warn({ externalId, status: r.raw }, "kling: unknown task status, still polling");
      return { status: "running" };
    }
    if (r.status === "succeeded" && "billedCents" in r && r.billedCents !== undefined) {
      log.info({ externalId, billedCents: r.billedCents }, "kling: billed amount reported");
    }
    return r;
  }

  const provider: VideoProvider = {
    id: "kling",
    displayName: "Kling AI",
    capabilities: {
      // Clips on the current models; the presenter through Kling Avatar (a photo made to speak).
      roles: ["clip", "presenter"],
      kinds: ["talking_photo", "text_to_video", "image_to_video"],
      // No 4:5: aspect_ratio is 16:9|9:16|1:1 on every model (shared/providers/kling.md; also
      // wavespeed.ai/docs/docs-api/kwaivgi/kwaivgi-kling-v2.6-std-text-to-video, read 2026-12-01).
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 10,
      presenterNeedsImage: true,
      captions: false,
      cancel: false,
      webhooks: true,
    },
    isConfigured: (c) => !!c.apiKey || (!!c.accessKey && !!c.secretKey),
    // A presenter request (the default role) is priced as Kling Avatar; clips by the model table.
    estimateCost: (req, m) => ((req as Partial<GenerationRequest>).role === "clip" ? estimateByClip(req, m) : klingAvatarEstimate(req)),

    async submit(ctx, req) {
      if (req.role !== "clip") {
        // Presenter: never a silent clip. Kling Avatar speaks the script over the presenter's photo.
        if (!ctx.credentials.apiKey) throw new ProviderError("kling", "permanent", JWT_ONLY_MESSAGE);
        if (!req.avatar.imageUrl) throw new ProviderError("kling", "permanent", "Kling Avatar needs the presenter's photo; this presenter has none.");
        const tts = buildTts(req);
        const audio = parseTts(await api(ctx).tts(tts.body));
        if (!audio) throw malformed("kling", "text to speech");
        if ("error" in audio) throw new ProviderError("kling", "retryable", audio.error);
        const { body } = buildAvatarTask(req, audio.audioId);
        const id = parseAvatarCreate(await api(ctx).createAvatar(body));
        if (!id) throw malformed("kling", "create avatar task");
        log.info({ generationId: req.generationId, externalId: id, mode: KLING_AVATAR.mode }, "kling: avatar task submitted");
        return { externalId: `avatar:${id}` };
      }
      const model = modelOf(ctx);
      if (model.legacy) {
        // Legacy names go to the legacy endpoint (JWT if that is all we have), where Kling
        // answers for itself; a discontinued model is refused there with its own message.
        const auth = ctx.credentials.accessKey && ctx.credentials.secretKey ? "jwt" : "api_key";
        const { path, body } = buildLegacyCreateTask(req, model);
        const id = parseCreateTask(await api(ctx).create(auth, path, body));
        if (!id) throw malformed("kling", "create task");
        return { externalId: `legacy:${path.split("/").pop()}:${id}` };
      }
      if (!ctx.credentials.apiKey) throw new ProviderError("kling", "permanent", JWT_ONLY_MESSAGE);
      const { path, body } = buildCreateTask(req, model);
      const id = parseCreateTask(await api(ctx).create("api_key", path, body));
      if (!id) throw malformed("kling", "create task");
      log.info({ generationId: req.generationId, externalId: id, model: model.id, path }, "kling: task submitted");
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
        secrets: [ctx.credentials.apiKey, ctx.credentials.accessKey, ctx.credentials.secretKey],
      });
    },

    async testConnection(ctx) {
      const model = modelOf(ctx);
      if (model.status === "discontinued") throw new ProviderError("kling", "permanent", discontinuedMessage(model.id));
      if (!ctx.credentials.apiKey) throw new ProviderError("kling", "permanent", JWT_ONLY_MESSAGE);
      await api(ctx).probe();
      return { ok: true, detail: `API key accepted; model ${model.id} ($${model.usdPerSecond720.toFixed(3)}/s at 720p)` };
    },

    parseWebhook: parseKlingCallback,
  };
  return provider;
}

export const klingProvider = createKlingProvider();
