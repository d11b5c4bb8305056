/**
 * Runway developer API. Clips: POST /v1/image_to_video (gen4_turbo) or /v1/text_to_video
 * (gen4.5). Presenter: POST /v1/avatar_videos {model:"gwm1_avatars", avatar:{type:"runway-preset",
 * presetId}|{type:"custom",avatarId}, speech:{type:"text",text,voice?}} (@runwayml/sdk 4.20.1
 * resources/avatar-videos.d.ts, read 2026-11-30). All poll GET /v1/tasks/{id}; DELETE cancels.
 * Headers: Authorization Bearer + X-Runway-Version. Protocol notes: shared/providers/runway.md.
 */
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
  type AspectRatio,
  type NormalisedStatus,
  type PollResult,
  type ProviderContext,
  type VideoProvider,
} from "@/lib/providers/types";

/** Avatar videos (presenter role): the SDK's only model, and a preset when the profile has no Runway avatar. */
export const RUNWAY_AVATAR_MODEL = "gwm1_avatars";
export const RUNWAY_DEFAULT_AVATAR_PRESET = "influencer";

export const RUNWAY_DEFAULT_BASE_URL = "https://api.dev.runwayml.com";
export const RUNWAY_API_VERSION = "2024-11-06";
export const RUNWAY_I2V_MODEL = "gen4_turbo";
export const RUNWAY_T2V_MODEL = "gen4.5";

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => !!v && typeof v === "object" && !Array.isArray(v);

