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
 * Captions: word-by-word, grouped and timed like the studio's (lib/render/scene), from the
 * studio's word timings when the presenter came from it, else spread over each scene's span;
 * each (group, word) strip is drawn once and a shot reads its strips as one concat stream.
 * Brand kit: colours on the background, chip, accent cards and active caption word; the logo
 * and watermark as two small overlays; intro and outro cards as shots of their own before and
 * after the scenes (the voice is delayed by the intro).
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
import { captionGroups, wordCues, type CaptionGroup } from "@/lib/render/scene";
import type { Layout } from "@/lib/render/layout";
import { BRAND_CARD_SECONDS, type ResolvedBrandKit } from "@/lib/brand/types";
import { AppError } from "@/lib/errors";
import { cardPng, citationChipSvg } from "./cards";
import { backgroundSvg, brandCardSvg, DEFAULT_COLOURS, logoImage, logoSvg, watermarkSvg, type BrandColours } from "./cards/brand";
import { blankStripSvg, captionStripSvg, DEFAULT_CAPTION_STYLE, type CaptionStyle } from "./cards/caption";
import { captionRect, shotLayout, type CaptionSlot, type LayoutBrand, type Rect, type ShotLayout } from "./layout";
import { builtInBedFile, mixFilter } from "./music";
import { detectSilences, evenWords, sceneSpans, studioTimings, type Span, type TimedWord } from "./timing";
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
  /**
   * The local studio's word timings (Speech.words of storyboardScript(board)): they time the
   * scenes (unless sceneStarts is given) and the captions. Without them the scenes are timed
   * from the audio's pauses and caption words spread over each scene's span.
   */
  words?: TimedWord[];
  /** Burn word-by-word captions in (default true). */
  captions?: boolean;
  /** The workspace's brand kit, its logo already resolved to a local file. */
  brand?: ResolvedBrandKit | null;
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

