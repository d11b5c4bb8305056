/**
 * When each scene is spoken, on the presenter video's clock.
 *
 * The local studio knows its phrase timings; a provider's mp4 (HeyGen, …) does not tell us.
 * So: start from a split proportional to each scene's characters, then snap every boundary
 * to the nearest pause actually heard in the presenter's audio (ffmpeg silencedetect), since
 * every scene ends a sentence and the voice pauses there. Boundaries land on frames.
 */
import fs from "node:fs";
import { command, run } from "@/lib/render/ffmpeg";

export interface Span {
  start: number;
  end: number;
}

export interface Silence {
  start: number;
  end: number;
}

/** Pauses in the file's audio (≥ 0.2 s under -35 dB). */
export async function detectSilences(mediaPath: string, signal?: AbortSignal): Promise<Silence[]> {
  const out: Silence[] = [];
  let open: number | null = null;
  const cmd = command()
    .input(mediaPath)
    .outputOptions(["-vn", "-af", "silencedetect=noise=-35dB:d=0.2", "-f", "null"])
    .output("-")
    .on("stderr", (line: string) => {
      const s = /silence_start: (-?[\d.]+)/.exec(line);
      if (s) open = Math.max(0, Number(s[1]));
      const e = /silence_end: ([\d.]+)/.exec(line);
      if (e && open !== null) {
        out.push({ start: open, end: Number(e[1]) });
        open = null;
      }
    });
  await run(cmd, { label: "find the pauses in the voice", signal });
  return out;
}

/**
 * Scene spans covering [0, durationSec], frame-aligned. `known` (scene start times from the
 * renderer) wins; else proportional by characters, snapped to pauses within ±1.5 s.
 */
export function sceneSpans(texts: string[], durationSec: number, fps: number, opts: { known?: number[]; silences?: Silence[] } = {}): Span[] {
  const n = texts.length;
  const frame = (t: number) => Math.round(t * fps) / fps;
  let starts: number[];
  if (opts.known && opts.known.length === n) {
    starts = opts.known.map((t, i) => (i === 0 ? 0 : t));
  } else {
    // Each paragraph also costs a pause; weight = characters + a fixed share for it.
    const w = texts.map((t) => t.trim().length + 12);
    const total = w.reduce((a, b) => a + b, 0);
    starts = [0];
    let acc = 0;
    for (let i = 0; i < n - 1; i++) {
      acc += w[i];
      starts.push((acc / total) * durationSec);
    }
    const sil = (opts.silences ?? []).filter((s) => s.end < durationSec - 0.1);
    for (let i = 1; i < n; i++) {
      const target = starts[i];
      let best: number | null = null;
      for (const s of sil) {
        // Cut just before the next scene's first word: late in the pause, not in its middle.
        const cut = Math.max(s.start, s.end - 0.12);
        if (Math.abs(cut - target) <= 1.5 && (best === null || Math.abs(cut - target) < Math.abs(best - target))) best = cut;
      }
      if (best !== null) starts[i] = best;
    }
  }
  // Monotonic with at least 0.5 s per scene, on frame boundaries.
  const minLen = Math.min(0.5, durationSec / n);
  const spans: Span[] = [];
  for (let i = 0; i < n; i++) {
    const lo = i === 0 ? 0 : spans[i - 1].start + minLen;
    const hi = durationSec - (n - i) * minLen;
    const start = i === 0 ? 0 : frame(Math.min(hi, Math.max(lo, starts[i])));
    if (i > 0) spans[i - 1].end = start;
    spans.push({ start, end: frame(durationSec) });
  }
  return spans;
}

// ---------------------------------------------------------------- word timings (captions)

/** A script token with its spoken time on the presenter clock (lib/render's TimedWord shape). */
export interface TimedWord {
  text: string;
  startSec: number;
  endSec: number;
}

/** Whitespace tokens of each scene, as the studio tokenises the storyboard's script. */
export const sceneTokens = (texts: string[]) => texts.map((t) => t.split(/\s+/).filter(Boolean));

/**
 * Word times for captions when the presenter came without them (a provider's mp4): each
 * scene's tokens share its span by characters, after a short lead-in and before a short tail
 * (the pause the span was cut in).
 */
export function evenWords(texts: string[], spans: Span[]): TimedWord[] {
  const out: TimedWord[] = [];
  sceneTokens(texts).forEach((toks, i) => {
    const { start, end } = spans[i];
    const lead = Math.min(0.15, (end - start) * 0.05);
    const tail = Math.min(0.3, (end - start) * 0.1);
    const from = start + lead;
    const span = Math.max(0, end - tail - from);
    const total = toks.reduce((n, t) => n + t.length + 1, 0) || 1;
    let t = from;
    for (const tok of toks) {
      const d = (span * (tok.length + 1)) / total;
      out.push({ text: tok, startSec: t, endSec: t + d });
      t += d;
    }
  });
  return out;
}

/**
 * Scene starts and caption words from the local studio's word timings (Speech.words, one per
 * whitespace token of the script it spoke: storyboardScript(board)). Each scene starts late in
 * the pause before its first word. Null when the tokens do not line up (another script was
 * spoken): the caller then times from the audio.
 */
export function studioTimings(texts: string[], words: TimedWord[]): { sceneStarts: number[]; words: TimedWord[] } | null {
  const toks = sceneTokens(texts);
  const count = toks.reduce((n, t) => n + t.length, 0);
  if (count !== words.length || toks.some((t) => !t.length)) return null;
  const sceneStarts: number[] = [];
  let k = 0;
  for (let i = 0; i < toks.length; i++) {
    if (i === 0) sceneStarts.push(0);
    else {
      const prevEnd = words[k - 1].endSec;
      const first = words[k].startSec;
      sceneStarts.push(Math.max(prevEnd, first - 0.12));
    }
    k += toks[i].length;
  }
  return { sceneStarts, words: words.map((w) => ({ text: w.text, startSec: w.startSec, endSec: w.endSec })) };
}

/** Where a presenter file's word timings travel with it (written by the producer of the file). */
export const wordsSidecar = (presenterPath: string) => `${presenterPath}.words.json`;

/**
 * The local studio's word timings for a presenter file, from its sidecar
 * (`<file>.words.json`: [{ text, startSec, endSec }, …] on the file's clock), or undefined when
 * the file came without them (a provider's mp4) or the sidecar is unreadable — the composer then
 * times scenes from the audio, which is always correct, only less exact.
 */
export async function readStudioWords(presenterPath: string): Promise<TimedWord[] | undefined> {
  let raw: string;
  try {
    raw = await fs.promises.readFile(wordsSidecar(presenterPath), "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(raw);
    const list = Array.isArray(parsed) ? parsed : (parsed as { words?: unknown })?.words;
    if (!Array.isArray(list) || list.length > 20_000) return undefined;
    const ok = list.every((w) => w && typeof w.text === "string" && Number.isFinite(w.startSec) && Number.isFinite(w.endSec) && w.endSec >= w.startSec);
    return ok ? list.map((w) => ({ text: String(w.text), startSec: Number(w.startSec), endSec: Number(w.endSec) })) : undefined;
  } catch {
    return undefined;
  }
}
