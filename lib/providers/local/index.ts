/**
 * The local studio provider: renders presenter videos in-process with lib/render (ffmpeg,
 * offline, free). submit() validates, starts the render in the background and returns at once;
 * poll() reads the outcome from the work directory, so a finished render is found again after a
 * restart and is never rendered twice for the same attempt.
 */
import fs from "node:fs";
import path from "node:path";
import { isAppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import {
  estimateSpeechSeconds,
  ProviderError,
  type CostEstimate,
  type CostModel,
  type GenerationRequest,
  type PollResult,
  type ProviderContext,
  type VideoProvider,
} from "@/lib/providers/types";
import { ffmpegVersion, resolveFfmpegPaths } from "@/lib/render/ffmpeg";
import { renderPresenterVideo } from "@/lib/render/render";
import type { RenderBackground } from "@/lib/render/scene";
import { validateRenderInput, type RenderInput } from "@/lib/render/validate";

const log = logger.child({ provider: "local" });

interface Job {
  controller: AbortController;
  progress: number;
  done: Promise<void>;
}

/** Renders running in this process, by externalId. */
const jobs = new Map<string, Job>();

const ID_RE = /^[A-Za-z0-9_-]{1,120}-\d{1,6}$/;

function paths(workDir: string, externalId: string) {
  if (!ID_RE.test(externalId)) throw new ProviderError("local", "permanent", `Invalid local render id "${externalId}".`);
  const base = path.join(workDir, externalId);
  // `words` follows the composer's sidecar name (`<video>.words.json`, lib/compose/timing.ts).
  return { video: `${base}.mp4`, thumb: `${base}.jpg`, words: `${base}.mp4.words.json`, error: `${base}.error.txt`, cancelled: `${base}.cancelled` };
}

async function resolveBackground(ctx: ProviderContext, bg: GenerationRequest["background"]): Promise<RenderBackground> {
  if (bg.type === "color" || bg.type === "gradient") return bg;
  if (!ctx.resolveMedia) {
    throw new ProviderError("local", "permanent", `A ${bg.type} background needs media storage; none was given to the local studio.`);
  }
  return { type: bg.type, path: await ctx.resolveMedia(bg.key) };
}

function toProviderError(e: unknown): ProviderError {
  if (e instanceof ProviderError) return e;
  if (isAppError(e) && e.code === "bad_request") return new ProviderError("local", "permanent", e.message);
  return new ProviderError("local", "retryable", e instanceof Error ? e.message : String(e));
}

export const localProvider: VideoProvider = {
  id: "local",
  displayName: "Local studio",
  capabilities: {
    roles: ["presenter"],
    kinds: ["avatar_presenter", "talking_photo"],
    // 4:5 is laid out on its own (lib/render/layout.ts), 1080×1350.
    aspectRatios: ["9:16", "16:9", "1:1", "4:5"],
    maxDurationSec: 600,
    captions: true,
    cancel: true,
    webhooks: false,
  },

  isConfigured() {
    return true;
  },

  estimateCost(req: Pick<GenerationRequest, "script" | "voiceSpeed">, _model: CostModel): CostEstimate {
    const durationSec = estimateSpeechSeconds(req.script, req.voiceSpeed);
    return { cents: 0, units: Math.ceil(durationSec), unitName: "second", durationSec };
  },

  async submit(ctx, req) {
    const externalId = `${req.generationId}-${req.attempt}`;
    const p = paths(ctx.workDir, externalId);
    await fs.promises.mkdir(ctx.workDir, { recursive: true });
    if (fs.existsSync(p.video) || jobs.has(externalId)) return { externalId };

    let input: RenderInput;
    try {
      input = {
        script: req.script,
        title: req.title,
        avatarSlug: req.avatar.slug,
        style: req.avatar.style,
        aspectRatio: req.aspectRatio,
        voiceSpeed: req.voiceSpeed,
        captions: req.captions,
        background: await resolveBackground(ctx, req.background),
        outPath: p.video,
        thumbnailPath: p.thumb,
        wordsPath: p.words,
      };
      validateRenderInput(input);
    } catch (e) {
      throw toProviderError(e);
    }

    await fs.promises.rm(p.error, { force: true });
    await fs.promises.rm(p.cancelled, { force: true });
    const controller = new AbortController();
    ctx.signal?.addEventListener("abort", () => controller.abort(), { once: true });
    const job: Job = { controller, progress: 0, done: Promise.resolve() };
    job.done = renderPresenterVideo({
      ...input,
      signal: controller.signal,
      onProgress: (pr) => {
        job.progress = pr.percent;
        ctx.onProgress?.({ stage: pr.stage, percent: pr.percent });
      },
    })
      .then(() => undefined)
      .catch(async (e: unknown) => {
        if (controller.signal.aborted) {
          await fs.promises.writeFile(p.cancelled, new Date().toISOString()).catch(() => undefined);
          return;
        }
        const msg = e instanceof Error ? e.message : String(e);
        log.error({ err: e, externalId }, "local render failed");
        await fs.promises.writeFile(p.error, msg).catch((we) => log.error({ err: we }, "could not record render error"));
      })
      .finally(() => {
        jobs.delete(externalId);
      });
    jobs.set(externalId, job);
    return { externalId };
  },

  async poll(ctx, externalId): Promise<PollResult> {
    const p = paths(ctx.workDir, externalId);
    const job = jobs.get(externalId);
    if (job) return { status: "running", progress: job.progress };
    if (fs.existsSync(p.video)) return { status: "succeeded", progress: 100 };
    if (fs.existsSync(p.cancelled)) return { status: "cancelled" };
    if (fs.existsSync(p.error)) return { status: "failed", error: (await fs.promises.readFile(p.error, "utf8")).slice(0, 2000) };
    return { status: "failed", error: "The local render was interrupted (server restarted?). Retry the video." };
  },

  async fetchResult(ctx, externalId, destPath) {
    const p = paths(ctx.workDir, externalId);
    if (!fs.existsSync(p.video)) throw new ProviderError("local", "permanent", `Local render ${externalId} has no finished video.`);
    await fs.promises.mkdir(path.dirname(destPath), { recursive: true });
    const tmp = `${destPath}.part-${process.pid}`;
    try {
      await fs.promises.copyFile(p.video, tmp);
      await fs.promises.rename(tmp, destPath);
    } catch (e) {
      await fs.promises.rm(tmp, { force: true });
      throw e;
    }
    // The word timings travel with the file (written before the video, so present when it is);
    // without them the composer times scenes from the audio instead.
    await fs.promises.copyFile(p.words, `${destPath}.words.json`).catch(() => undefined);
    const { size } = await fs.promises.stat(destPath);
    return { path: destPath, bytes: size };
  },

  async cancel(ctx, externalId) {
    const p = paths(ctx.workDir, externalId);
    const job = jobs.get(externalId);
    if (!job) return;
    job.controller.abort();
    await job.done;
    await fs.promises.writeFile(p.cancelled, new Date().toISOString());
  },

  async testConnection() {
    try {
      const version = ffmpegVersion();
      const where = resolveFfmpegPaths();
      return { ok: true, detail: `${version} (${where.source.ffmpeg}: ${where.ffmpegPath})` };
    } catch (e) {
      throw new ProviderError("local", "permanent", isAppError(e) ? e.message : `ffmpeg does not run: ${String(e)}`);
    }
  },
};

/** Waits for an in-process render (tests, graceful shutdown). */
export async function waitForLocalRender(externalId: string): Promise<void> {
  await jobs.get(externalId)?.done;
}

