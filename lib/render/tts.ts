/**
 * Offline speech: eSpeak-NG compiled to WASM (the `espeak-ng` npm package; voices ship inside
 * the package, nothing is downloaded at run time). The script is split into phrases, each is
 * synthesised on its own so we know exactly when it starts and ends; silences are trimmed and
 * replaced by controlled pauses (longer at sentence ends, shorter at clause breaks).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { AppError } from "@/lib/errors";
import { alignWords, compiledFlite, flitePronunciations, fliteSynth, fliteWorkDir, spokenCore, type FliteVoice, type TimedPhone, type TimedWord } from "./flite";

const require = createRequire(import.meta.url);

/**
 * Loaded at run time by Node, not by the bundler: the package locates its WASM with
 * `new URL("./", import.meta.url)`, which Next's build cannot trace.
 */
const ESPEAK_MODULE = ["espeak", "ng"].join("-");
async function loadESpeakNg(): Promise<typeof import("espeak-ng").default> {
  const mod = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ ESPEAK_MODULE)) as { default: typeof import("espeak-ng").default };
  return mod.default;
}

/** The 18 MB eSpeak WASM is compiled once per process and instantiated per phrase. */
let compiled: Promise<WebAssembly.Module | null> | null = null;
function compiledEspeak(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    try {
      const file = path.join(path.dirname(require.resolve(ESPEAK_MODULE)), "espeak-ng.wasm");
      return await WebAssembly.compile(await fs.promises.readFile(file));
    } catch {
      return null; // let the package load it its own way
    }
  })();
  return compiled;
}

export interface VoiceSpec {
  /** eSpeak voice with variant, e.g. "en-us+f3". */
  espeakVoice: string;
  /** Base rate in words per minute at speed 1.0. */
  wpm: number;
  /** eSpeak pitch 0–99. */
  pitch: number;
  /** Flite voice for English presenters; eSpeak-NG is the fallback (other languages, no Flite). */
  flite?: FliteVoice;
}

export type SpeechEngine = "flite" | "espeak-ng";

export interface SpeechPhrase {
  text: string;
  startSec: number;
  endSec: number;
  /** Ends a sentence (a longer pause follows). */
  sentenceEnd: boolean;
}

export interface Speech {
  sampleRate: number;
  /** Mono 16-bit PCM including lead-in, pauses and tail. */
  pcm: Int16Array;
  durationSec: number;
  phrases: SpeechPhrase[];
  /** Every whitespace-separated script token with its spoken time (unspoken ones: zero length). */
  words: TimedWord[];
  /** Phones on the audio clock (Flite only; empty for eSpeak, whose lips follow loudness). */
  phones: TimedPhone[];
  engine: SpeechEngine;
  /** Voice used, e.g. "slt" or "en-us+f3". */
  voiceName: string;
}

const LEAD_IN_SEC = 0.25;
const TAIL_SEC = 0.45;
const SENTENCE_PAUSE_SEC = 0.38;
const CLAUSE_PAUSE_SEC = 0.14;

/** Splits a script into speakable phrases: sentences, and long sentences at clause breaks. */
export function splitPhrases(script: string): { text: string; sentenceEnd: boolean }[] {
  const norm = script.replace(/\r\n?/g, "\n").replace(/[ \t\u00a0]+/g, " ").trim();
  const out: { text: string; sentenceEnd: boolean }[] = [];
  // Sentences end at . ! ? … (and their CJK / Arabic forms) followed by space, or at blank lines.
  const sentences = norm
    .split(/(?<=[.!?…。！？؟])\s+|\n\s*\n|\n(?=\s*[-*•])/u)
    .map((s) => s.replace(/\s*\n\s*/g, " ").trim())
    .filter(Boolean);
  for (const s of sentences) {
    if (s.length <= 90) {
      out.push({ text: s, sentenceEnd: true });
      continue;
    }
    // Long sentence: split after , ; : — while keeping chunks of a sensible size.
    const parts = s.split(/(?<=[,;:—–、，；：])\s+/u);
    let cur = "";
    for (const p of parts) {
      if (cur && (cur.length + p.length > 90 || cur.length >= 40)) {
        out.push({ text: cur, sentenceEnd: false });
        cur = p;
      } else cur = cur ? `${cur} ${p}` : p;
    }
    if (cur) out.push({ text: cur, sentenceEnd: true });
  }
  // Hard-wrap any phrase that is still very long (no punctuation at all).
  const final: { text: string; sentenceEnd: boolean }[] = [];
  for (const ph of out) {
    if (ph.text.length <= 160) {
      final.push(ph);
      continue;
    }
    const words = ph.text.split(" ");
    let cur = "";
    for (const w of words) {
      if (cur && cur.length + w.length + 1 > 120) {
        final.push({ text: cur, sentenceEnd: false });
        cur = w;
      } else cur = cur ? `${cur} ${w}` : w;
    }
    if (cur) final.push({ text: cur, sentenceEnd: ph.sentenceEnd });
  }
  return final;
}