function circleSvg(d: number, ring: boolean, colour = "#ffffff"): string {
  const r = d / 2;
  return ring
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}"><circle cx="${r}" cy="${r}" r="${r - Math.max(1, d * 0.015)}" fill="none" stroke="${colour}" stroke-width="${Math.max(2, d * 0.03)}"/></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" width="${d}" height="${d}"><rect width="${d}" height="${d}" fill="#000"/><circle cx="${r}" cy="${r}" r="${r}" fill="#fff"/></svg>`;
}

/** Presenter cropped to cover `r`, centred on where a presenter's face sits (36 % down). */
const coverFace = (w: number, h: number) =>
  `scale=${w}:${h}:force_original_aspect_ratio=increase,crop=${w}:${h}:(iw-ow)/2:'max(0,min(ih-oh,ih*0.36-oh/2))',setsar=1`;

/**
 * A portrait presenter in a much wider region (16:9 full presenter): covering it would zoom
 * onto the face and cut the head. Instead the picture shows head and shoulders (the top 62 %
 * of the source) at the region's height, over a blurred, darkened cover of itself.
 */
const PILLAR_SHARE = 0.62;
function pillarGraph(src: string, w: number, h: number, out: string): string {
  const fgH = h;
  const fgW = Math.min(w, Math.round((h / PILLAR_SHARE) * 0.5625 / 2) * 2);
  return (
    `[${src}]fps=${FPS},split=2[pa][pb];` +
    `[pa]scale=${Math.round(w / 8 / 2) * 2}:${Math.round(h / 8 / 2) * 2}:force_original_aspect_ratio=increase,crop=${Math.round(w / 8 / 2) * 2}:${Math.round(h / 8 / 2) * 2},boxblur=6:2,eq=brightness=-0.18,scale=${w}:${h},setsar=1[pbg];` +
    `[pb]scale=${fgW}:-2,crop=${fgW}:'min(ih,${fgH})':0:'max(0,min(ih-oh,ih*0.02))',setsar=1[pfg];` +
    `[pbg][pfg]overlay=x=(W-w)/2:y=0[${out}]`
  );
}

interface ShotAssets {
  background: string;
  card?: { file: string; rect: Rect };
  media?: { file: string; kind: "image" | "video"; rect: Rect };
  chip?: { file: string; x: number; y: number };
  bubble?: { mask: string; ring: string };
  /** This shot's caption stream (an ffconcat of strips) and where it goes. */
  captions?: { list: string; rect: Rect };
  logo?: { file: string; rect: Rect };
  watermark?: { file: string; rect: Rect };
}

/** Builds one shot's ffmpeg command: fixed inputs and a graph of at most ~14 filters. */
function shotCommand(presenter: string, pillar: boolean, shot: Shot, lay: ShotLayout, a: ShotAssets, frames: number, out: string) {
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
  let caps = -1;
  if (a.captions) {
    cmd.input(a.captions.list).inputOptions(["-f", "concat", "-safe", "0"]);
    caps = add("captions");
  }
  let logo = -1;
  if (a.logo) {
    loopPng(a.logo.file);
    logo = add("logo");
  }
  let wm = -1;
  if (a.watermark) {
    loopPng(a.watermark.file);
    wm = add("watermark");
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
    // Only a full-frame landscape presenter is pillared; a region beside or under a card is covered.
    const wide = r.w / r.h > 1.2 && r.w === lay.width && r.h === lay.height;
    if (pillar && wide) f.push(pillarGraph(`${pv}:v`, r.w, r.h, "pres"));
    else f.push(`[${pv}:v]fps=${FPS},${coverFace(r.w, r.h)}[pres]`);
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
  if (logo >= 0 && a.logo) over(`${logo}:v`, a.logo.rect.x, a.logo.rect.y);
  if (wm >= 0 && a.watermark) over(`${wm}:v`, a.watermark.rect.x, a.watermark.rect.y);
  if (caps >= 0 && a.captions) over(`${caps}:v`, a.captions.rect.x, a.captions.rect.y, ":eof_action=repeat");
  f.push(`[${cur}]format=yuv420p[v]`);
  return encodeTo(cmd.complexFilter(f.join(";")), frames, out);
}

function encodeTo(cmd: ReturnType<typeof command>, frames: number, out: string) {
  return cmd
    .outputOptions([
      "-map", "[v]", "-an",
      "-frames:v", String(frames),
      "-r", String(FPS),
      "-c:v", "libx264", "-preset", X264_PRESET, "-crf", String(X264_CRF), "-x264-params", X264_PARAMS,
      "-pix_fmt", "yuv420p", "-profile:v", "high",
      "-f", "mp4",
    ])
    .output(out);
}

/** Everything an aspect's shots share: colours, caption style and cues, logo and watermark. */
interface AspectKit {
  colours: BrandColours;
  captionStyle: CaptionStyle;
  layoutBrand: LayoutBrand;
  logoHref: string | null;
  words: TimedWord[] | null;
  texts: string[];
  durationSec: number;
}

/** Caption cues for one caption slot (groups depend on the slot's width), memoised per slot. */
function cuesFor(kit: AspectKit, slot: CaptionSlot, memo: Map<string, { groups: CaptionGroup[]; cues: ReturnType<typeof wordCues> }>) {
  const key = JSON.stringify(slot);
  let got = memo.get(key);
  if (!got) {
    // captionGroups reads only layout.caption (font size and width).
    const groups = captionGroups(kit.texts, { caption: slot } as unknown as Layout);
    got = { groups, cues: wordCues(groups, kit.words ?? [], kit.durationSec) };
    memo.set(key, got);
  }
  return got;
}

async function captionTrack(shot: Shot, lay: ShotLayout, aspectDir: string, kit: AspectKit, memo: Map<string, { groups: CaptionGroup[]; cues: ReturnType<typeof wordCues> }>) {
  const slot = lay.captions;
  const { groups, cues } = cuesFor(kit, slot, memo);
  const styleKey = hashOf([slot, kit.captionStyle]);
  const blank = await writeOnce(path.join(aspectDir, `cap-blank-${styleKey}.png`), () => svgToPng(blankStripSvg(slot)));
  const segs: { file: string; d: number }[] = [];
  let t = shot.start;
  for (const c of cues) {
    if (c.endSec <= shot.start || c.startSec >= shot.end) continue;
    const from = Math.max(shot.start, c.startSec);
    const to = Math.min(shot.end, c.endSec);
    if (from > t + 1e-3) segs.push({ file: blank, d: from - t });
    const g = groups[c.group];
    const file = path.join(aspectDir, `cap-${hashOf([styleKey, c.key])}.png`);
    await writeOnce(file, () => svgToPng(captionStripSvg(g, c.active, slot, kit.captionStyle), { text: c.text }));
    segs.push({ file, d: to - from });
    t = to;
  }
  if (shot.end > t + 1e-3 || !segs.length) segs.push({ file: blank, d: Math.max(1 / FPS, shot.end - t) });
  const lines = ["ffconcat version 1.0"];
  for (const sg of segs) lines.push(`file '${sg.file.replace(/'/g, "'\\''")}'`, `duration ${sg.d.toFixed(4)}`);
  lines.push(`file '${segs.at(-1)!.file.replace(/'/g, "'\\''")}'`);
  const list = path.join(aspectDir, `caps-${hashOf([styleKey, shot.start, shot.end, segs])}.ffconcat`);
  await fs.promises.writeFile(list, `${lines.join("\n")}\n`);
  return { list, rect: captionRect(slot) };
}

