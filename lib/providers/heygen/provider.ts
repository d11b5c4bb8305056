/**
 * HeyGen as a presenter provider, v3 only (see ./api.ts for the HTTP, ./transform.ts for the
 * mapping and its sources). Per-job callbacks are unsigned wake-ups; the pipeline re-polls.
 */
import { logger as rootLogger } from "@/lib/logger";
import { estimateBySpeech } from "@/lib/providers/cost-models";
import { DEFAULT_REQUEST_TIMEOUT_MS, fetchResultWithRepoll, malformed, type AdapterOptions } from "@/lib/providers/http";
import { ProviderError, type GenerationRequest, type PollResult, type ProviderContext, type VideoProvider } from "@/lib/providers/types";
import { heygenApi } from "./api";
import { heygenModel } from "./models";
import {
  buildCreateVideoBody,
  heygenCallbackIsSigned,
  idempotencyKey,
  parseCreateVideo,
  parseAutoVoice,
  parseHeygenWebhook,
  parseLooks,
  parseUserMe,
  parseVoices,
  pickVoice,
  toPollResult,
  verifyHeygenWebhook,
  type HeygenLook,
  type HeygenVoice,
} from "./transform";

/** Pages fetched at most when importing a catalog (100 items each). */
const MAX_PAGES = 20;

export function createHeygenProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "heygen" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  /** video id → captions requested; lost on restart, then toPollResult prefers the captioned file. */
  const captioned = new Map<string, boolean>();
  const api = (ctx: ProviderContext) => heygenApi(ctx, { timeoutMs });

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const r = toPollResult(await api(ctx).getVideo(externalId), { captions: captioned.get(externalId) });
    if (!r) throw malformed("heygen", "video status");
    if (r.status === "unknown") {
      log.warn({ externalId, status: r.raw }, "heygen: unknown video status, still polling");
      return { status: "running" };
    }
    return r;
  }

  /** Resolved "auto:<Language>:<gender>" voices per API key (voice lists rarely change). */
  const autoVoices = new Map<string, string>();

  /** A seeded presenter's voice: the account's first voice of its language and gender. */
  async function withVoice(ctx: ProviderContext, req: GenerationRequest): Promise<GenerationRequest> {
    const want = parseAutoVoice(req.avatar.providerVoiceIds.heygen);
    if (!want) return req;
    const key = `${ctx.credentials.apiKey ?? ""}:${want.language}:${want.gender}`;
    let id = autoVoices.get(key);
    if (!id) {
      const found = pickVoice(parseVoices(await api(ctx).voices(undefined, want)).items, want);
      if (!found) {
        throw new ProviderError("heygen", "permanent", `Your HeyGen account has no ${want.language} ${want.gender} voice for ${req.avatar.name}. Import your HeyGen presenters in Settings → Providers and pick one of them instead.`);
      }
      id = found.id;
      autoVoices.set(key, id);
    }
    return { ...req, avatar: { ...req.avatar, providerVoiceIds: { ...req.avatar.providerVoiceIds, heygen: id } } };
  }

  async function allPages<T>(fetchPage: (token?: string) => Promise<unknown>, parse: (j: unknown) => { items: T[]; nextToken?: string }): Promise<T[]> {
    const out: T[] = [];
    let token: string | undefined;
    for (let i = 0; i < MAX_PAGES; i++) {
      const p = parse(await fetchPage(token));
      out.push(...p.items);
      if (!p.nextToken) break;
      token = p.nextToken;
    }
    return out;
  }

  const provider: VideoProvider & {
    listAvatars(ctx: ProviderContext): Promise<HeygenLook[]>;
    listVoices(ctx: ProviderContext): Promise<HeygenVoice[]>;
  } = {
    id: "heygen",
    displayName: "HeyGen",
    capabilities: {
      roles: ["presenter"],
      kinds: ["avatar_presenter", "talking_photo"],
      // HeyGen v3 aspect_ratio takes 16:9|9:16|4:5|5:4|1:1|auto (models.ts HEYGEN_ASPECT_RATIOS, cited there).
      aspectRatios: ["16:9", "9:16", "1:1", "4:5"],
      maxDurationSec: 300,
      captions: true,
      cancel: false,
      webhooks: true,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, model) => estimateBySpeech(req, model),

    async submit(ctx, req) {
      const model = heygenModel(ctx.credentials.model);
      const body = buildCreateVideoBody(await withVoice(ctx, req), { engine: model?.id });
      const id = parseCreateVideo(await api(ctx).createVideo(body, idempotencyKey(req)));
      if (!id) throw malformed("heygen", "create video");
      captioned.set(id, req.captions);
      log.info({ generationId: req.generationId, externalId: id, captions: req.captions }, "heygen: video submitted (v3)");
      return { externalId: id };
    },

    poll,

    fetchResult(ctx, externalId, destPath) {
      return fetchResultWithRepoll({
        provider: "heygen",
        poll: () => poll(ctx, externalId),
        destPath,
        timeoutMs: opts.downloadTimeoutMs,
        signal: ctx.signal,
        secrets: [ctx.credentials.apiKey],
      });
    },

    async testConnection(ctx) {
      const w = parseUserMe(await api(ctx).me());
      if (!w) throw malformed("heygen", "account");
      const model = heygenModel(ctx.credentials.model);
      if (!model) throw malformed("heygen", `model "${ctx.credentials.model}" (pick one of avatar_iv, avatar_v, photo_avatar)`);
      return { ok: true, detail: w.summary };
    },

    listAvatars: (ctx) => allPages((t) => api(ctx).looks(t), parseLooks),
    listVoices: (ctx) => allPages((t) => api(ctx).voices(t), parseVoices),

    verifyWebhook: verifyHeygenWebhook,
    callbackIsSigned: heygenCallbackIsSigned,
    parseWebhook: parseHeygenWebhook,
  };
  return provider;
}

export const heygenProvider = createHeygenProvider();
export type HeygenProvider = ReturnType<typeof createHeygenProvider>;
