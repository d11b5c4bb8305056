/**
 * The local studio renderer. Design for speed: everything that changes slowly (background,
 * title, presenter card and its idle pose, caption) is pre-composed in JS; the only thing that
 * changes at video rate (mouth and eyes) is a small face patch chosen from pre-rendered
 * sprites. The encode's main input is the pose track itself — whole frames, one per pose
 * change (concat demuxer), repeated by reference — with the caption strip and the face patch
 * overlaid: two small overlays, so ffmpeg's work stays close to encoding a still image.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Writable } from "node:stream";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { atomicWrite, probeMedia, runFfmpeg } from "./ffmpeg";
import { computeLayout, type Layout } from "./layout";
import { getPresenter, type EyeState } from "./presenters";
import { energyVisemes, visemeTrack, VISEMES, type Viseme } from "./visemes";
import { blank, blendOnto, clone, crop, svgToRgbaAsync, toPam, type Rgba } from "./raster";
import { captionGroups, fitTitle, sceneSvg, wordCaptionSvg, wordCueKey, wordCues, type CaptionGroup, type WordCaptionCue } from "./scene";
import { normaliseLoudness } from "./loudness";
import { presenterSprites, spriteKey } from "./sprite-cache";
import { browTrack, composePose, changedBoxes, neckPivotInFrame, patchSplitRow, poseAt, poseRegion, poseRuns, tiltPatch, type PoseRun, MAX_POSE_SHIFT, tiltTrack, TILT_DEGREES, POSE_STEP_X, POSE_STEP_Y } from "./motion";
import { encodeWav, energyPerFrame, splitPhrases, synthesizeSpeech, type Speech } from "./tts";
import { validateRenderInput, type RenderInput, type RenderProgress, type ValidRenderInput } from "./validate";
import { writeFrames, type FramePlan, type PlacedYuva } from "./frame-feed";
import { frameOf, onEvenGrid, rgbaToYuv420, rgbaToYuva420, type FrameBuffer, type Yuv420 } from "./yuv";

const log = logger.child({ module: "render" });

export const FPS = 30;
/** x264 settings shared by the renderer and the bench's bare-encode baseline. */
export const X264_PRESET = "ultrafast";
export const X264_CRF = 20;
/** Deblocking and adaptive quantisation back on: much smaller files for little time. */
export const X264_PARAMS = "aq-mode=1:deblock=0,0";
export const AUDIO_BITRATE = "128k";
/** Loudness target (EBU R128 / BS.1770): social platforms play at about -14 LUFS. */
export const LOUDNESS_LUFS = -14;
/** ffmpeg's equivalent, for callers that normalise audio they did not synthesise (kept for lib/compose). */
export const LOUDNORM = `loudnorm=I=${LOUDNESS_LUFS}:TP=-1.5:LRA=11`;

export interface RenderResult {
  path: string;
  thumbnailPath: string;
  durationSec: number;
  sizeBytes: number;
  width: number;
  height: number;
  speechDurationSec: number;
  /** Caption cues as burned in (useful for subtitles files / tests). */
  cues: { text: string; startSec: number; endSec: number }[];
  /** Every spoken word with its time in the video (from the speech engine). */
  words: { text: string; startSec: number; endSec: number }[];
  /**
   * Wall milliseconds per stage (the bench prints them). Stages overlap: `raster` runs on the
   * thread pool while `tts` runs, so they do not add up to the total.
   */
  timings: RenderTimings;
}

export interface RenderTimings {
  /** Speech synthesis (Flite / eSpeak), start to PCM. */
  tts: number;
  /** Static layers and caption images (resvg on the thread pool), start to done. */
  raster: number;
  /** Loudness measurement, gain, limiter and the WAV file. */
  loudness: number;
  /** Caption, face and pose tracks (files and lists) once speech and layers exist. */
  frames: number;
  /** The ffmpeg encode and mux (video, audio, faststart). */
  encode: number;
  /** Thumbnail wait and probe of the output. */
  finalize: number;
  total: number;
}

type StateKey = `${Viseme}${"o" | "c" | "r"}`;

/**
 * Per-frame mouth shape: from the engine's phone timings (Flite) when there are any, else from
 * the loudness of the audio (eSpeak).
 */
export function mouthTrack(speech: Speech, frames: number): Viseme[] {
  if (speech.phones.length) return visemeTrack(speech.phones, FPS, frames);
  return energyVisemes(energyPerFrame(speech, FPS, frames));
}

/** Deterministic blinks every 2.5–5 s, each 4 frames long. */
export function blinkTrack(slug: string, frames: number): boolean[] {
  let seed = 0;
  for (const ch of slug) seed = (seed * 31 + ch.charCodeAt(0)) >>> 0;
  const rand = () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const closed = new Array<boolean>(frames).fill(false);
  let t = Math.round(FPS * (0.9 + rand()));
  while (t < frames) {
    for (let i = 0; i < 4 && t + i < frames; i++) closed[t + i] = true;
    t += Math.round(FPS * (2.5 + rand() * 2.5));
  }
  return closed;
}