async function assetsFor(shot: Shot, scene: Scene, lay: ShotLayout, aspectDir: string, input: ComposeInput, kit: AspectKit, memo: Map<string, { groups: CaptionGroup[]; cues: ReturnType<typeof wordCues> }>): Promise<ShotAssets> {
  const c = kit.colours;
  const a: ShotAssets = {
    background: await writeOnce(path.join(aspectDir, `bg-${lay.width}x${lay.height}-${hashOf(c)}.png`), () => svgToPng(backgroundSvg(lay.width, lay.height, c))),
  };
  const v = scene.visual;
  const theme = { accent: c.primary };
  if (lay.visual && v.type === "card") {
    const r = lay.visual;
    const file = path.join(aspectDir, `card-${hashOf([v.card, r.w, r.h, theme])}.png`);
    a.card = { file: await writeOnce(file, () => cardPng(v.card, { width: r.w, height: r.h }, theme)), rect: r };
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
      ring: await writeOnce(path.join(aspectDir, `ring-${d}-${c.primary.slice(1)}.png`), () => svgToPng(circleSvg(d, true, input.brand ? c.primary : "#ffffff"))),
    };
  }
  if (shot.first && scene.citation) {
    const colours = input.brand ? { fill: c.background, text: c.text, accent: c.primary } : undefined;
    const chip = citationChipSvg(scene.citation.label, lay.chip.unit, lay.chip.maxWidth, colours);
    const file = path.join(aspectDir, `chip-${hashOf([scene.citation.label, lay.chip, colours])}.png`);
    a.chip = { file: await writeOnce(file, () => svgToPng(chip.svg, { text: scene.citation!.label })), x: lay.chip.x, y: lay.chip.y };
  }
  if (input.captions !== false && kit.words?.length) a.captions = await captionTrack(shot, lay, aspectDir, kit, memo);
  if (lay.logo && kit.logoHref) {
    const r = lay.logo;
    a.logo = { file: await writeOnce(path.join(aspectDir, `logo-${hashOf([kit.logoHref.length, kit.logoHref.slice(-64), r])}.png`), () => svgToPng(logoSvg(kit.logoHref!, r.w, r.h))), rect: r };
  }
  const wmk = input.brand?.watermark;
  if (wmk) {
    // In the top margin band, right-aligned (above the chip, clear of captions and bubble).
    const h = Math.max(12, Math.round(Math.min(lay.safe.y * 0.9, Math.min(lay.width, lay.height) * 0.04)));
    const w = Math.round(lay.width * 0.5);
    const top = Math.max(2, Math.round(lay.safe.y - h * 1.1));
    const rect = { x: Math.round(lay.safe.x + lay.safe.w - w), y: top, w, h };
    a.watermark = { file: await writeOnce(path.join(aspectDir, `wm-${hashOf([wmk, rect, c.text])}.png`), () => svgToPng(watermarkSvg(wmk.text, w, h, c.text, wmk.opacity), { text: wmk.text })), rect };
  }
  return a;
}

