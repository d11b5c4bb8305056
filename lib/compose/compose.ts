/**
 * Presenter video + storyboard → one mp4 per aspect.
 *
 * How: the scenes are timed on the presenter's clock (timing.ts), cut into shots (a long split
 * scene punches in to the full visual halfway, so no shot drags), and every shot is encoded
 * on its own with a small, fixed filter graph (background, presenter region or bubble, card
 * sliding in, citation chip for its first 2.2 s). The shots are joined with the concat demuxer
 * (stream copy: same encoder settings) and muxed with the presenter's voice and the ducked
 * music bed. Graph size never grows with the number of scenes, and a killed compose re-runs
 * only the shots that are missing (each shot's file is named by a hash of everything in it).
 *
 * User text never reaches a filter graph: cards and chips are rasterised to PNG first, and
 * only our own numbers and labels appear in filter text. Files reach ffmpeg as arguments
 * (spawn, no shell) and in the concat list as our own work-dir paths.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { atomicWrite, command, probeMedia, run } from "@/lib/render/ffmpeg";
import { AUDIO_BITRATE, FPS, X264_CRF, X264_PARAMS, X264_PRESET } from "@/lib/render/render";
import { svgToPng } from "@/lib/render/raster";
import { AppError } from "@/lib/errors";
import { cardPng, citationChipSvg } from "./cards";
import { shotLayout, type Rect, type ShotLayout } from "./layout";
import { builtInBedFile, mixFilter } from "./music";
import { detectSilences, sceneSpans, type Span } from "./timing";
import type { ComposeAspect, Scene, SceneLayout, Storyboard } from "./types";

/** A split scene longer than this punches in to the full visual halfway. */
export const PUNCH_IN_SEC = 4.5;
/** How long the "Source: …" chip stays up at the start of a cited scene. */
export const CHIP_SEC = 2.2;
/** The card's slide-in at the start of a shot. */
export const SLIDE_SEC = 0.45;

export interface ComposeInput {
  /** The presenter's mp4 (local studio or a provider), with the voice. */
  presenterPath: string;
  board: Storyboard;
  /** Where shots, cards and beds are kept between runs (same dir → reuse). */
  workDir: string;
  /** Final file for each aspect. */
  outPath: (aspect: ComposeAspect) => string;
  /** Scene start times on the presenter clock when the renderer knows them. */
  sceneStarts?: number[];
  /** Storage key → local file, for uploads (ownership is checked by the caller). */
  resolveMedia?: (key: string) => Promise<string>;
  /** Only these aspects (default: all of the board's). */
  aspects?: ComposeAspect[];
  /** < 1 renders smaller frames (tests); layout proportions are kept. */
  scale?: number;
  signal?: AbortSignal;
  onProgress?: (percent: number) => void;
}

export interface ComposedRendition {
  aspect: ComposeAspect;
  path: string;
  width: number;
  height: number;
  durationSec: number;
  sizeBytes: number;
}

export interface Shot {
  sceneIndex: number;
  layout: SceneLayout;
  start: number;
  end: number;
  /** Card slides in / chip shows: only on a scene's first shot. */
  first: boolean;
}

/** The visual a scene can actually show now (B-roll not made yet → presenter). */
function effectiveLayout(scene: Scene): SceneLayout {
  const v = scene.visual;
  if (v.type === "none" || (v.type === "broll" && !v.key)) return "presenter";
  return scene.layout;
}

export function planShots(board: Storyboard, spans: Span[]): Shot[] {
  const shots: Shot[] = [];
  board.scenes.forEach((scene, i) => {
    const { start, end } = spans[i];
    const layout = effectiveLayout(scene);
    if (layout === "split" && end - start > PUNCH_IN_SEC) {
      const mid = Math.round(((start + end) / 2) * FPS) / FPS;
      shots.push({ sceneIndex: i, layout: "split", start, end: mid, first: true });
      shots.push({ sceneIndex: i, layout: "visual", start: mid, end, first: false });
    } else shots.push({ sceneIndex: i, layout, start, end, first: true });
  });
  return shots;
}

const hashOf = (v: unknown) => crypto.createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16);

