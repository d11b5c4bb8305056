/**
 * The composer on real ffmpeg: a 30 s short from the fake research mix, composed from a
 * provider-like presenter mp4 (no timings: scene times come from the audio), at a quarter of
 * the real frame size (the invariants do not depend on size).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeShortScript } from "@/lib/research/writer";
import { resolveFfmpegPaths } from "@/lib/render/ffmpeg";
import { CHIP_SEC, composeShort, timeScenes, type ComposedRendition } from "./compose";
import { FAKE_ITEMS } from "./fixtures";
import { shotLayout } from "./layout";
import { builtInBedFile, mixToWav } from "./music";
import { planStoryboard } from "./plan";
import { makeTalkingPhoto } from "./talking-photo";
import { storyboardScript, type Storyboard } from "./types";
import { detectSilences, readStudioWords, studioTimings, wordsSidecar, type Silence, type Span, type TimedWord } from "./timing";
import { captionRect } from "./layout";
import { svgToPng } from "@/lib/render/raster";
import { BRAND_CARD_SECONDS, type ResolvedBrandKit } from "@/lib/brand/types";

const INTERNAL = [/\bitems?\b/i, /Manual input/, /\d+ of \d+/, /stands out:/i, /mention it/i, /key insights/i, /Based on our latest/i, /^\d+\. /m];
const SCALE = 0.25;

function ff(args: string[]): string {
  const r = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-hide_banner", "-nostats", ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(r.stderr.slice(-2000));
  return r.stderr;
}

/** RMS level (dBFS) of [from, to] of the file's audio, optionally low-passed (the bed's band). */
function rmsDb(file: string, from: number, to: number, lowpass = false): number {
  const lp = lowpass ? "lowpass=f=400,lowpass=f=400,lowpass=f=400," : "";
  const err = ff(["-i", file, "-vn", "-af", `atrim=${from}:${to},${lp}astats=metadata=0`, "-f", "null", "-"]);
  const m = [...err.matchAll(/RMS level dB: (-?[\d.]+|-inf)/g)].at(-1);
  return !m || m[1] === "-inf" ? -120 : Number(m[1]);
}

/** Raw RGB of a region of the frame at `t`. */
function region(file: string, t: number, r: { x: number; y: number; w: number; h: number }): Buffer {
  const out = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-v", "error", "-ss", t.toFixed(3), "-i", file, "-frames:v", "1", "-vf", `crop=${r.w}:${r.h}:${r.x}:${r.y}`, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"], { maxBuffer: 64 * 1024 * 1024 });
  return out.stdout;
}
const meanDiff = (a: Buffer, b: Buffer) => {
  let s = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) s += Math.abs(a[i] - b[i]);
  return s / Math.max(1, a.length);
};

describe("composeShort", () => {
  let dir: string;
  let board: Storyboard;
  let presenter: string;
  let out: ComposedRendition;
  let spans: Span[];
  let silences: Silence[];

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "compose-test-"));
    const written = writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 });
    board = planStoryboard(written, FAKE_ITEMS, { aspects: ["9:16"] });
    presenter = path.join(dir, "presenter.mp4");
    await makeTalkingPhoto(board.scenes.map((s) => s.text), presenter, { width: 270, height: 480 });
    [out] = await composeShort({ presenterPath: presenter, board, workDir: path.join(dir, "work"), outPath: () => path.join(dir, "short.mp4"), scale: SCALE });
    spans = await timeScenes(presenter, board);
    silences = await detectSilences(presenter);
  }, 600_000);
  afterAll(async () => {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it("a 30 s short cuts at least 6 times, is H.264/AAC with faststart, and speaks no internal phrases", () => {
    expect(out.durationSec).toBeGreaterThan(25);
    expect(out.width).toBe(270);
    expect(out.height).toBe(480);
    // Mutation tried: PUNCH_IN_SEC = 1e9 (no punch-ins) → 5 cuts, fails.
    const err = ff(["-i", out.path, "-vf", "select='gt(scene,0.3)',showinfo", "-an", "-f", "null", "-"]);
    const changes = (err.match(/Parsed_showinfo.*pts_time/g) ?? []).length;
    expect(changes).toBeGreaterThanOrEqual(6);
    const head = fs.readFileSync(out.path).subarray(0, 4096).toString("latin1");
    expect(head.indexOf("moov")).toBeGreaterThan(-1);
    expect(head.indexOf("moov")).toBeLessThan(head.indexOf("mdat") === -1 ? Infinity : head.indexOf("mdat"));
    const probe = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-hide_banner", "-i", out.path], { encoding: "utf8" }).stderr;
    expect(probe).toMatch(/Video: h264/);
    expect(probe).toMatch(/Audio: aac/);
    for (const re of INTERNAL) expect(storyboardScript(board)).not.toMatch(re);
  });

  it("draws at least 3 source citations: the chip is on screen at a cited scene's start and gone after", () => {
    // Mutation tried: dropping the chip overlay in shotCommand → the regions match, fails.
    const cited = board.scenes.map((s, i) => ({ s, i })).filter(({ s }) => s.citation);
    expect(cited.length).toBeGreaterThanOrEqual(3);
    let drawn = 0;
    for (const { s, i } of cited) {
      const lay = shotLayout("9:16", s.layout, SCALE);
      const chip = { x: lay.chip.x, y: lay.chip.y, w: Math.round(lay.chip.unit * 8), h: Math.round(lay.chip.unit * 2.4) };
      const during = region(out.path, spans[i].start + 0.8, chip);
      const after = region(out.path, Math.min(spans[i].end - 0.1, spans[i].start + CHIP_SEC + 0.8), chip);
      if (meanDiff(during, after) > 12) drawn++;
    }
    expect(drawn).toBeGreaterThanOrEqual(3);
  });

  it("has the music bed audible in the voice's pauses", () => {
    // Mutation tried: board.music.bed = "none" → pauses are silent (-120 dB), fails.
    const quiet = silences.filter((s) => s.end - s.start >= 0.4 && s.end < out.durationSec - 0.5).map((s) => ({ from: s.start + 0.1, to: s.end - 0.1 }));
    expect(quiet.length).toBeGreaterThanOrEqual(4);
    const voiceInPauses = Math.max(...quiet.map((q) => rmsDb(presenter, q.from, q.to)));
    const mixInPauses = quiet.map((q) => rmsDb(out.path, q.from, q.to));
    console.log("pause levels (dBFS): voice max", voiceInPauses, "mix", mixInPauses.map((x) => x.toFixed(1)).join(" "));
    expect(voiceInPauses).toBeLessThan(-55);
    // Short pauses catch the bed still coming back from the duck: every pause is clearly
    // above silence, and on average the bed is well audible.
    expect(Math.min(...mixInPauses)).toBeGreaterThan(-55);
    expect(mixInPauses.reduce((a, b) => a + b, 0) / mixInPauses.length).toBeGreaterThan(-48);
  });
});