/** A still brand card (intro/outro) encoded as a shot of its own. */
async function brandCardShot(which: "intro" | "outro", lay: ShotLayout, aspectDir: string, kit: AspectKit, card: { title: string; subtitle: string }, frames: number, input: ComposeInput): Promise<string> {
  const png = await writeOnce(path.join(aspectDir, `${which}-${hashOf([card, kit.colours, lay.width, lay.height, kit.logoHref?.length])}.png`), () =>
    svgToPng(brandCardSvg(lay.width, lay.height, card, kit.colours, kit.logoHref), { text: `${card.title} ${card.subtitle}` }),
  );
  const seg = path.join(aspectDir, `shot-${which}-${hashOf([png, frames])}.mp4`);
  if (!fs.existsSync(seg)) {
    await atomicWrite(seg, (tmp) => {
      const cmd = command().input(png).inputOptions(["-loop", "1", "-framerate", String(FPS), "-t", (frames / FPS + 0.2).toFixed(3)]);
      // A gentle push-in keeps the card from looking frozen.
      cmd.complexFilter(`[0:v]format=yuv420p,setsar=1,fade=t=${which === "intro" ? "out" : "in"}:st=${which === "intro" ? (frames / FPS - 0.25).toFixed(3) : "0"}:d=0.25[v]`);
      return run(encodeTo(cmd, frames, tmp), { label: `compose the ${which} card`, signal: input.signal });
    });
  }
  return seg;
}

/** Image size of a logo (for its box's aspect). */
async function logoAspect(file: string, svgText: string | null): Promise<number> {
  if (svgText) {
    const { svgToRgba } = await import("@/lib/render/raster");
    const img = svgToRgba(svgText);
    return img.width / Math.max(1, img.height);
  }
  const m = await probeMedia(file);
  return m.width / Math.max(1, m.height);
}