async function writeOnce(file: string, make: () => Buffer): Promise<string> {
  if (!fs.existsSync(file)) await atomicWrite(file, (tmp) => fs.promises.writeFile(tmp, make()));
  return file;
}

function backgroundSvg(width: number, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#111827"/><stop offset="1" stop-color="#312e81"/></linearGradient></defs>` +
    `<rect width="${width}" height="${height}" fill="url(#g)"/></svg>`
  );
}

function circleSvg(d: number, ring: boolean): string {
  const r = d / 2;
  return ring
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}"><circle cx="${r}" cy="${r}" r="${r - Math.max(1, d * 0.015)}" fill="none" stroke="#ffffff" stroke-width="${Math.max(2, d * 0.03)}"/></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}"><rect width="${d}" height="${d}" fill="#000"/><circle cx="${r}" cy="${r}" r="${r}" fill="#fff"/></svg>`;
}

/** Presenter cropped to cover `r`, centred on where a presenter's face sits (36 % down). */
const coverFace = (w: number, h: number) =>
  `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h}:(iw-ow)/2:'max(0,min(ih-oh,ih*0.36-oh/2))',setsar=1`;

interface ShotAssets {
  background: string;
  card?: { file: string; rect: Rect };
  media?: { file: string; kind: "image" | "video"; rect: Rect };
  chip?: { file: string; x: number; y: number };
  bubble?: { mask: string; ring: string };
}

/** Builds one shot's ffmpeg command: fixed inputs and a graph of at most ~10 filters. */
function shotCommand(presenter: string, shot: Shot, lay: ShotLayout, a: ShotAssets, frames: number, out: string) {
  const dur = (frames / FPS + 0.2).toFixed(3);
  const cmd = command();
  const loopPng = (file: string) => cmd.input(file).inputOptions(["-loop", "1", "-framerate", String(FPS), "-t", dur]);
  const inputs: string[] = [];
  const add = (name: string) => inputs.push(name) - 1;

  loopPng(a.background);
  const bg = add("bg");
  const needPresenter = !!lay.presenter || !!lay.bubble;
  let pv = -1;
  if (needPresenter) {
    cmd.input(presenter).inputOptions(["-ss", shot.start.toFixed(3), "-t", dur]);
    pv = add("presenter");
  }
  let media = -1;
  if (a.media) {
    if (a.media.kind === "image") loopPng(a.media.file);
    else cmd.input(a.media.file).inputOptions(["-stream_loop", "-1", "-t", dur]);
    media = add("media");
  }
  let card = -1;
  if (a.card) {
    loopPng(a.card.file);
    card = add("card");
  }
  let mask = -1;
  let ring = -1;
  if (a.bubble) {
    loopPng(a.bubble.mask);
    mask = add("mask");
    loopPng(a.bubble.ring);
    ring = add("ring");
  }
  let chip = -1;
  if (a.chip) {
    loopPng(a.chip.file);
    chip = add("chip");
  }

  const f: string[] = [];
  let cur = "base";
  f.push(`[${bg}:v]format=yuv420p,setsar=1[base]`);
  const over = (src: string, x: string | number, y: string | number, extra = "") => {
    const next = `o${f.length}`;
    f.push(`[${cur}][${src}]overlay=x=${x}:y=${y}${extra}[${next}]`);
    cur = next;
  };
  if (lay.presenter && pv >= 0) {
    const r = lay.presenter;
    f.push(`[${pv}:v]fps=${FPS},${coverFace(r.w, r.h)}[pres]`);
    over("pres", r.x, r.y);
  }
  if (media >= 0 && a.media) {
    const r = a.media.rect;
    const motion =
      a.media.kind === "image"
        ? // Ken Burns: a slow pan across a slightly larger picture.
          `scale=${Math.round(r.w * 1.12 / 2) * 2}:${Math.round(r.h * 1.12 / 2) * 2}:force_original_aspect_ratio=increase,crop=${r.w}:${r.h}:x='(iw-ow)*min(1,t/${dur})':y='(ih-oh)/2'`
        : `fps=${FPS},scale=${r.w}:${r.h}:force_original_aspect_ratio=increase,crop=${r.w}:${r.h}`;
    f.push(`[${media}:v]${motion},setsar=1[media]`);
    over("media", r.x, r.y);
  }
  if (card >= 0 && a.card) {
    const r = a.card.rect;
    // Slides in from the right edge with an ease-out on the scene's first shot.
    const x = shot.first ? `'${r.x}+(W-${r.x})*pow(max(0,1-t/${SLIDE_SEC}),3)'` : r.x;
    over(`${card}:v`, x, r.y);
  }
  if (lay.bubble && pv >= 0 && mask >= 0) {
    const { x, y, d } = lay.bubble;
    f.push(`[${pv}:v]fps=${FPS},crop=w='min(iw,ih)*0.8':h='min(iw,ih)*0.8':x='(iw-ow)/2':y='max(0,min(ih-oh,ih*0.36-oh/2))',scale=${d}:${d},format=yuva420p[pb]`);
    f.push(`[${mask}:v]format=gray,scale=${d}:${d}[pm]`);
    f.push(`[pb][pm]alphamerge[bub]`);
    over("bub", x, y);
    over(`${ring}:v`, x, y);
  }
  if (chip >= 0 && a.chip) over(`${chip}:v`, a.chip.x, a.chip.y, `:enable='lt(t,${CHIP_SEC})'`);
  f.push(`[${cur}]format=yuv420p[v]`);

  cmd
    .complexFilter(f.join(";"))
    .outputOptions([
      "-map", "[v]", "-an",
      "-frames:v", String(frames),
      "-r", String(FPS),
      "-c:v", "libx264", "-preset", X264_PRESET, "-crf", String(X264_CRF), "-x264-params", X264_PARAMS,
      "-pix_fmt", "yuv420p", "-profile:v", "high",
      "-f", "mp4",
    ])
    .output(out);
  return cmd;
}

