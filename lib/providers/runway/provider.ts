/**
 * Runway as a presenter (avatar videos) and a clip provider (text/image-to-video). HTTP in
 * ./api.ts, mapping in ./transform.ts (sources there).
 */
import { logger as rootLogger } from "@/lib/logger";
import { estimateByClip } from "@/lib/providers/cost-models";
import { DEFAULT_REQUEST_TIMEOUT_MS, fetchResultWithRepoll, malformed, type AdapterOptions } from "@/lib/providers/http";
import { ProviderError, type PollResult, type ProviderContext, type VideoProvider } from "@/lib/providers/types";
import { runwayApi } from "./api";
import { buildAvatarVideo, buildClip, isRec, parseCreate, toPollResult } from "./transform";

export function createRunwayProvider(opts: AdapterOptions = {}) {
  const log = opts.log ?? rootLogger.child({ provider: "runway" });
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const api = (ctx: ProviderContext) => runwayApi(ctx, { timeoutMs });

  async function poll(ctx: ProviderContext, externalId: string): Promise<PollResult> {
    const r = toPollResult(await api(ctx).task(externalId));
    if (!r) throw malformed("runway", "task status");
    if (r.status === "unknown") {
      log.warn({ externalId, status: r.raw }, "runway: unknown task status, still polling");
      return { status: "running" };
    }
    return r;
  }

  const provider: VideoProvider = {
    id: "runway",
    displayName: "Runway",
    capabilities: {
      // Presenter through avatar videos (text → speaking avatar); clips through text/image-to-video.
      roles: ["presenter", "clip"],
      kinds: ["avatar_presenter", "text_to_video", "image_to_video"],
      // No 4:5: Runway's pixel ratios are 1280:720, 720:1280, 1104:832, 832:1104 (3:4, not 4:5),
      // 960:960 and 1584:672 for gen4_turbo/gen4.5 (docs.dev.runwayml.com API reference as
      // summarised in shared/providers/runway.md, read 2026-12-01), and avatar videos take no ratio.
      aspectRatios: ["16:9", "9:16", "1:1"],
      maxDurationSec: 10,
      captions: false,
      cancel: true,
      webhooks: false,
    },
    isConfigured: (c) => !!c.apiKey,
    estimateCost: (req, m) => estimateByClip(req, m),

    async submit(ctx, req) {
      const presenter = req.role !== "clip";
      const { path, body } = presenter ? buildAvatarVideo(req) : buildClip(req);
      const what = presenter ? "create avatar video" : "create task";
      const id = parseCreate(await api(ctx).create(path, body, what));
      if (!id) throw malformed("runway", what);
      log.info({ generationId: req.generationId, externalId: id, model: body.model }, presenter ? "runway: avatar video submitted" : "runway: task submitted");
      return { externalId: id };
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
        await api(ctx).cancel(externalId);
      } catch (e) {
        // Already cancelled/deleted: the goal is reached.
        if (e instanceof ProviderError && e.httpStatus === 404) return;
        throw e;
      }
    },

    async testConnection(ctx) {
      const j = await api(ctx).organization();
      return { ok: true, detail: isRec(j) && typeof j.creditBalance === "number" ? `credit balance: ${j.creditBalance}` : "key accepted" };
    },
  };
  return provider;
}

export const runwayProvider = createRunwayProvider();
