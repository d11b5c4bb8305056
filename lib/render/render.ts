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
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { atomicWrite, probeMedia, runFfmpeg } from "./ffmpeg";
import { computeLayout, type Layout } from "./layout";
import { getPresenter, type EyeState } from "./presenters";
import { energyVisemes, visemeTrack, VISEMES, type Viseme } from "./visemes";
import { blank, blendOnto, clone, crop, pastePam, svgToRgbaAsync, toPam, type Rgba } from "./raster";
import { captionGroups, fitTitle, sceneSvg, wordCaptionSvg, wordCueKey, wordCues, type CaptionGroup, type WordCaptionCue } from "./scene";
import { normaliseLoudness } from "./loudness";
import { presenterSprites, spriteKey } from "./sprite-cache";
import { browTrack, composePose, changedBoxes, neckPivotInFrame, patchSplitRow, poseAt, poseExpr, poseRegion, poseRuns, tiltPatch, tiltTrack, TILT_DEGREES, POSE_STEP_X, POSE_STEP_Y } from "./motion";
import { encodeWav, energyPerFrame, splitPhrases, synthesizeSpeech, type Speech } from "./tts";
import { validateRenderInput, type RenderInput, type RenderProgress, type ValidRenderInput } from "./validate";

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
    const posesP = layersP.then((layers) => (layers.motion ? Promise.all(distinctPoses().flatMap((p) => TILT_DEGREES.map((t) => layers.poseFile(p.dx, p.dy, t)))) : []));
    posesP.catch(() => undefined);
    const stripsP = captionImagesP.then((images) => writeCaptionStrips(layout, images, work));
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
    // Face track: one symlink per video frame to one of the six patch images, read by the
    // image2 demuxer at exactly 30 fps (no per-file probing, no timestamp rounding).
    const faceDir = path.join(work, "face");
    await fs.promises.mkdir(faceDir);
    const links: Promise<void>[] = [];
    for (let f = 0; f < frames; f++) {
      const target = layers.patchFile(mouth[f], blink[f] ? "closed" : brows[f] ? "raised" : "open", tilt[f]);
      links.push(fs.promises.symlink(target, path.join(faceDir, `${String(f).padStart(6, "0")}.pam`)));
    }
    await Promise.all(links);
    const facePattern = path.join(faceDir, "%06d.pam");
    // Idle motion: one concat stream of pose images, each held while the pose lasts.
    const poseList = path.join(work, "poses.ffconcat");
    if (layers.motion) {
      const runs = poseRuns(frames, tilt);
      const files = await Promise.all(runs.map((r) => layers.poseFile(r.dx, r.dy, r.tilt)));
      // The last pose is held a second longer than needed: the main stream must not end
      // before the audio (-t cuts the output at the right frame).
      await fs.promises.writeFile(poseList, concatList(runs.map((r, i) => ({ file: files[i], durationSec: r.frames / FPS + (i === runs.length - 1 ? 1 : 0) }))));
    }
    const captionList = path.join(work, "captions.ffconcat");
    await fs.promises.writeFile(captionList, concatList(captionSegments.segments));
    checkAbort(v.signal);
    progress("frames", 20);

    // Thumbnail from our own composited frame, encoded while the video encodes.
    const thumbAt = pickThumbTime(cues, mouth, blink, duration, frames);
    const thumbP = writeThumbnail(layout, layers, captionSegments, cues, thumbAt, mouth, blink, v.thumbnailPath, work, v.signal);
    thumbP.catch(() => undefined);
    lap("frames");

    // Encode.
    const L = layout;
    const C = captionSegments.rect;
    await atomicWrite(v.outPath, async (tmp) => {
      const inputs: string[] = [];
      const filters: string[] = [];
      // A still repeated on an exact 1/30 s clock (setpts=N/30/TB on the image's own 1/25 s
      // time base rounded frame times and put the face a frame late; encode-sync.test.ts).
      const loopStill = `loop=loop=-1:size=1:start=0,settb=1/${FPS},setpts=N`;
      let idx = 0;
      if (v.background.type === "video") {
        inputs.push("-stream_loop", "-1", "-i", v.background.path, "-i", layers.baseFile);
        filters.push(
          `[0:v]scale=${L.width}:${L.height}:force_original_aspect_ratio=increase,crop=${L.width}:${L.height},setsar=1,fps=${FPS},format=yuv420p[bg]`,
          `[1:v]format=yuva420p,${loopStill}[fg]`,
          `[bg][fg]overlay=0:0:shortest=1:format=yuv420[m]`,
        );
        idx = 2;
        filters.push(`[m]null[mp]`);
      } else if (layers.motion) {
        // The pose images are whole frames: converted once per pose change, then repeated by
        // reference (fps) at the video rate, which also puts the stream on the exact 1/30 s
        // clock the face track's frame numbers assume.
        inputs.push("-f", "concat", "-safe", "0", "-i", poseList);
        filters.push(`[0:v]format=yuv420p,fps=${FPS}[mp]`);
        idx = 1;
      } else {
        inputs.push("-i", layers.baseFile);
        filters.push(`[0:v]format=yuv420p,${loopStill}[mp]`);
        idx = 1;
      }
      inputs.push("-f", "concat", "-safe", "0", "-i", captionList);
      inputs.push("-framerate", String(FPS), "-f", "image2", "-start_number", "0", "-i", facePattern);
      inputs.push("-i", wavPath);
      // The face follows the presenter's idle motion; the expression mirrors motion.ts poseAt.
      const face = layers.motion ? poseExpr(L.patch.x, L.patch.y) : { x: String(L.patch.x), y: String(L.patch.y) };
      filters.push(
        // Caption strips carry alpha: the presenter moves underneath them.
        `[${idx}:v]format=yuva420p[c]`,
        `[${idx + 1}:v]format=yuv420p[f]`,
        `[mp][c]overlay=${C.x}:${C.y}:eof_action=repeat:format=yuv420[mc]`,
        `[mc][f]overlay=x=${face.x}:y=${face.y}:eof_action=repeat:format=yuv420,setsar=1[v]`,
        // Loudness was normalised in JS (normaliseLoudness); only the rate changes here.
        `[${idx + 2}:a]aresample=44100[a]`,
      );
      const args = [
        ...inputs,
        "-filter_complex", filters.join(";"),
        "-map", "[v]",
        "-map", "[a]",
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
      await runFfmpeg(args, {
        label: "encode the video",
        signal: v.signal,
        expectedDurationSec: duration,
        onPercent: (p) => progress("encode", 20 + p * 0.77),
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
  /** PAM of the presenter shifted by (dx, dy), head tilted `tilt`°, over its card, written once per pose. */
  poseFile(dx: number, dy: number, tilt?: number): Promise<string>;
  /** Upright face patches (the tilted ones exist only as files). */
  patches: Map<StateKey, Rgba>;
  patchFile(m: Viseme, e: EyeState, tilt?: number): string;
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
  const poseFiles = new Map<string, Promise<string>>();
  const poseFile = (dx: number, dy: number, tilt = 0) => {
    const key = `${dx},${dy},${tilt}`;
    let p = poseFiles.get(key);
    if (!p) {
      p = (async () => {
        const img = await poseImage(dx, dy, tilt);
        const file = path.join(work, `pose_${dx}_${dy}_${tilt}.pam`.replace(/-/g, "m"));
        // Whole frames: the pose stream is the encode's main input, so no per-frame overlay of
        // a nearly frame-sized region (issue 13: that blend was a third of the encode's CPU).
        await fs.promises.writeFile(file, pastePam(basePam, L.width, L.height, img, R.x, R.y));
        return file;
      })();
      poseFiles.set(key, p);
    }
    return p;
  };
  const baseFile = path.join(work, "base.pam");
  const basePam = toPam(base, isVideo);
  await fs.promises.writeFile(baseFile, basePam);
  const patches = new Map<StateKey, Rgba>();
  const files = new Map<StateKey, string>();
  await Promise.all(
    states.map(async ([m, e], i) => {
      const key = `${m}${e[0]}` as StateKey;
      // The patch lies inside the opaque card; blending on the base makes its edges exact.
      const img = crop(base, L.patch.x, L.patch.y, L.patch.w, L.patch.h);
      blendOnto(img, patchImgs[i], 0, 0);
      const file = path.join(work, `face-${key}.pam`);
      await fs.promises.writeFile(file, toPam(img, false));
      patches.set(key, img);
      files.set(key, file);
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
        const file = path.join(work, `face-${key}-t${ti}.pam`);
        const img = await presenterSprites.remember(`tilt:${composeKey}:${key}:${tilts[ti]}`, async () =>
          tiltPatch(L.patch, pivot, patches.get(key)!, boxesOf().get(key)!, await restPatchOf(), tilts[ti]),
        );
        await fs.promises.writeFile(file, toPam(img, false));
        files.set(`${key}@${tilts[ti]}` as StateKey, file);
      }),
    );
  }
  return {
    base,
    baseFile,
    alpha: isVideo,
    motion: !isVideo,
    region: R,
    poseFile,
    patches,
    patchFile: (m, e, tilt = 0) => files.get((tilt ? `${m}${e[0]}@${tilt}` : `${m}${e[0]}`) as StateKey)!,
  };
}

interface CaptionTrack {
  rect: Rect;
  segments: Segment[];
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
  /** Per cue key: the strip (caption area with the caption drawn) and its PAM file. */
  byKey: Map<string, { strip: () => Rgba; file: string }>;
}

/**
 * Writes one strip file per caption image. Strips depend only on the words, so this runs
 * while the speech engine works; once timings exist only the concat list is left to write.
 */
async function writeCaptionStrips(L: Layout, images: CaptionImages, work: string): Promise<CaptionStrips> {
  const rect = captionRect(L);
  // Transparent strips: what lies underneath (the moving presenter) shows through.
  const blankStrip = blank(rect.w, rect.h);
  const blankFile = path.join(work, "cap-blank.pam");
  await fs.promises.writeFile(blankFile, toPam(blankStrip, true));
  const byKey = new Map<string, { strip: () => Rgba; file: string }>();
  let i = 0;
  for (const [key, { cap, img }] of images) {
    const x = Math.round(rect.w / 2 - cap.width / 2);
    const y = rect.h - cap.height;
    const file = path.join(work, `cap-${i++}.pam`);
    await fs.promises.writeFile(file, stripPam(rect, img, x, y));
    // Only the thumbnail needs a strip as an image: made on demand.
    byKey.set(key, {
      strip: () => {
        const strip = blank(rect.w, rect.h);
        blendOnto(strip, img, x, y);
        return strip;
      },
      file,
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
  const segments: Segment[] = [];
  const perCue: (() => Rgba)[] = [];
  let t = 0;
  for (let i = 0; i < cues.length; i++) {
    const cue = cues[i];
    const s = strips.byKey.get(cue.key);
    if (!s) throw new AppError("internal", `No caption image for cue "${cue.text}".`);
    perCue.push(s.strip);
    const start = Math.max(t, cue.startSec);
    // Hold a caption through short pauses so it does not flash off and on.
    const next = cues[i + 1];
    const end = next && next.startSec - cue.endSec < 0.6 ? next.startSec : Math.min(duration, cue.endSec + 0.25);
    if (start - t > 0.001) segments.push({ file: strips.blank.file, durationSec: start - t });
    segments.push({ file: s.file, durationSec: Math.max(end - start, 1 / FPS) });
    t = end;
  }
  if (duration - t > 0.001 || segments.length === 0) segments.push({ file: strips.blank.file, durationSec: Math.max(duration - t, 1 / FPS) });
  return { rect: strips.rect, segments, strips: perCue, blankStrip: strips.blank.strip };
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