async function assetsFor(shot: Shot, scene: Scene, lay: ShotLayout, aspectDir: string, input: ComposeInput): Promise<ShotAssets> {
  const a: ShotAssets = {
    background: await writeOnce(path.join(aspectDir, `bg-${lay.width}x${lay.height}.png`), () => svgToPng(backgroundSvg(lay.width, lay.height))),
  };
  const v = scene.visual;
  if (lay.visual && v.type === "card") {
    const r = lay.visual;
    const file = path.join(aspectDir, `card-${hashOf([v.card, r.w, r.h])}.png`);
    a.card = { file: await writeOnce(file, () => cardPng(v.card, { width: r.w, height: r.h })), rect: r };
  } else if (lay.visual && (v.type === "upload" || (v.type === "broll" && v.key))) {
    if (!input.resolveMedia) throw new AppError("bad_request", `Scene "${scene.id}" uses an upload, but no media store was given to the composer.`);
    const kind = v.type === "upload" ? v.kind : "video";
    // Uploads fill the frame in the visual layout (the bubble sits on top), the region in split.
    const rect = shot.layout === "visual" ? { x: 0, y: 0, w: lay.width, h: lay.height } : lay.visual;
    a.media = { file: await input.resolveMedia(v.key!), kind, rect };
  }
  if (lay.bubble) {
    const d = lay.bubble.d;
    a.bubble = {
      mask: await writeOnce(path.join(aspectDir, `mask-${d}.png`), () => svgToPng(circleSvg(d, false))),
      ring: await writeOnce(path.join(aspectDir, `ring-${d}.png`), () => svgToPng(circleSvg(d, true))),
    };
  }
  if (shot.first && scene.citation) {
    const c = citationChipSvg(scene.citation.label, lay.chip.unit, lay.chip.maxWidth);
    const file = path.join(aspectDir, `chip-${hashOf([scene.citation.label, lay.chip])}.png`);
    a.chip = { file: await writeOnce(file, () => svgToPng(c.svg, { text: scene.citation!.label })), x: lay.chip.x, y: lay.chip.y };
  }
  return a;
}

