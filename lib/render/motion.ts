/**
 * Idle life for the presenter: a breathing bob (down and up over 4 s) and a slow sideways
 * sway (6.8 s), in whole 2-pixel steps so every offset is exact in yuv420p.
 *
 * Cost model: the presenter moves as a whole inside its card, so a handful of pre-composed
 * "pose" images (one per offset actually used) go to ffmpeg as ONE concat stream whose frames
 * change only when the pose does; the face patch follows with the same offsets through an
 * overlay x/y expression on the frame number `n`. No per-frame work in JS, and the filter graph
 * stays at a fixed, small number of overlays.
 *
 * The expressions and `poseAt` must agree exactly: both are integer steps of
 * floor(n / 6) and floor(n / 12), and the rounding inputs never land on .5 (checked in
 * motion.test.ts), so C's round() and Math.round() agree. Steps fall on multiples of 6 frames
 * (0.2 s), which are exact in the concat demuxer's 1/25 s image time base.
 */
import type { Layout, Rect } from "./layout";
import { blendPixel, type Rgba } from "./raster";

export const POSE_STEP_Y = 6;
export const POSE_STEP_X = 12;

/** Offset (px) of the presenter at video frame `n`. */
export function poseAt(n: number): { dx: number; dy: number } {
  const ky = Math.floor(n / POSE_STEP_Y);
  const kx = Math.floor(n / POSE_STEP_X);
  const dy = 2 * Math.round(2 * (1 - Math.cos((2 * Math.PI * ky) / 20)));
  const dx = 2 * Math.round(1.2 * Math.sin((2 * Math.PI * kx) / 17));
  return { dx, dy };
}

/** ffmpeg overlay expressions for the same offsets added to (x, y). */
export function poseExpr(x: number, y: number): { x: string; y: string } {
  return {
    x: `${x}+2*round(1.2*sin(2*PI*floor(n/${POSE_STEP_X})/17))`,
    y: `${y}+2*round(2*(1-cos(2*PI*floor(n/${POSE_STEP_Y})/20)))`,
  };
}

export const MAX_POSE_SHIFT = { x: 2, y: 8 } as const;

export interface PoseRun {
  dx: number;
  dy: number;
  startFrame: number;
  frames: number;
}

/** Runs of equal poses over `frames` video frames (one concat entry each). */
export function poseRuns(frames: number): PoseRun[] {
  const runs: PoseRun[] = [];
  for (let n = 0; n < frames; n++) {
    const p = poseAt(n);
    const last = runs.at(-1);
    if (last && last.dx === p.dx && last.dy === p.dy) last.frames++;
    else runs.push({ ...p, startFrame: n, frames: 1 });
  }
  return runs;
}

const even = (n: number) => Math.round(n / 2) * 2;