interface EspeakModule {
  FS: { readFile(p: string): Uint8Array; writeFile(p: string, d: string | Uint8Array): void };
}

/** Plain text for eSpeak: no SSML, no control characters. */
function speakable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, " ");
}

async function runEspeak(text: string, voice: VoiceSpec, speed: number, ssml: boolean): Promise<{ pcm: Int16Array; sampleRate: number }> {
  const rate = Math.round(Math.min(450, Math.max(80, voice.wpm * speed)));
  let mod: EspeakModule;
  const wasm = await compiledEspeak();
  try {
    mod = (await (await loadESpeakNg())({
      ...(wasm
        ? {
            instantiateWasm: (imports: WebAssembly.Imports, receive: (i: WebAssembly.Instance, m: WebAssembly.Module) => void) => {
              void WebAssembly.instantiate(wasm, imports).then((inst) => receive(inst, wasm));
              return {};
            },
          }
        : {}),
      // Text goes in through a file in the WASM FS: never parsed as a command-line option.
      arguments: [
        "-v", voice.espeakVoice, "-s", String(rate), "-p", String(voice.pitch), "-b", "1",
        ...(ssml ? ["-m"] : []),
        "-f", "/in.txt", "-w", "/out.wav",
      ],
      preRun: [(m: EspeakModule) => m.FS.writeFile("/in.txt", text)],
      print: () => undefined,
      printErr: () => undefined,
    })) as EspeakModule;
  } catch (e) {
    throw new AppError("internal", `Speech synthesis failed: ${(e as Error).message}`);
  }
  return parseWav(mod.FS.readFile("/out.wav"));
}

const MARK_BREAK_MS = 1500;
const SILENCE_THR = 180;

/** Silent runs of at least minSec: [startSample, endSample). */
function silentRuns(pcm: Int16Array, sampleRate: number, minSec: number): [number, number][] {
  const min = Math.round(minSec * sampleRate);
  const runs: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= pcm.length; i++) {
    const quiet = i < pcm.length && Math.abs(pcm[i]) < SILENCE_THR;
    if (quiet && start < 0) start = i;
    else if (!quiet && start >= 0) {
      if (i - start >= min) runs.push([start, i]);
      start = -1;
    }
  }
  return runs;
}

/**
 * All phrases in one eSpeak run (instantiating eSpeak costs ~0.2 s, so per-phrase runs are
 * slow): phrases are joined by long SSML breaks, which are then found in the audio and cut.
 * Falls back to one run per phrase if the cut does not yield exactly one piece per phrase.
 */
async function synthPhrases(texts: string[], voice: VoiceSpec, speed: number): Promise<{ pieces: Int16Array[]; sampleRate: number }> {
  if (texts.length > 1) {
    const ssml = `<speak>${texts.map((t) => xmlText(speakable(t))).join(`<break time="${MARK_BREAK_MS}ms"/>`)}</speak>`;
    const r = await runEspeak(ssml, voice, speed, true);
    const inner = trimSilence(r.pcm, r.sampleRate);
    const base = inner.byteOffset / 2 - r.pcm.byteOffset / 2;
    const gaps = silentRuns(inner, r.sampleRate, (MARK_BREAK_MS / 1000) * 0.8);
    if (gaps.length === texts.length - 1) {
      const pieces: Int16Array[] = [];
      let a = 0;
      for (const [gs, ge] of gaps) {
        pieces.push(trimSilence(r.pcm.subarray(base + a, base + gs), r.sampleRate));
        a = ge;
      }
      pieces.push(trimSilence(inner.subarray(a), r.sampleRate));
      if (pieces.every((p) => p.length > 0)) return { pieces, sampleRate: r.sampleRate };
    }
  }
  const pieces: Int16Array[] = [];
  let sampleRate = 22050;
  for (const t of texts) {
    const r = await runEspeak(speakable(t), voice, speed, false);
    sampleRate = r.sampleRate;
    pieces.push(trimSilence(r.pcm, r.sampleRate));
  }
  return { pieces, sampleRate };
}