/**
 * Every presenter offset the idle motion uses, whatever the video's length: one full period of
 * both the bob and the sway (lcm of their periods in frames) visits all of them.
 */
export function distinctPoses(): { dx: number; dy: number }[] {
  const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
  const py = POSE_STEP_Y * 20;
  const px = POSE_STEP_X * 17;
  const period = (py * px) / gcd(py, px);
  const seen = new Map<string, { dx: number; dy: number }>();
  for (let n = 0; n < period; n++) {
    const p = poseAt(n);
    seen.set(`${p.dx},${p.dy}`, p);
  }
  return [...seen.values()];
}

interface Segment {
  file: string;
  durationSec: number;
}

/** A caption segment: cue index into the track's strips, or -1 for no caption. */
interface CaptionSegment extends Segment {
  cue: number;
}

function concatList(segments: Segment[]): string {
  const lines = ["ffconcat version 1.0"];
  for (const s of segments) {
    lines.push(`file '${s.file.replace(/'/g, "'\\''")}'`);
    lines.push(`duration ${s.durationSec.toFixed(4)}`);
  }
  // The last entry is repeated so its duration is honoured.
  const last = segments.at(-1);
  if (last) lines.push(`file '${last.file.replace(/'/g, "'\\''")}'`);
  return `${lines.join("\n")}\n`;
}

/** Decodes an image (any format ffmpeg reads) scaled & cropped to fill w×h, as RGBA. */
async function loadImageCover(file: string, w: number, h: number, dir: string, signal?: AbortSignal): Promise<Rgba> {
  const out = path.join(dir, "bg.rgba");
  const args = ["-i", file, "-frames:v", "1", "-vf", `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h},format=rgba`, "-f", "rawvideo", out];
  await runFfmpeg(args, { label: "read the background image", signal });
  const buf = await fs.promises.readFile(out);
  if (buf.length !== w * h * 4) throw new AppError("bad_request", "Background image could not be decoded. Upload a PNG or JPEG.");
  return { width: w, height: h, data: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) };
}

function checkAbort(signal?: AbortSignal) {
  if (signal?.aborted) throw new AppError("gone", "Render cancelled.", { cancelled: true });
}

