/**
 * When each scene is spoken, on the presenter video's clock.
 *
 * The local studio knows its phrase timings; a provider's mp4 (HeyGen, …) does not tell us.
 * So: start from a split proportional to each scene's characters, then snap every boundary
 * to the nearest pause actually heard in the presenter's audio (ffmpeg silencedetect), since
 * every scene ends a sentence and the voice pauses there. Boundaries land on frames.
 */
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