describe("music bed mix", () => {
  it("ducks the bed while the voice speaks and leaves it audible in the pauses", async () => {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "duck-test-"));
    try {
      // A "voice" that is 3 kHz on for 2 s, off for 2 s: far above the bed's band, so the
      // low-passed mix measures the bed alone.
      const voice = path.join(dir, "voice.wav");
      ff(["-f", "lavfi", "-i", "aevalsrc='0.3*sin(2*PI*3000*t)*lt(mod(t,4),2)':s=44100:d=8", "-c:a", "pcm_s16le", voice]);
      const bed = await builtInBedFile("calm", 8, dir);
      const mix = path.join(dir, "mix.wav");
      await mixToWav(voice, bed, -20, 8, mix);
      const speaking = rmsDb(mix, 4.6, 5.8, true);
      const pause = rmsDb(mix, 6.6, 7.6, true);
      // Mutation tried: sidechaincompress ratio 12 → 1 (no ducking): speaking ≈ pause, fails.
      expect(pause).toBeGreaterThan(-42);
      expect(pause - speaking).toBeGreaterThan(8);
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Mean RGB of a region at `t`. */
function meanRgb(file: string, t: number, r: { x: number; y: number; w: number; h: number }): [number, number, number] {
  const px = region(file, t, r);
  const sum = [0, 0, 0];
  for (let i = 0; i + 2 < px.length; i += 3) for (let c = 0; c < 3; c++) sum[c] += px[i + c];
  const n = Math.max(1, px.length / 3);
  return [sum[0] / n, sum[1] / n, sum[2] / n];
}
const hexRgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));
const near = (a: number[], b: number[], tol: number) => a.every((v, i) => Math.abs(v - b[i]) <= tol);
/** Pixels of the region within `tol` of colour `hex`. */
function countNear(file: string, t: number, r: { x: number; y: number; w: number; h: number }, hex: string, tol = 40): number {
  const px = region(file, t, r);
  const c = hexRgb(hex);
  let n = 0;
  for (let i = 0; i + 2 < px.length; i += 3) if (near([px[i], px[i + 1], px[i + 2]], c, tol)) n++;
  return n;
}

describe("composeShort with the studio's word timings and a brand kit", () => {
  let dir: string;
  let board: Storyboard;
  let out: ComposedRendition;
  let words: TimedWord[];
  let lineStarts: number[];
  const brand = (logo: string): ResolvedBrandKit => ({
    logo: { path: logo, position: "top-left", scale: 0.3 },
    colours: { primary: "#06b6d4", background: "#0e3b2e", text: "#ffffff" },
    captionFont: "sans-bold",
    intro: { title: "Acme Weekly", subtitle: "What shipped" },
    outro: { title: "Follow @acme", subtitle: "" },
    watermark: { text: "acme.dev", opacity: 0.8 },
  });

  beforeAll(async () => {
    dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "compose-brand-"));
    const written = writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 });
    const full = planStoryboard(written, FAKE_ITEMS, { aspects: ["9:16"] });
    board = { ...full, scenes: full.scenes.slice(0, 3), music: { bed: "none", volumeDb: -20 } };
    const presenter = path.join(dir, "presenter.mp4");
    ({ words, lineStarts } = await makeTalkingPhoto(board.scenes.map((s) => s.text), presenter, { width: 270, height: 480 }));
    const logo = path.join(dir, "logo.png");
    // A solid green logo: its pixels are easy to find in the frame.
    await fs.promises.writeFile(logo, svgToPng(`<svg xmlns="http://www.w3.org/2000/svg" width="200" height="80"><rect width="200" height="80" fill="#22c55e"/></svg>`));
    // The timings travel next to the presenter file, as the pipeline reads them.
    await fs.promises.writeFile(wordsSidecar(presenter), JSON.stringify(words));
    const fromSidecar = await readStudioWords(presenter);
    [out] = await composeShort({ presenterPath: presenter, board, workDir: path.join(dir, "work"), outPath: () => path.join(dir, "short.mp4"), scale: SCALE, words: fromSidecar, brand: brand(logo) });
  }, 600_000);
  afterAll(async () => {
    if (dir) await fs.promises.rm(dir, { recursive: true, force: true });
  });

  it("times the scenes from the studio's words (each starts just before its first word)", () => {
    // Mutation tried: studioTimings starting scene i at words[k].endSec (first word's end) → 0.3+ s late, fails.
    const t = studioTimings(board.scenes.map((s) => s.text), words)!;
    expect(t).not.toBeNull();
    for (let i = 1; i < lineStarts.length; i++) {
      const firstWord = words[board.scenes.slice(0, i).reduce((n, s) => n + s.text.split(/\s+/).filter(Boolean).length, 0)];
      expect(t.sceneStarts[i]).toBeLessThanOrEqual(firstWord.startSec + 1e-6);
      expect(firstWord.startSec - t.sceneStarts[i]).toBeLessThan(0.2);
      expect(t.sceneStarts[i]).toBeGreaterThan(lineStarts[i] - 0.45);
    }
    // Another script's words do not line up: null, and the composer times from the audio.
    expect(studioTimings(board.scenes.map((s) => s.text), words.slice(1))).toBeNull();
  });

  it("reads word timings only from a well-formed sidecar", async () => {
    const f = path.join(dir, "other.mp4");
    expect(await readStudioWords(f)).toBeUndefined();
    await fs.promises.writeFile(wordsSidecar(f), JSON.stringify([{ text: "a", startSec: 1, endSec: 0.5 }]));
    expect(await readStudioWords(f)).toBeUndefined();
    await fs.promises.writeFile(wordsSidecar(f), "{not json");
    expect(await readStudioWords(f)).toBeUndefined();
    await fs.promises.writeFile(wordsSidecar(f), JSON.stringify({ words: [{ text: "a", startSec: 0.2, endSec: 0.5 }] }));
    expect(await readStudioWords(f)).toEqual([{ text: "a", startSec: 0.2, endSec: 0.5 }]);
  });

  it("opens on the intro card in the kit's background colour and ends after the outro", () => {
    // Mutation tried: intro card not prepended → the first frame is the presenter scene, fails.
    expect(out.durationSec).toBeGreaterThan(lineStarts.at(-1)! + 2 * BRAND_CARD_SECONDS);
    const corner = meanRgb(out.path, 0.1, { x: 2, y: 2, w: 24, h: 24 });
    expect(near(corner, hexRgb("#0e3b2e"), 24), `corner ${corner.map(Math.round)}`).toBe(true);
  });

  it("shows the logo at its corner and the spoken word highlighted in the kit's colour", () => {
    const t0 = BRAND_CARD_SECONDS;
    const lay = shotLayout("9:16", board.scenes[0].layout, SCALE, { logo: { position: "top-left", scale: 0.3, aspect: 2.5 } });
    const logo = lay.logo!;
    // Mutation tried: logo overlay dropped from shotCommand → the corner shows the presenter, fails.
    const inner = { x: logo.x + 4, y: logo.y + 4, w: logo.w - 8, h: logo.h - 8 };
    const m = meanRgb(out.path, t0 + 0.5, inner);
    expect(near(m, hexRgb("#22c55e"), 40), `logo area ${m.map(Math.round)}`).toBe(true);
    // A word in the middle of the first scene: the caption strip holds its highlight colour.
    // Mutation tried: captions: kit.words ignored (no track) → 0 highlighted pixels, fails.
    const w = words[3];
    const cap = captionRect(lay.captions);
    const lit = countNear(out.path, t0 + (w.startSec + w.endSec) / 2, cap, "#06b6d4", 60);
    expect(lit).toBeGreaterThan(15);
    // Before anyone speaks there is no caption (and no highlight).
    expect(countNear(out.path, t0 + Math.max(0.02, words[0].startSec - 0.15), cap, "#06b6d4", 60)).toBeLessThan(3);
  });
});