/** Renders a presenter video: speech, animated presenter, captions, background → MP4 + JPEG. */
export async function renderPresenterVideo(input: RenderInput): Promise<RenderResult> {
  const v = validateRenderInput(input);
  const started = Date.now();
  const presenter = getPresenter(v.avatarSlug);
  let lastPct = -1;
  const progress = (stage: RenderProgress["stage"], percent: number) => {
    const p = Math.max(lastPct, Math.min(100, Math.round(percent)));
    if (p === lastPct && stage !== "finalize") return;
    lastPct = p;
    try {
      v.onProgress?.({ stage, percent: p });
    } catch (e) {
      log.warn({ err: e }, "onProgress callback threw");
    }
  };
  const work = await fs.promises.mkdtemp(path.join(os.tmpdir(), "studio-render-"));
  const timings: RenderTimings = { tts: 0, raster: 0, loudness: 0, frames: 0, encode: 0, finalize: 0, total: 0 };
  let mark = Date.now();
  const lap = (k: Exclude<keyof RenderTimings, "raster" | "total">) => {
    const now = Date.now();
    timings[k] += now - mark;
    mark = now;
  };
  const background: Promise<unknown>[] = [];
  try {
    const layout = computeLayout(v.aspectRatio, v.style);
    progress("speech", 0);
    // The static layers rasterise on the thread pool while eSpeak runs on this thread.
    const layersP = buildStaticLayers({ layout, slug: presenter.slug, v, work });
    layersP.catch(() => undefined);
    // Caption images depend only on the words, which are known before speech exists: draw
    // them on the thread pool too, and give them their timings afterwards.
    const groups = v.captions ? captionGroups(splitPhrases(v.script).map((p) => p.text), layout) : [];
    const captionImagesP = rasteriseCaptions(groups, layout);
    captionImagesP.catch(() => undefined);
    // Neither the pose images nor the caption strips depend on timing: they are composed and
    // written here while the speech engine works in its own process.
    // Every idle offset at every head tilt angle (5 × 3 = 15, as many as the old sway had): they depend on nothing spoken.
    const posesP = layersP.then((layers) => (layers.motion ? Promise.all(distinctPoses().flatMap((p) => TILT_DEGREES.map((t) => layers.poseYuv(p.dx, p.dy, t)))) : []));
    posesP.catch(() => undefined);
    const stripsP = captionImagesP.then((images) => writeCaptionStrips(layout, images, work, v.background.type === "video"));
    stripsP.catch(() => undefined);
    // The finally block waits for these before removing the work dir: a speech failure must not
    // race their writes (chaos run 3 saw ENOTEMPTY hide the real error).
    background.push(layersP, captionImagesP, posesP, stripsP);
    void Promise.all([layersP, stripsP, posesP]).then(
      () => (timings.raster = Date.now() - started),
      () => undefined,
    );
    let speech = await synthesizeSpeech(v.script, presenter.voice, v.voiceSpeed, v.signal);
    lap("tts");
    if (speech.durationSec < v.minDurationSec) {
      const pcm = new Int16Array(Math.round(v.minDurationSec * speech.sampleRate));
      pcm.set(speech.pcm);
      speech = { ...speech, pcm, durationSec: pcm.length / speech.sampleRate };
    }
    // Loudness is normalised here, on the PCM, so the encode carries no audio filter work.
    const loud = normaliseLoudness(speech.pcm, speech.sampleRate, LOUDNESS_LUFS);
    const wavPath = path.join(work, "speech.wav");
    await fs.promises.writeFile(wavPath, encodeWav(loud.pcm, speech.sampleRate));
    lap("loudness");
    const duration = speech.durationSec;
    const frames = Math.max(1, Math.round(duration * FPS));
    // Speech starts at 0 s in the video, so these timings are on the video's clock.
    if (v.wordsPath) await fs.promises.writeFile(v.wordsPath, JSON.stringify(speech.words));
    progress("speech", 10);
    const layers = await layersP;
    checkAbort(v.signal);
    progress("frames", 12);

    // Caption track and face track.
    // Word-by-word captions, timed from the engine's word timings.
    const cues = v.captions ? wordCues(groups, speech.words, duration) : [];
    const captionSegments = buildCaptionTrack(await stripsP, cues, duration);
    await posesP;
    const mouth = mouthTrack(speech, frames);
    const blink = blinkTrack(presenter.slug, frames);
    const brows = browTrack(speech.words, frames, FPS, presenter.slug);
    // Head tilt (motion.ts tiltTrack): the pose images and the face patches turn together.
    const tilt = layers.motion ? tiltTrack(speech.words, blink, frames, FPS, presenter.slug) : new Array<number>(frames).fill(0);
    const thumbAt = pickThumbTime(cues, mouth, blink, duration, frames);
    let encodeArgs: (tmp: string) => string[];
    let feed: ((stdin: Writable) => Promise<void>) | undefined;
    if (layers.motion) {
      // Raw frame feed (frame-feed.ts): frames composed here, ffmpeg only encodes.
      const runs = poseRuns(frames, tilt);
      const poses = await Promise.all(runs.map((r) => layers.poseYuv(r.dx, r.dy, r.tilt)));
      const plan = framePlan({ layout, layers, frames, runs, poses, captionTrack: captionSegments, mouth, blink, brows, tilt });
      feed = (stdin) => writeFrames(plan, stdin, v.signal);
      encodeArgs = (tmp) => [
        "-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", `${layout.width}x${layout.height}`, "-framerate", String(FPS), "-i", "pipe:0",
        "-i", wavPath,
        "-map", "0:v", "-map", "1:a", "-vf", "setsar=1",
        ...encodeOutput(duration, tmp),
      ];
    } else {
      encodeArgs = await ffmpegComposedEncode({ layout, layers, work, frames, captionTrack: captionSegments, mouth, blink, brows, wavPath, duration, background: v.background });
    }
    checkAbort(v.signal);
    progress("frames", 20);

    // Thumbnail from our own composited frame, encoded while the video encodes.
    const thumbP = writeThumbnail(layout, layers, captionSegments, cues, thumbAt, mouth, blink, v.thumbnailPath, work, v.signal);
    thumbP.catch(() => undefined);
    lap("frames");

    // Encode.
    await atomicWrite(v.outPath, async (tmp) => {
      await runFfmpeg(encodeArgs(tmp), {
        label: "encode the video",
        signal: v.signal,
        expectedDurationSec: duration,
        onPercent: (p) => progress("encode", 20 + p * 0.77),
        feed,
      });
    });
    lap("encode");
    progress("finalize", 97);
    try {
      await thumbP;
    } catch (e) {
      await fs.promises.rm(v.outPath, { force: true });
      throw e;
    }
    const info = await probeMedia(v.outPath);
    lap("finalize");
    timings.total = Date.now() - started;
    progress("finalize", 100);
    log.info(
      { slug: presenter.slug, aspect: v.aspectRatio, durationSec: info.durationSec, wallMs: timings.total, timings },
      "rendered presenter video",
    );
    return {
      path: v.outPath,
      thumbnailPath: v.thumbnailPath,
      durationSec: info.durationSec,
      sizeBytes: info.sizeBytes,
      width: info.width,
      height: info.height,
      speechDurationSec: duration,
      cues: cues.map((c) => ({ text: c.text, startSec: c.startSec, endSec: c.endSec })),
      words: speech.words.map((w) => ({ text: w.text, startSec: w.startSec, endSec: w.endSec })),
      timings,
    };
  } finally {
    await Promise.allSettled(background);
    await fs.promises.rm(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The encode's output options, shared by both inputs (x264, AAC, the exact length, faststart). */
function encodeOutput(duration: number, tmp: string): string[] {
  return [
    "-c:v", "libx264",
    "-preset", X264_PRESET,
    "-crf", String(X264_CRF),
    "-x264-params", X264_PARAMS,
    "-pix_fmt", "yuv420p",
    "-profile:v", "high",
    "-r", String(FPS),
    "-c:a", "aac",
    "-b:a", AUDIO_BITRATE,
    "-ar", "44100",
    "-ac", "1",
    "-t", duration.toFixed(3),
    "-movflags", "+faststart",
    "-f", "mp4",
    tmp,
  ];
}

interface Tracks {
  layout: Layout;
  layers: StaticLayers;
  frames: number;
  captionTrack: CaptionTrack;
  mouth: Viseme[];
  blink: boolean[];
  brows: boolean[];
}

/** Per frame, the index of the caption segment's cue showing at the frame's time (-1: none). */
function captionPerFrame(track: CaptionTrack, frames: number): Int32Array {
  const out = new Int32Array(frames).fill(-1);
  let t = 0;
  let f = 0;
  for (const s of track.segments) {
    const end = t + s.durationSec;
    // A segment shows from its start: frame f (at f/FPS) shows the last one started by then.
    for (; f < frames && f / FPS < end - 1e-6; f++) out[f] = s.cue;
    t = end;
  }
  // Past the last segment the last caption holds (eof_action=repeat, as before).
  const last = track.segments.at(-1)?.cue ?? -1;
  for (; f < frames; f++) out[f] = last;
  return out;
}

/** The raw frame feed's plan: pose, caption and face per frame (the same choices ffmpeg made from the lists before). */
function framePlan(o: Tracks & { runs: PoseRun[]; poses: Yuv420[]; tilt: number[] }): FramePlan {
  const { layout: L, layers, frames, mouth, blink, brows, tilt } = o;
  const R = layers.region;
  // The feed repaints the face only inside the presenter's region (frame-feed.ts).
  if (!layers.baseFrame) throw new AppError("internal", "The frame feed needs the base frame.");
  if (L.patch.x < R.x || L.patch.y < R.y || L.patch.x + L.patch.w > R.x + R.w || L.patch.y + MAX_POSE_SHIFT.y + L.patch.h > R.y + R.h) {
    throw new AppError("internal", "The face patch leaves the presenter's region; layout bug.");
  }
  const poseOf = new Int32Array(frames);
  o.runs.forEach((r, i) => poseOf.fill(i, r.startFrame, r.startFrame + r.frames));
  const captionOf = captionPerFrame(o.captionTrack, frames);
  const captions = o.captionTrack.yuv.map((c) => {
    if (!c) throw new AppError("internal", "Caption missing from the frame feed.");
    return c;
  });
  return {
    frames,
    base: layers.baseFrame,
    poseRect: R,
    poses: o.poses,
    poseOf,
    captionRect: o.captionTrack.rect,
    captions,
    captionOf,
    faceOf: (f) => ({
      img: layers.patchYuv(mouth[f], blink[f] ? "closed" : brows[f] ? "raised" : "open", tilt[f]),
      // The face follows the presenter's idle motion (motion.ts poseAt; dy is even).
      x: L.patch.x,
      y: L.patch.y + poseAt(f).dy,
    }),
  };
}

/**
 * Over a video background ffmpeg composes each frame: the looping video, the presenter layer
 * with alpha, the caption strips (concat list) and the face track (one symlink per frame to
 * its patch, read by the image2 demuxer at exactly 30 fps: no per-file probing, no timestamp
 * rounding). Writes those inputs; returns the encode's arguments.
 */
async function ffmpegComposedEncode(
  o: Tracks & { work: string; wavPath: string; duration: number; background: ValidRenderInput["background"] },
): Promise<(tmp: string) => string[]> {
  const { layout: L, layers, frames, work, mouth, blink, brows } = o;
  if (o.background.type !== "video") throw new AppError("internal", "ffmpeg composes frames only over video backgrounds.");
  const faceDir = path.join(work, "face");
  await fs.promises.mkdir(faceDir);
  const links: Promise<void>[] = [];
  for (let f = 0; f < frames; f++) {
    const target = layers.patchFile(mouth[f], blink[f] ? "closed" : brows[f] ? "raised" : "open");
    links.push(fs.promises.symlink(target, path.join(faceDir, `${String(f).padStart(6, "0")}.pam`)));
  }
  await Promise.all(links);
  const captionList = path.join(work, "captions.ffconcat");
  await fs.promises.writeFile(captionList, concatList(o.captionTrack.segments));
  const C = o.captionTrack.rect;
  // A still repeated on an exact 1/30 s clock (setpts=N/30/TB on the image's own 1/25 s
  // time base rounded frame times and put the face a frame late; encode-sync.test.ts).
  const loopStill = `loop=loop=-1:size=1:start=0,settb=1/${FPS},setpts=N`;
  const filters = [
    `[0:v]scale=${L.width}:${L.height}:force_original_aspect_ratio=increase,crop=${L.width}:${L.height},setsar=1,fps=${FPS},format=yuv420p[bg]`,
    `[1:v]format=yuva420p,${loopStill}[fg]`,
    `[bg][fg]overlay=0:0:shortest=1:format=yuv420[mp]`,
    // Caption strips carry alpha: the video moves underneath them.
    `[2:v]format=yuva420p[c]`,
    `[3:v]format=yuv420p[f]`,
    `[mp][c]overlay=${C.x}:${C.y}:eof_action=repeat:format=yuv420[mc]`,
    `[mc][f]overlay=x=${L.patch.x}:y=${L.patch.y}:eof_action=repeat:format=yuv420,setsar=1[v]`,
    // Loudness was normalised in JS (normaliseLoudness); only the rate changes here.
    `[4:a]aresample=44100[a]`,
  ];
  const inputs = [
    "-stream_loop", "-1", "-i", o.background.path,
    "-i", layers.baseFile,
    "-f", "concat", "-safe", "0", "-i", captionList,
    "-framerate", String(FPS), "-f", "image2", "-start_number", "0", "-i", path.join(faceDir, "%06d.pam"),
    "-i", o.wavPath,
  ];
  return (tmp) => [...inputs, "-filter_complex", filters.join(";"), "-map", "[v]", "-map", "[a]", ...encodeOutput(o.duration, tmp)];
}

interface StaticLayers {
  /** Background (unless image/video) + title + card + presenter at rest. */
  base: Rgba;
  baseFile: string;
  /** Layers carry alpha (video backgrounds). */
  alpha: boolean;
  /** Idle motion on (off over video backgrounds, where a pose image would need alpha). */
  motion: boolean;
  /** Frame region the pose images cover. */
  region: { x: number; y: number; w: number; h: number };
  /** The whole frame in YUV, for the raw frame feed (null over video backgrounds). */
  baseFrame: FrameBuffer | null;
  /** The region with the presenter shifted by (dx, dy), head tilted `tilt`°, in YUV (the raw frame feed). */
  poseYuv(dx: number, dy: number, tilt?: number): Promise<Yuv420>;
  /** Upright face patches (for the thumbnail). */
  patches: Map<StateKey, Rgba>;
  /** A face patch as a PAM file: only over video backgrounds, where ffmpeg composes the frames. */
  patchFile(m: Viseme, e: EyeState): string;
  /** A face patch in YUV (the raw frame feed; every tilt). */
  patchYuv(m: Viseme, e: EyeState, tilt?: number): Yuv420;
}

async function buildStaticLayers(o: { layout: Layout; slug: string; v: ValidRenderInput; work: string }): Promise<StaticLayers> {
  const { layout: L, v, work } = o;
  const isVideo = v.background.type === "video";
  const isImage = v.background.type === "image";
  const transparentBackground = isVideo || isImage;
  const titleFit = v.title ? fitTitle(v.title, L) : null;
  const states: [Viseme, EyeState][] = [];
  for (const m of VISEMES) for (const e of ["open", "closed", "raised"] as EyeState[]) states.push([m, e]);

  const R = poseRegion(L);
  const scene = { layout: L, slug: o.slug, background: v.background, mouth: "X" as const, eyes: "open" as const, transparentBackground };
  // The presenter layer once per head tilt angle (motion off over video: no tilt either).
  const tilts = isVideo ? [] : TILT_DEGREES.filter((t) => t !== 0);
  // Presenter sprites come from the process's cache (sprite-cache.ts): they depend on the
  // presenter, layout and background only, so a warm worker does not draw them again.
  const sprite = (svg: string) => presenterSprites.get(svg);
  const svgs = {
    avatar: sceneSvg({ ...scene, region: R, parts: "avatar" }),
    ring: sceneSvg({ ...scene, region: R, parts: "ring" }),
    tilted: tilts.map((t) => sceneSvg({ ...scene, region: R, parts: "avatar", tilt: t })),
    patch: states.map(([m, e]) => sceneSvg({ layout: L, slug: o.slug, background: v.background, mouth: m, eyes: e, region: L.patch, transparentBackground })),
  };
  // Names every input of the images composed from these sprites (poses, tilted patches),
  // except the background pixels under them, which are hashed once known (composeKey).
  const presenterKey = spriteKey([o.slug, L.width, L.height, JSON.stringify(L.patch), JSON.stringify(R), svgs.avatar, svgs.ring, ...svgs.tilted, ...svgs.patch].join("\n"));
  const tiltedAvatarsP = Promise.all(svgs.tilted.map(sprite));
  tiltedAvatarsP.catch(() => undefined);
  const [baseLayer, avatarLayer, ringLayer, imageBg, ...patchImgs] = await Promise.all([
    // The frame without the presenter; the presenter and the card's ring are drawn apart so
    // they can be composed at any idle offset.
    svgToRgbaAsync(sceneSvg({ ...scene, title: v.title, parts: "noAvatar" }, titleFit), { text: titleFit?.text }),
    sprite(svgs.avatar),
    sprite(svgs.ring),
    isImage && v.background.type === "image" ? loadImageCover(v.background.path, L.width, L.height, work, v.signal) : Promise.resolve(null),
    ...svgs.patch.map(sprite),
  ]);
  let base = baseLayer;
  if (imageBg) {
    // Darken a touch so the card and title stand out on busy photos.
    const scrim = blank(L.width, L.height);
    for (let i = 3; i < scrim.data.length; i += 4) scrim.data[i] = 56;
    blendOnto(imageBg, scrim, 0, 0);
    blendOnto(imageBg, base, 0, 0);
    base = imageBg;
  }
  // Presenter at rest into the base; the crop under it is kept for the other poses.
  const under = crop(base, R.x, R.y, R.w, R.h);
  // Composed poses and tilted patches are cached too (a warm worker skips composePose and
  // tiltPatch): keyed by the sprites and the exact pixels of the background under them.
  const composeKey = `${presenterKey}:${spriteKey(under.data)}`;
  const avatarAt = async (tilt: number) => (tilt ? (await tiltedAvatarsP)[tilts.indexOf(tilt as (typeof tilts)[number])] : avatarLayer);
  const poseImage = (dx: number, dy: number, tilt: number) =>
    presenterSprites.remember(`pose:${composeKey}:${dx},${dy},${tilt}`, async () => {
      const img = clone(under);
      composePose(L, R, img, await avatarAt(tilt), ringLayer, dx, dy);
      return img;
    });
  blendOnto(base, await poseImage(0, 0, 0), R.x, R.y);
  // Over video, ffmpeg composes the frames from PAM files; otherwise frames are fed raw, in
  // YUV (frame-feed.ts), and no image file is written.
  const baseFile = path.join(work, "base.pam");
  if (isVideo) await fs.promises.writeFile(baseFile, toPam(base, true));
  // The YUV forms are cached with the images they come from (same inputs, so the same key).
  const baseFrame = isVideo ? null : frameOf(rgbaToYuv420(base));
  const poseYuv = (dx: number, dy: number, tilt = 0) =>
    presenterSprites.remember(`yuv:pose:${composeKey}:${dx},${dy},${tilt}`, async () => rgbaToYuv420(await poseImage(dx, dy, tilt)));
  const patches = new Map<StateKey, Rgba>();
  const files = new Map<StateKey, string>();
  const yuvPatches = new Map<string, Yuv420>();
  await Promise.all(
    states.map(async ([m, e], i) => {
      const key = `${m}${e[0]}` as StateKey;
      // The patch lies inside the opaque card; blending on the base makes its edges exact.
      const img = crop(base, L.patch.x, L.patch.y, L.patch.w, L.patch.h);
      blendOnto(img, patchImgs[i], 0, 0);
      patches.set(key, img);
      if (isVideo) {
        const file = path.join(work, `face-${key}.pam`);
        await fs.promises.writeFile(file, toPam(img, false));
        files.set(key, file);
      } else yuvPatches.set(key, await presenterSprites.remember(`yuv:patch:${composeKey}:${key}`, async () => rgbaToYuv420(img)));
    }),
  );
  // Tilted face patches: the upright ones turned in JS (motion.ts tiltPatch), over the turned
  // presenter at rest, instead of rasterising every state again at every angle.
  const pivot = neckPivotInFrame(L, o.slug);
  const splitRow = patchSplitRow(L);
  // Made only on a cache miss: which parts of each state differ from the rest face, and the
  // turned presenter at rest under the patch.
  let boxes: Map<string, ReturnType<typeof changedBoxes>> | null = null;
  const boxesOf = () => (boxes ??= new Map(states.map(([m, e]) => [`${m}${e[0]}`, changedBoxes(patches.get(`${m}${e[0]}` as StateKey)!, patches.get("Xo")!, splitRow)])));
  for (let ti = 0; ti < tilts.length; ti++) {
    // One promise shared by the 18 states drawn at once (memoising the value instead let every
    // state that missed the cache compose the turned presenter again).
    let restPatch: Promise<Rgba> | null = null;
    const restPatchOf = () =>
      (restPatch ??= tiltedAvatarsP.then((avatars) => {
        const rest = clone(under);
        composePose(L, R, rest, avatars[ti], ringLayer, 0, 0);
        return crop(rest, L.patch.x - R.x, L.patch.y - R.y, L.patch.w, L.patch.h);
      }));
    await Promise.all(
      states.map(async ([m, e]) => {
        const key = `${m}${e[0]}` as StateKey;
        const yuv = await presenterSprites.remember(`yuv:tilt:${composeKey}:${key}:${tilts[ti]}`, async () => {
          const img = await presenterSprites.remember(`tilt:${composeKey}:${key}:${tilts[ti]}`, async () =>
            tiltPatch(L.patch, pivot, patches.get(key)!, boxesOf().get(key)!, await restPatchOf(), tilts[ti]),
          );
          return rgbaToYuv420(img);
        });
        yuvPatches.set(`${key}@${tilts[ti]}`, yuv);
      }),
    );
  }
  return {
    base,
    baseFile,
    alpha: isVideo,
    motion: !isVideo,
    region: R,
    baseFrame,
    poseYuv,
    patches,
    patchFile: (m, e) => files.get(`${m}${e[0]}` as StateKey)!,
    patchYuv: (m, e, tilt = 0) => yuvPatches.get(tilt ? `${m}${e[0]}@${tilt}` : `${m}${e[0]}`)!,
  };
}

interface CaptionTrack {
  rect: Rect;
  segments: CaptionSegment[];
  /** Per cue index, the caption in YUV for the raw frame feed (null over video backgrounds). */
  yuv: (PlacedYuva | null)[];
  /** Caption strip per cue index, made on demand (only the thumbnail draws one). */
  strips: (() => Rgba)[];
  blankStrip: Rgba;
}

type Rect = { x: number; y: number; w: number; h: number };
type CaptionImages = Map<string, { cap: ReturnType<typeof wordCaptionSvg>; img: Rgba }>;

/** Caption images (each group once per highlighted word); they depend on the words and the layout, not on timing. */
async function rasteriseCaptions(groups: CaptionGroup[], L: Layout): Promise<CaptionImages> {
  const jobs = new Map<string, { g: CaptionGroup; k: number }>();
  for (const g of groups) for (let k = 0; k < g.words.length; k++) jobs.set(wordCueKey(g, k), { g, k });
  const drawn = await Promise.all(
    [...jobs].map(async ([key, { g, k }]) => {
      const cap = wordCaptionSvg(g, k, L);
      return [key, { cap, img: await svgToRgbaAsync(cap.svg, { text: g.words.map((w) => w.text).join(" ") }) }] as const;
    }),
  );
  return new Map(drawn);
}

/** The caption area of the frame: two lines at the caption size, clear of the face. */
function captionRect(L: Layout): Rect {
  const fs0 = L.caption.fontSize;
  const maxH = Math.round(fs0 * 1.3) * 2 + Math.round(fs0 * 0.45) * 2;
  const even = (n: number) => Math.round(n / 2) * 2;
  const rect = {
    x: even(L.caption.centerX - L.caption.maxWidth / 2),
    y: even(L.caption.bottom - maxH),
    w: even(L.caption.maxWidth),
    h: even(maxH) + 2,
  };
  const P = L.patch;
  if (rect.y < P.y + P.h && rect.y + rect.h > P.y && rect.x < P.x + P.w && rect.x + rect.w > P.x) {
    throw new AppError("internal", "Caption area overlaps the presenter's face; layout bug.");
  }
  return rect;
}

interface CaptionStrips {
  rect: Rect;
  blank: { strip: Rgba; file: string };
  /**
   * Per cue key: the strip (caption area with the caption drawn), and either its PAM file
   * (ffmpeg composes over video backgrounds) or the caption in YUV (the raw frame feed).
   */
  byKey: Map<string, { strip: () => Rgba; file: string; yuv: PlacedYuva | null }>;
}

/**
 * Prepares each caption image for the encode: a strip file for ffmpeg (`asFiles`, video
 * backgrounds) or YUV for the frame feed. Captions depend only on the words, so this runs
 * while the speech engine works; once timings exist only the track is left to make.
 */
async function writeCaptionStrips(L: Layout, images: CaptionImages, work: string, asFiles: boolean): Promise<CaptionStrips> {
  const rect = captionRect(L);
  // Transparent strips: what lies underneath (the moving presenter) shows through.
  const blankStrip = blank(rect.w, rect.h);
  const blankFile = path.join(work, "cap-blank.pam");
  if (asFiles) await fs.promises.writeFile(blankFile, toPam(blankStrip, true));
  const byKey = new Map<string, { strip: () => Rgba; file: string; yuv: PlacedYuva | null }>();
  let i = 0;
  for (const [key, { cap, img }] of images) {
    const x = Math.round(rect.w / 2 - cap.width / 2);
    const y = rect.h - cap.height;
    const file = path.join(work, `cap-${i++}.pam`);
    let yuv: PlacedYuva | null = null;
    if (asFiles) await fs.promises.writeFile(file, stripPam(rect, img, x, y));
    else {
      const even = onEvenGrid(img, x, y);
      yuv = { img: rgbaToYuva420(even.img), x: even.x, y: even.y };
    }
    // Only the thumbnail needs a strip as an image: made on demand.
    byKey.set(key, {
      strip: () => {
        const strip = blank(rect.w, rect.h);
        blendOnto(strip, img, x, y);
        return strip;
      },
      file,
      yuv,
    });
  }
  return { rect, blank: { strip: blankStrip, file: blankFile }, byKey };
}

/**
 * The PAM of a transparent w×h strip with `img` at (x, y): exactly toPam(blank + blendOnto),
 * since blending onto fully transparent pixels copies them, but converts only the caption's
 * own pixels (about a third of the strip; 79 strips in the bench).
 */
export function stripPam(rect: { w: number; h: number }, img: Rgba, x: number, y: number): Buffer {
  const header = Buffer.from(`P7\nWIDTH ${rect.w}\nHEIGHT ${rect.h}\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n`, "ascii");
  const out = Buffer.alloc(header.length + rect.w * rect.h * 4);
  header.copy(out, 0);
  const x0 = Math.max(0, x);
  const x1 = Math.min(rect.w, x + img.width);
  if (x1 <= x0) return out;
  const pam = toPam(img, true);
  const body = pam.length - img.width * img.height * 4;
  for (let yy = Math.max(0, y); yy < Math.min(rect.h, y + img.height); yy++) {
    const from = body + ((yy - y) * img.width + (x0 - x)) * 4;
    pam.copy(out, header.length + (yy * rect.w + x0) * 4, from, from + (x1 - x0) * 4);
  }
  return out;
}

/** The caption track: each cue's strip shown for the cue's time, blank between cues. */
function buildCaptionTrack(strips: CaptionStrips, cues: WordCaptionCue[], duration: number): CaptionTrack {
  const segments: CaptionSegment[] = [];
  const perCue: (() => Rgba)[] = [];
  const yuv: (PlacedYuva | null)[] = [];
  let t = 0;
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i];
    const s = strips.byKey.get(cue.key);
    if (!s) throw new AppError("internal", `No caption image for cue "${cue.text}".`);
    perCue.push(s.strip);
    yuv.push(s.yuv);
    const start = Math.max(t, cue.startSec);
    // Hold a caption through short pauses so it does not flash off and on.
    const next = cues[i + 1];
    const end = next && next.startSec - cue.endSec < 0.6 ? next.startSec : Math.min(duration, cue.endSec + 0.25);
    if (start - t > 0.001) segments.push({ file: strips.blank.file, durationSec: start - t, cue: -1 });
    segments.push({ file: s.file, durationSec: Math.max(end - start, 1 / FPS), cue: i });
    t = end;
  }
  if (duration - t > 0.001 || segments.length === 0) segments.push({ file: strips.blank.file, durationSec: Math.max(duration - t, 1 / FPS), cue: -1 });
  return { rect: strips.rect, segments, strips: perCue, yuv, blankStrip: strips.blank.strip };
}

function pickThumbTime(cues: WordCaptionCue[], mouth: Viseme[], blink: boolean[], duration: number, frames: number): number {
  let at = duration * 0.4;
  const cue = cues.find((c) => c.endSec >= duration * 0.4) ?? cues[0];
  if (cue) at = (cue.startSec + cue.endSec) / 2;
  for (let d = 0; d < FPS; d++) {
    const f = Math.min(frames - 1, Math.round(at * FPS) + d);
    if (!blink[f] && mouth[f] !== "X" && mouth[f] !== "A") return (f + 0.5) / FPS;
  }
  return Math.min(at, Math.max(0, duration - 0.1));
}

/** JPEG of the frame at `at`, composed in JS (no decode of the video needed). */
async function writeThumbnail(
  L: Layout,
  layers: StaticLayers,
  track: CaptionTrack,
  cues: WordCaptionCue[],
  at: number,
  mouth: Viseme[],
  blink: boolean[],
  outPath: string,
  work: string,
  signal?: AbortSignal,
): Promise<void> {
  const frame = clone(layers.base);
  const i = cues.findIndex((c) => at >= c.startSec && at <= c.endSec);
  blendOnto(frame, i >= 0 ? track.strips[i]() : track.blankStrip, track.rect.x, track.rect.y);
  const f = Math.min(mouth.length - 1, Math.floor(at * FPS));
  blendOnto(frame, layers.patches.get(`${mouth[f]}${blink[f] ? "c" : "o"}` as StateKey)!, L.patch.x, L.patch.y);
  const pam = path.join(work, "thumb.pam");
  await fs.promises.writeFile(pam, toPam(frame, false));
  const width = L.width >= L.height ? 1280 : 720;
  await atomicWrite(outPath, async (tmp) => {
    const args = ["-i", pam, "-frames:v", "1", "-vf", `scale=${width}:-2:flags=bicubic`, "-q:v", "3", "-f", "image2", "-c:v", "mjpeg", tmp];
    await runFfmpeg(args, { label: "make the thumbnail", signal });
  });
}