/** Composes every aspect of the board; returns the renditions in the board's aspect order. */
export async function composeShort(input: ComposeInput): Promise<ComposedRendition[]> {
  const { board, presenterPath } = input;
  const info = await probeMedia(presenterPath);
  if (!info.audioCodec) throw new AppError("bad_request", "The presenter video has no audio track; the composer needs the voice.");
  if (!info.width) throw new AppError("bad_request", "The presenter file has no video stream.");
  const durationSec = Math.floor(info.durationSec * FPS) / FPS;
  const st = await fs.promises.stat(presenterPath);
  const presenterId = hashOf([presenterPath, st.size, st.mtimeMs]);
  await fs.promises.mkdir(input.workDir, { recursive: true });

  const texts = board.scenes.map((s) => s.text);
  const silences = input.sceneStarts ? [] : await detectSilences(presenterPath, input.signal);
  const spans = sceneSpans(texts, durationSec, FPS, { known: input.sceneStarts, silences });
  const shots = planShots(board, spans);
  const aspects = input.aspects ?? board.aspects;
  const scale = input.scale ?? 1;

  const bed = board.music.bed;
  const bedPath =
    bed === "none" ? null : typeof bed === "string" ? await builtInBedFile(bed, durationSec, input.workDir) : input.resolveMedia ? await input.resolveMedia(bed.key) : null;
  if (typeof bed === "object" && !bedPath) throw new AppError("bad_request", "The storyboard's music is an upload, but no media store was given to the composer.");

  const totalSteps = aspects.length * (shots.length + 1);
  let done = 0;
  const tick = () => input.onProgress?.(Math.round((++done / totalSteps) * 100));
  const out: ComposedRendition[] = [];
  for (const aspect of aspects) {
    const aspectDir = path.join(input.workDir, `a-${aspect.replace(":", "x")}-${scale}`);
    await fs.promises.mkdir(aspectDir, { recursive: true });
    const segs: string[] = [];
    let framesSoFar = 0;
    for (const shot of shots) {
      const scene = board.scenes[shot.sceneIndex];
      const lay = shotLayout(aspect, shot.layout, scale);
      // Frames from the running total, so rounding never drifts the picture from the voice.
      const endFrame = Math.round(shot.end * FPS);
      const frames = Math.max(1, endFrame - framesSoFar);
      framesSoFar += frames;
      const assets = await assetsFor(shot, scene, lay, aspectDir, input);
      const seg = path.join(aspectDir, `shot-${hashOf([presenterId, shot, frames, lay, assets, scene.visual, scene.citation])}.mp4`);
      if (!fs.existsSync(seg)) {
        await atomicWrite(seg, (tmp) => run(shotCommand(presenterPath, shot, lay, assets, frames, tmp), { label: `compose scene ${shot.sceneIndex + 1} (${aspect})`, signal: input.signal }));
      }
      segs.push(seg);
      tick();
    }
    const list = path.join(aspectDir, "shots.txt");
    await fs.promises.writeFile(list, segs.map((s) => `file '${s.replace(/'/g, "'\\''")}'`).join("\n") + "\n");
    const final = input.outPath(aspect);
    const total = (framesSoFar / FPS).toFixed(3);
    await atomicWrite(final, async (tmp) => {
      const cmd = command().input(list).inputOptions(["-f", "concat", "-safe", "0"]).input(presenterPath);
      const opts = ["-map", "0:v", "-c:v", "copy"];
      if (bedPath) {
        cmd.input(bedPath).inputOptions(["-stream_loop", "-1"]);
        cmd.complexFilter(mixFilter("1:a", "2:a", board.music.volumeDb, framesSoFar / FPS, "a"));
        opts.push("-map", "[a]");
      } else opts.push("-map", "1:a:0");
      opts.push("-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", "44100", "-t", total, "-movflags", "+faststart", "-f", "mp4");
      await run(cmd.outputOptions(opts).output(tmp), { label: `mux the ${aspect} short`, signal: input.signal });
    });
    tick();
    const m = await probeMedia(final);
    out.push({ aspect, path: final, width: m.width, height: m.height, durationSec: m.durationSec, sizeBytes: m.sizeBytes });
  }
  return out;
}

/** The scene spans composeShort uses, for tests and the editor's timeline. */
export async function timeScenes(presenterPath: string, board: Storyboard, sceneStarts?: number[]): Promise<Span[]> {
  const info = await probeMedia(presenterPath);
  const durationSec = Math.floor(info.durationSec * FPS) / FPS;
  const silences = sceneStarts ? [] : await detectSilences(presenterPath);
  return sceneSpans(board.scenes.map((s) => s.text), durationSec, FPS, { known: sceneStarts, silences });
}