const STATUS: Record<string, NormalisedStatus> = {
  PENDING: "queued",
  THROTTLED: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

const I2V_RATIO: Record<AspectRatio, string> = { "16:9": "1280:720", "9:16": "720:1280", "1:1": "960:960" };
const T2V_RATIO: Partial<Record<AspectRatio, string>> = { "16:9": "1280:720", "9:16": "720:1280" };

export function createRunwayProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "runway" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;

  function key(ctx: ProviderContext): string {
    const k = ctx.credentials.apiKey;
    if (!k) throw new ProviderError("runway", "permanent", "Runway API secret (RUNWAYML_API_SECRET) is not configured. Add it in Settings → Providers.");
    return k;
  }

  function errorFrom(res: JsonResponse, what: string, k: string): ProviderError {
    const j = res.json === MALFORMED ? undefined : res.json;
    let msg = extractMessage(j);
    if (isRec(j) && Array.isArray(j.issues)) {
      const issues = j.issues.filter(isRec).map((i) => `${Array.isArray(i.path) ? i.path.join(".") : ""}: ${String(i.message ?? "")}`);
      if (issues.length) msg = `${msg ?? "invalid request"} (${issues.join("; ")})`;
    }
    const budget = res.status === 402 || /enough credits|insufficient credit|out of credits/i.test(msg ?? "");
    return httpError({ provider: "runway", what, status: res.status, headers: res.headers, message: msg, secrets: [k], kind: budget ? "budget" : undefined });
  }

  async function call(ctx: ProviderContext, method: "GET" | "POST" | "DELETE", path: string, what: string, body?: unknown) {
    const k = key(ctx);
    const res = await requestJson({
      provider: "runway",
      method,
      url: joinUrl(ctx.credentials.baseUrl || RUNWAY_DEFAULT_BASE_URL, path),
      headers: { authorization: `Bearer ${k}`, "x-runway-version": ctx.credentials.apiVersion || RUNWAY_API_VERSION },
      body,
      timeoutMs,
      signal: ctx.signal,
      secrets: [k],
      what,
    });
    if (res.status < 200 || res.status >= 300) throw errorFrom(res, what, k);
    return res;
  }

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const res = await call(ctx, "GET", `/v1/tasks/${encodeURIComponent(externalId)}`, "task status");
    const j = res.json;
    if (j === MALFORMED || !isRec(j) || typeof j.status !== "string") throw malformed("runway", "task status");
    const status = STATUS[j.status];
    if (!status) {
      log.warn({ externalId, status: j.status }, "runway: unknown task status, still polling");
      return { status: "running" };
    }
    if (status === "succeeded") {
      const out = Array.isArray(j.output) ? j.output.find((u) => typeof u === "string") : undefined;
      if (!out) throw malformed("runway", "task status (SUCCEEDED without output)");
      return { status, progress: 100, resultUrl: out as string };
    }
    if (status === "failed") {
      const code = typeof j.failureCode === "string" ? ` [${j.failureCode}]` : "";
      return { status, error: `Runway task failed${code}: ${String(j.failure ?? "no reason given")}` };
    }
    if (status === "running" && typeof j.progress === "number") {
      const p = j.progress <= 1 ? j.progress * 100 : j.progress;
      return { status, progress: Math.max(0, Math.min(100, Math.round(p))) };
    }
    return { status };
  }

  const provider: VideoProvider = {
    id: "runway",
    displayName: "Runway",
    capabilities: {
      // Presenter through avatar videos (text → speaking avatar); clips through text/image-to-video.
      roles: ["presenter", "clip"],
      kinds: ["avatar_presenter", "text_to_video", "image_to_video"],
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 10,
      captions: false,
      cancel: true,
      webhooks: false,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, m) => estimateByClip(req, m),

    async submit(ctx, req) {
      // A presenter request (the pipeline's default role) makes a speaking avatar, never a silent clip.
      if (req.role !== "clip") {
        if (!req.script.trim()) throw invalidRequest("runway", "the script is empty");
        const custom = req.avatar.providerAvatarIds.runway;
        const voice = req.avatar.providerVoiceIds.runway;
        const body: Rec = {
          model: RUNWAY_AVATAR_MODEL,
          avatar: custom ? { type: "custom", avatarId: custom } : { type: "runway-preset", presetId: RUNWAY_DEFAULT_AVATAR_PRESET },
          speech: { type: "text", text: req.script, ...(voice ? { voice: { type: "preset", presetId: voice } } : {}) },
        };
        const res = await call(ctx, "POST", "/v1/avatar_videos", "create avatar video", body);
        const j = res.json;
        if (j === MALFORMED || !isRec(j) || typeof j.id !== "string" || !j.id) throw malformed("runway", "create avatar video");
        log.info({ generationId: req.generationId, externalId: j.id, model: RUNWAY_AVATAR_MODEL }, "runway: avatar video submitted");
        return { externalId: j.id };
      }
      const image = req.avatar.imageUrl;
      const promptText = presenterPrompt(req, 1000);
      const duration = clipSeconds(req);
      let path: string;
      let body: Rec;
      if (image) {
        path = "/v1/image_to_video";
        body = { model: RUNWAY_I2V_MODEL, promptImage: image, promptText, ratio: I2V_RATIO[req.aspectRatio], duration };
      } else {
        const ratio = T2V_RATIO[req.aspectRatio];
        if (!ratio) throw invalidRequest("runway", `text-to-video supports 16:9 and 9:16 only, not ${req.aspectRatio}`);
        path = "/v1/text_to_video";
        body = { model: RUNWAY_T2V_MODEL, promptText, ratio, duration };
      }
      const res = await call(ctx, "POST", path, "create task", body);
      const j = res.json;
      if (j === MALFORMED || !isRec(j) || typeof j.id !== "string" || !j.id) throw malformed("runway", "create task");
      log.info({ generationId: req.generationId, externalId: j.id, model: body.model }, "runway: task submitted");
      return { externalId: j.id };
    },

    poll,

    fetchResult(ctx, externalId, destPath) {
      return fetchResultWithRepoll({
        provider: "runway",
        poll: () => poll(ctx, externalId),
        destPath,
        timeoutMs: opts.downloadTimeoutMs,
        signal: ctx.signal,
        secrets: [ctx.credentials.apiKey],
      });
    },

    async cancel(ctx, externalId) {
      try {
        await call(ctx, "DELETE", `/v1/tasks/${encodeURIComponent(externalId)}`, "cancel task");
      } catch (e) {
        // Already cancelled/deleted: the goal is reached.
        if (e instanceof ProviderError && e.httpStatus === 404) return;
        throw e;
      }
    },

    async testConnection(ctx) {
      const res = await call(ctx, "GET", "/v1/organization", "connection test");
      const j = isRec(res.json) ? res.json : {};
      return { ok: true, detail: typeof j.creditBalance === "number" ? `credit balance: ${j.creditBalance}` : "key accepted" };
    },
  };
  return provider;
}

export const runwayProvider = createRunwayProvider();