/** The part of the frame a pose image covers: the presenter's frame plus its ring, inside the video. */
export function poseRegion(L: Layout): Rect {
  const f = L.frame;
  const pad = 12;
  const r = f.kind === "card" ? { x: f.rect.x - pad, y: f.rect.y - pad, w: f.rect.w + 2 * pad, h: f.rect.h + 2 * pad } : { x: f.cx - f.r - pad - 8, y: f.cy - f.r - pad - 8, w: 2 * (f.r + pad + 8), h: 2 * (f.r + pad + 8) };
  const x0 = Math.max(0, even(r.x));
  const y0 = Math.max(0, even(r.y));
  const x1 = Math.min(L.width, even(r.x + r.w));
  const y1 = Math.min(L.height, even(r.y + r.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Whether frame pixel (X, Y) lies inside the presenter's card / disc (hard edge: the ring covers it). */
function insideFrame(L: Layout, X: number, Y: number): boolean {
  const f = L.frame;
  if (f.kind === "circle") return (X - f.cx) ** 2 + (Y - f.cy) ** 2 <= f.r * f.r;
  const { x, y, w, h } = f.rect;
  if (X < x || X >= x + w || Y < y || Y >= y + h) return false;
  const r = f.radius;
  const cx = X < x + r ? x + r : X >= x + w - r ? x + w - r : X;
  const cy = Y < y + r ? y + r : Y >= y + h - r ? y + h - r : Y;
  return (X - cx) ** 2 + (Y - cy) ** 2 <= r * r;
}

/**
 * Draws the presenter shifted by (dx, dy) into `dst` (a crop of the frame at `region`, without
 * the presenter), clipped to the card, then the ring on top. `avatar` and `ring` are rasters of
 * the same region.
 */
export function composePose(L: Layout, region: Rect, dst: Rgba, avatar: Rgba, ring: Rgba, dx: number, dy: number): void {
  const d = dst.data;
  const s = avatar.data;
  const W = region.w;
  for (let y = 0; y < region.h; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= region.h) continue;
    for (let x = 0; x < W; x++) {
      const sx = x - dx;
      if (sx < 0 || sx >= W) continue;
      const si = (sy * W + sx) * 4;
      if (s[si + 3] === 0 || !insideFrame(L, region.x + x, region.y + y)) continue;
      blendPixel(d, (y * W + x) * 4, s, si);
    }
  }
  const r = ring.data;
  for (let i = 0; i < r.length; i += 4) {
    const a = r[i + 3];
    if (a === 0) continue;
    const k = (255 - a) / 255;
    d[i] = r[i] + d[i] * k;
    d[i + 1] = r[i + 1] + d[i + 1] * k;
    d[i + 2] = r[i + 2] + d[i + 2] * k;
    d[i + 3] = a + d[i + 3] * k;
  }
}

// ---------------------------------------------------------------- brows on emphasis

export interface SpokenWord {
  text: string;
  startSec: number;
  endSec: number;
}

/** Common stress words: speakers lift their brows on them ("really", "never", "every"). */
const STRESS_WORDS = new Set(["really", "never", "always", "every", "huge", "best", "worst", "only", "must", "free", "new", "now", "wow", "amazing", "secret"]);

/**
 * Which words the presenter stresses, from the script alone: numbers (digits or %), a word
 * closing an exclamation or a question, words in capitals, common stress words, plus — seeded
 * by `seed`, so the same script and presenter always look the same — about one in six long
 * words, so long plain stretches are not expressionless.
 */
export function emphasisedWords(words: Pick<SpokenWord, "text">[], seed: string): boolean[] {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  return words.map((w, i) => {
    const core = w.text.replace(/[^\p{L}\p{N}%]/gu, "");
    if (!core) return false;
    if (/\p{N}/u.test(core) || core.includes("%")) return true;
    if (/[!?！？؟]["')\]]*$/u.test(w.text)) return true;
    if (core.length >= 2 && core === core.toUpperCase() && core !== core.toLowerCase()) return true;
    if (STRESS_WORDS.has(core.toLowerCase())) return true;
    const r = (Math.imul(h ^ (i + 1), 2654435761) >>> 0) % 6;
    return core.length >= 8 && r === 0;
  });
}

/** Brows go up this long before the stressed word (anticipation) and stay up after it. */
export const BROW_LEAD_SEC = 0.08;
export const BROW_HOLD_SEC = 0.25;
/** Shortest lift worth showing (a flick shorter than this reads as a glitch). */
const BROW_MIN_SEC = 0.35;

/**
 * Per video frame: brows raised. Raised from just before each stressed word until a moment
 * after it; never in silence before the first word, and lifts closer than a short gap merge so
 * the brows do not flutter. Blinks take precedence where the caller draws both.
 */
export function browTrack(words: SpokenWord[], frames: number, fps: number, seed: string): boolean[] {
  const up = new Array<boolean>(frames).fill(false);
  const stressed = emphasisedWords(words, seed);
  let lastEnd = -Infinity;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (!stressed[i] || w.endSec <= w.startSec) continue;
    let a = w.startSec - BROW_LEAD_SEC;
    const b = Math.max(w.endSec + BROW_HOLD_SEC, a + BROW_MIN_SEC);
    if (a - lastEnd < 0.3) a = Math.min(a, lastEnd); // bridge short gaps
    for (let f = Math.max(0, Math.floor(a * fps)); f < Math.min(frames, Math.ceil(b * fps)); f++) up[f] = true;
    lastEnd = b;
  }
  return up;
}
