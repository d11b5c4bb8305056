/**
 * Music beds and the voice/music mix.
 *
 * Built-in beds are synthesised here (soft chord pads, no samples), so they ship with the app
 * with no licence question and are byte-for-byte deterministic: the same bed and length give
 * the same file. A workspace's own upload can be used instead (looped to length).
 *
 * The mix puts the bed at the storyboard's volume and ducks it under the voice with
 * sidechaincompress keyed by the voice itself: loud enough to hear in the pauses, out of the
 * way while the presenter speaks (ffmpeg filter docs, "sidechaincompress", ffmpeg 5.1).
 */
import fs from "node:fs";
import path from "node:path";
import { encodeWav } from "@/lib/render/tts";
import { command, run } from "@/lib/render/ffmpeg";
import type { Storyboard } from "./types";

export type BuiltInBed = Exclude<Extract<Storyboard["music"]["bed"], string>, "none">;

const SAMPLE_RATE = 44100;
const hz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

interface BedRecipe {
  /** Chords as MIDI notes, one per bar. */
  chords: number[][];
  barSec: number;
  /** Plucked notes on each beat from the chord (0 = none): gives "upbeat" its pulse. */
  pulsePerBar: number;
  /** A soft sustained root an octave down. */
  bass: boolean;
}

const RECIPES: Record<BuiltInBed, BedRecipe> = {
  // Am – F – C – G, slow.
  calm: { chords: [[57, 60, 64], [53, 57, 60], [48, 55, 64], [55, 59, 62]], barSec: 4, pulsePerBar: 0, bass: true },
  // C – G – Am – F with a soft pluck on every beat.
  upbeat: { chords: [[60, 64, 67], [55, 59, 62], [57, 60, 64], [53, 57, 65]], barSec: 2, pulsePerBar: 4, bass: true },
  // Dm9-ish drone, barely moving.
  focus: { chords: [[50, 57, 60, 64], [50, 55, 60, 62]], barSec: 6, pulsePerBar: 0, bass: false },
};

/**
 * The bed's samples (mono, 16-bit). Pads swell in over 0.8 s and cross-fade between bars;
 * the whole bed fades in and out over a second. Peak about -6 dBFS.
 */
export function synthBed(bed: BuiltInBed, durationSec: number, sampleRate = SAMPLE_RATE): Int16Array {
  const r = RECIPES[bed];
  const n = Math.max(1, Math.round(durationSec * sampleRate));
  const out = new Float32Array(n);
  const bars = Math.ceil(durationSec / r.barSec) + 1;
  const xf = Math.min(1, r.barSec / 3);
  for (let b = 0; b < bars; b++) {
    const chord = r.chords[b % r.chords.length];
    const t0 = b * r.barSec;
    const s0 = Math.max(0, Math.floor((t0 - xf) * sampleRate));
    const s1 = Math.min(n, Math.ceil((t0 + r.barSec + xf) * sampleRate));
    const notes = r.bass ? [...chord, chord[0] - 12] : chord;
    for (let i = s0; i < s1; i++) {
      const t = i / sampleRate;
      const local = t - t0;
      // Trapezoid envelope with raised-cosine edges so bars blend without clicks.
      const up = local < 0.8 ? 0.5 - 0.5 * Math.cos((Math.PI * Math.max(0, local + xf)) / (0.8 + xf)) : 1;
      const down = local > r.barSec ? 0.5 + 0.5 * Math.cos((Math.PI * (local - r.barSec)) / xf) : 1;
      const env = Math.max(0, Math.min(up, down));
      let v = 0;
      for (const m of notes) {
        const f = hz(m);
        // Two slightly detuned partials + a quiet octave: a soft, chorused pad.
        v += Math.sin(2 * Math.PI * f * t) + 0.6 * Math.sin(2 * Math.PI * f * 1.004 * t) + 0.15 * Math.sin(4 * Math.PI * f * t);
      }
      out[i] += (env * v) / (notes.length * 1.75);
    }
    if (r.pulsePerBar) {
      const beat = r.barSec / r.pulsePerBar;
      for (let k = 0; k < r.pulsePerBar; k++) {
        const f = hz(chord[k % chord.length] + 12);
        const b0 = Math.floor((t0 + k * beat) * sampleRate);
        const b1 = Math.min(n, b0 + Math.floor(beat * sampleRate));
        for (let i = Math.max(0, b0); i < b1; i++) {
          const lt = (i - b0) / sampleRate;
          out[i] += 0.35 * Math.exp(-lt * 9) * Math.sin(2 * Math.PI * f * lt);
        }
      }
    }
  }
  const pcm = new Int16Array(n);
  const fade = Math.min(sampleRate, Math.floor(n / 4));
  for (let i = 0; i < n; i++) {
    const edge = Math.min(1, i / fade, (n - 1 - i) / fade);
    pcm[i] = Math.max(-32767, Math.min(32767, Math.round(out[i] * edge * 0.5 * 32767)));
  }
  return pcm;
}

/** Writes (or reuses) the built-in bed as a WAV in `dir`; the name carries bed and length. */
export async function builtInBedFile(bed: BuiltInBed, durationSec: number, dir: string): Promise<string> {
  const sec = Math.ceil(durationSec + 1);
  const file = path.join(dir, `bed-${bed}-${sec}s.wav`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.part-${process.pid}`;
    await fs.promises.writeFile(tmp, encodeWav(synthBed(bed, sec), SAMPLE_RATE));
    await fs.promises.rename(tmp, file);
  }
  return file;
}

/** Ducking: fast attack so the first syllable is clear, slow release so the bed does not pump. */
export const DUCK = { threshold: 0.02, ratio: 12, attackMs: 15, releaseMs: 300 } as const;

/**
 * Filter-graph text mixing `voice` with `bed` into `[out]`. The labels are ours (never user
 * text); volumeDb is a validated number. The bed input must already be long enough (loop it
 * with -stream_loop on the input).
 */
export function mixFilter(voice: string, bed: string, volumeDb: number, durationSec: number, out: string): string {
  const vol = Math.max(-60, Math.min(0, Number(volumeDb) || 0)).toFixed(1);
  const d = durationSec.toFixed(3);
  return (
    `[${voice}]aformat=sample_rates=44100:channel_layouts=mono,asplit=2[vx][vsc];` +
    `[${bed}]aformat=sample_rates=44100:channel_layouts=mono,atrim=0:${d},volume=${vol}dB[bedv];` +
    `[bedv][vsc]sidechaincompress=threshold=${DUCK.threshold}:ratio=${DUCK.ratio}:attack=${DUCK.attackMs}:release=${DUCK.releaseMs}[duck];` +
    `[vx][duck]amix=inputs=2:duration=first:normalize=0,alimiter=limit=0.95:level=disabled[${out}]`
  );
}

/** Mixes a voice file with a bed file into a WAV (the composer does the same inside its mux). */
export async function mixToWav(voicePath: string, bedPath: string, volumeDb: number, durationSec: number, outPath: string): Promise<void> {
  await run(
    command()
      .input(voicePath)
      .input(bedPath)
      .inputOptions(["-stream_loop", "-1"])
      .complexFilter(mixFilter("0:a", "1:a", volumeDb, durationSec, "a"))
      .outputOptions(["-map", "[a]", "-c:a", "pcm_s16le", "-t", durationSec.toFixed(3)])
      .output(outPath),
    { label: "mix music under the voice" },
  );
}