function xmlText(t: string): string {
  return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Minimal RIFF/WAVE reader for 16-bit mono PCM (what eSpeak writes). */
export function parseWav(buf: Uint8Array): { pcm: Int16Array; sampleRate: number } {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (buf.byteLength < 12 || dv.getUint32(0, false) !== 0x52494646) throw new AppError("internal", "TTS produced no WAV data");
  let off = 12;
  let sampleRate = 22050;
  let channels = 1;
  while (off + 8 <= buf.byteLength) {
    const id = dv.getUint32(off, false);
    let size = dv.getUint32(off + 4, true);
    const body = off + 8;
    if (id === 0x666d7420) {
      channels = dv.getUint16(body + 2, true);
      sampleRate = dv.getUint32(body + 4, true);
    } else if (id === 0x64617461) {
      // eSpeak streams the header before knowing the length: trust the file size.
      if (size === 0 || size === 0xffffffff || body + size > buf.byteLength) size = buf.byteLength - body;
      const n = Math.floor(size / 2 / channels);
      const pcm = new Int16Array(n);
      for (let i = 0; i < n; i++) pcm[i] = dv.getInt16(body + i * 2 * channels, true);
      return { pcm, sampleRate };
    }
    off = body + size + (size & 1);
  }
  throw new AppError("internal", "TTS WAV has no data chunk");
}

/** Removes leading/trailing near-silence (keeps a few ms so consonants are not clipped). */
function trimSilence(pcm: Int16Array, sampleRate: number): Int16Array {
  const thr = SILENCE_THR;
  const pad = Math.round(sampleRate * 0.02);
  let a = 0;
  while (a < pcm.length && Math.abs(pcm[a]) < thr) a++;
  let b = pcm.length - 1;
  while (b > a && Math.abs(pcm[b]) < thr) b--;
  if (a >= b) return new Int16Array(0);
  return pcm.subarray(Math.max(0, a - pad), Math.min(pcm.length, b + pad + 1));
}

interface Piece {
  pcm: Int16Array;
  /** Phones and words relative to the start of this piece. */
  phones: TimedPhone[];
  words: TimedWord[];
}

/** Flite: one run per phrase (exact phone times), trimmed to its voiced part. */
async function flitePieces(texts: string[], voice: FliteVoice, speed: number, signal?: AbortSignal): Promise<{ pieces: Piece[]; sampleRate: number }> {
  const dir = await fliteWorkDir();
  try {
    const tokens = texts.map((t) => t.split(/\s+/).filter(Boolean));
    const spokenTokens = tokens.flat().filter((t) => spokenCore(t));
    // Pronunciations (for word boundaries) are looked up once for the whole script.
    const pronsP = flitePronunciations(dir, spokenTokens.map(spokenCore)).catch(() => null);
    const synth: { pcm: Int16Array; sampleRate: number; phones: TimedPhone[] }[] = [];
    const scratch = await Promise.all(texts.map((_, i) => fs.promises.mkdir(path.join(dir, String(i))).then(() => path.join(dir, String(i)))));
    // Two phrases in flight: the child always has the next one queued, so it keeps working
    // while this thread is busy composing frames (render.ts does that during speech).
    let next = 0;
    const worker = async () => {
      while (next < texts.length) {
        // Stop between phrases once cancelled.
        if (signal?.aborted) throw new AppError("gone", "Render cancelled.", { cancelled: true });
        const i = next++;
        synth[i] = await fliteSynth(scratch[i], texts[i], voice, speed, parseWav);
      }
    };
    await Promise.all([worker(), worker()]);
    const prons = await pronsP;
    let k = 0;
    const sampleRate = synth[0]?.sampleRate ?? 16000;
    const pieces: Piece[] = synth.map((r, i) => {
      const myProns = prons ? tokens[i].map((t) => (spokenCore(t) ? prons[k++] : [])) : null;
      const voiced = r.phones.filter((p) => p.phone !== "pau");
      const from = Math.max(0, (voiced[0]?.startSec ?? 0) - 0.03);
      const to = Math.min(r.pcm.length / r.sampleRate, (voiced.at(-1)?.endSec ?? r.pcm.length / r.sampleRate) + 0.06);
      const pcm = r.pcm.subarray(Math.round(from * r.sampleRate), Math.round(to * r.sampleRate));
      const shift = <T extends { startSec: number; endSec: number }>(x: T): T => ({ ...x, startSec: Math.max(0, x.startSec - from), endSec: Math.max(0, Math.min(to, x.endSec) - from) });
      const phones = r.phones.filter((p) => p.endSec > from && p.startSec < to).map(shift);
      return { pcm, phones, words: alignWords(tokens[i], myProns, r.phones).map(shift) };
    });
    return { pieces, sampleRate };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** eSpeak: words spread over each phrase by their share of letters. */
async function espeakPieces(texts: string[], voice: VoiceSpec, speed: number): Promise<{ pieces: Piece[]; sampleRate: number }> {
  const { pieces, sampleRate } = await synthPhrases(texts, voice, speed);
  return {
    sampleRate,
    pieces: pieces.map((pcm, i) => {
      const tokens = texts[i].split(/\s+/).filter(Boolean);
      const dur = pcm.length / sampleRate;
      const weights = tokens.map((t) => (spokenCore(t) ? [...t].length + 1 : 0));
      const total = weights.reduce((a, b) => a + b, 0) || 1;
      let t = 0;
      const words = tokens.map((text, j) => {
        const start = t;
        t += (dur * weights[j]) / total;
        return { text, startSec: start, endSec: t };
      });
      return { pcm, phones: [], words };
    }),
  };
}

/** Which engine and voice a presenter speaks with on this machine (for Settings / create). */
export async function speechEngineFor(voice: VoiceSpec): Promise<{ engine: SpeechEngine; voice: string }> {
  if (voice.flite && (await compiledFlite())) return { engine: "flite", voice: voice.flite.voice };
  return { engine: "espeak-ng", voice: voice.espeakVoice };
}

/** True when at least 80% of the letters are Latin (Flite's English front end can read it). */
export function latinScript(text: string): boolean {
  const letters = text.match(/\p{L}/gu) ?? [];
  const latin = letters.filter((c) => /\p{Script=Latin}/u.test(c)).length;
  return letters.length > 0 && latin / letters.length >= 0.8;
}

/** Synthesises the whole script; phrase, word and phone timings on the final audio's clock. */
export async function synthesizeSpeech(script: string, voice: VoiceSpec, speed: number, signal?: AbortSignal): Promise<Speech> {
  const phrases = splitPhrases(script);
  if (!phrases.length) throw new AppError("bad_request", "Script is empty: write at least one sentence.");
  const texts = phrases.map((p) => p.text);
  // Flite only knows English: scripts mostly in other scripts (CJK, Arabic…) go to eSpeak-NG.
  const used = await speechEngineFor(latinScript(script) ? voice : { ...voice, flite: undefined });
  const { pieces, sampleRate } = used.engine === "flite" ? await flitePieces(texts, voice.flite!, speed, signal) : await espeakPieces(texts, voice, speed);
  const chunks: Int16Array[] = [];
  const timed: SpeechPhrase[] = [];
  const words: TimedWord[] = [];
  const phones: TimedPhone[] = [];
  let cursor = 0;
  const silence = (sec: number) => {
    const n = Math.round(sec * sampleRate);
    chunks.push(new Int16Array(n));
    cursor += n;
  };
  silence(LEAD_IN_SEC);
  for (let i = 0; i < phrases.length; i++) {
    const ph = phrases[i];
    const piece = pieces[i];
    const start = cursor;
    const t0 = start / sampleRate;
    chunks.push(piece.pcm);
    cursor += piece.pcm.length;
    timed.push({ text: ph.text, startSec: t0, endSec: cursor / sampleRate, sentenceEnd: ph.sentenceEnd });
    for (const w of piece.words) words.push({ text: w.text, startSec: w.startSec + t0, endSec: w.endSec + t0 });
    for (const p of piece.phones) phones.push({ phone: p.phone, startSec: p.startSec + t0, endSec: p.endSec + t0 });
    if (i < phrases.length - 1) silence((ph.sentenceEnd ? SENTENCE_PAUSE_SEC : CLAUSE_PAUSE_SEC) / Math.sqrt(speed));
  }
  silence(TAIL_SEC);
  const pcm = new Int16Array(cursor);
  let o = 0;
  for (const c of chunks) {
    pcm.set(c, o);
    o += c.length;
  }
  return { sampleRate, pcm, durationSec: pcm.length / sampleRate, phrases: timed, words, phones, engine: used.engine, voiceName: used.voice };
}

/** 16-bit mono WAV bytes. */
export function encodeWav(pcm: Int16Array, sampleRate: number): Buffer {
  const data = Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVE", 8);
  h.write("fmt ", 12);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** RMS loudness per video frame, normalised 0..1 against the loud end of the speech. */
export function energyPerFrame(speech: Pick<Speech, "pcm" | "sampleRate">, fps: number, frames: number): Float32Array {
  const out = new Float32Array(frames);
  const spf = speech.sampleRate / fps;
  for (let f = 0; f < frames; f++) {
    const a = Math.floor(f * spf);
    const b = Math.min(speech.pcm.length, Math.floor((f + 1) * spf));
    let sum = 0;
    for (let i = a; i < b; i++) sum += speech.pcm[i] * speech.pcm[i];
    out[f] = b > a ? Math.sqrt(sum / (b - a)) : 0;
  }
  const voiced = Array.from(out).filter((v) => v > 300).sort((x, y) => x - y);
  const ref = voiced.length ? voiced[Math.floor(voiced.length * 0.9)] : 1;
  for (let f = 0; f < frames; f++) out[f] = Math.min(1, out[f] / ref);
  return out;
}