/** Composes every aspect of the board; returns the renditions in the board's aspect order. */
export async function composeShort(input: ComposeInput): Promise<ComposedRendition[]> {
  const { board, presenterPath } = input;
  const info = await probeMedia(presenterPath);
  if (!info.audioCodec) throw new AppError("bad_request", "The presenter video has no audio track; the composer needs the voice.");
  if (!info.width) throw new AppError("bad_request", "The presenter file has no video stream.");
  const durationSec = Math.floor(info.durationSec * FPS) / FPS;
  const pillar = info.width / info.height < 0.8;
  const st = await fs.promises.stat(presenterPath);
  const presenterId = hashOf([presenterPath, st.size, st.mtimeMs]);
  await fs.promises.mkdir(input.workDir, { recursive: true });

  const texts = board.scenes.map((s) => s.text);
  const studio = input.words ? studioTimings(texts, input.words) : null;
  const sceneStarts = input.sceneStarts ?? studio?.sceneStarts;
  const silences = sceneStarts ? [] : await detectSilences(presenterPath, input.signal);
  const spans = sceneSpans(texts, durationSec, FPS, { known: sceneStarts, silences });
  const shots = planShots(board, spans);
  const aspects = input.aspects ?? board.aspects;
  const scale = input.scale ?? 1;

  const brand = input.brand ?? null;
  const colours = brand ? brand.colours : DEFAULT_COLOURS;
  let logoHref: string | null = null;
  let layoutBrand: LayoutBrand = {};
  if (brand?.logo) {
    const img = logoImage(brand.logo.path);
    logoHref = img.href;
    layoutBrand = { logo: { position: brand.logo.position, scale: brand.logo.scale, aspect: await logoAspect(brand.logo.path, img.svgText) } };
  }
  const kit: AspectKit = {
    colours,
    captionStyle: brand ? { ...DEFAULT_CAPTION_STYLE, font: brand.captionFont, active: brand.colours.primary } : DEFAULT_CAPTION_STYLE,
    layoutBrand,
    logoHref,
    words: studio?.words ?? evenWords(texts, spans),
    texts,
    durationSec,
  };
  const cardFrames = Math.round(BRAND_CARD_SECONDS * FPS);
  const introFrames = brand?.intro ? cardFrames : 0;
  const outroFrames = brand?.outro ? cardFrames : 0;

  const bed = board.music.bed;
  const bedSec = durationSec + (introFrames + outroFrames) / FPS;
  const bedPath =
    bed === "none" ? null : typeof bed === "string" ? await builtInBedFile(bed, bedSec, input.workDir) : input.resolveMedia ? await input.resolveMedia(bed.key) : null;
  if (typeof bed === "object" && !bedPath) throw new AppError("bad_request", "The storyboard's music is an upload, but no media store was given to the composer.");

  const totalSteps = aspects.length * (shots.length + 1);
  let done = 0;
  const tick = () => input.onProgress?.(Math.round((++done / totalSteps) * 100));
  const out: ComposedRendition[] = [];
  for (const aspect of aspects) {
    const aspectDir = path.join(input.workDir, `a-${aspect.replace(":", "x")}-${scale}`);
    await fs.promises.mkdir(aspectDir, { recursive: true });
    const memo = new Map<string, { groups: CaptionGroup[]; cues: ReturnType<typeof wordCues> }>();
    const segs: string[] = [];
    if (brand?.intro) segs.push(await brandCardShot("intro", shotLayout(aspect, "presenter", scale, layoutBrand), aspectDir, kit, brand.intro, introFrames, input));
    let framesSoFar = 0;
    for (const shot of shots) {
      const scene = board.scenes[shot.sceneIndex];
      const lay = shotLayout(aspect, shot.layout, scale, layoutBrand);
      // Frames from the running total, so rounding never drifts the picture from the voice.
      const endFrame = Math.round(shot.end * FPS);
      const frames = Math.max(1, endFrame - framesSoFar);
      framesSoFar += frames;
      const assets = await assetsFor(shot, scene, lay, aspectDir, input, kit, memo);
      const seg = path.join(aspectDir, `shot-${hashOf([presenterId, pillar, shot, frames, lay, assets, scene.visual, scene.citation])}.mp4`);
      if (!fs.existsSync(seg)) {
        await atomicWrite(seg, (tmp) => run(shotCommand(presenterPath, pillar, shot, lay, assets, frames, tmp), { label: `compose scene ${shot.sceneIndex + 1} (${aspect})`, signal: input.signal }));
      }
      segs.push(seg);
      tick();
    }
    if (brand?.outro) segs.push(await brandCardShot("outro", shotLayout(aspect, "presenter", scale, layoutBrand), aspectDir, kit, brand.outro, outroFrames, input));
    const list = path.join(aspectDir, "shots.txt");
    await fs.promises.writeFile(list, segs.map((s) => `file '${s.replace(/'/g, "'\\''")}'`).join("\n") + "\n");
    const final = input.outPath(aspect);
    const totalFrames = introFrames + framesSoFar + outroFrames;
    const total = (totalFrames / FPS).toFixed(3);
    await atomicWrite(final, async (tmp) => {
      const cmd = command().input(list).inputOptions(["-f", "concat", "-safe", "0"]).input(presenterPath);
      const opts = ["-map", "0:v", "-c:v", "copy"];
      // The voice starts after the intro card and is padded through the outro.
      const delayMs = Math.round((introFrames / FPS) * 1000);
      const voice = `[1:a]adelay=${delayMs}:all=1,apad=whole_dur=${total}[voice]`;
      if (bedPath) {
        cmd.input(bedPath).inputOptions(["-stream_loop", "-1"]);
        cmd.complexFilter(`${voice};${mixFilter("voice", "2:a", board.music.volumeDb, totalFrames / FPS, "a")}`);
        opts.push("-map", "[a]");
      } else {
        cmd.complexFilter(voice);
        opts.push("-map", "[voice]");
      }
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
