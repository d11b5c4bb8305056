/**
 * Idle life for the presenter: a breathing bob (down and up over 4 s) in whole 2-pixel steps so
 * every offset is exact in yuv420p, and a head tilt that follows the speech (tiltTrack, below).
 * The old sideways sway (±2 px, 6.8 s) is gone: the tilt gives the sideways life now, and
 * every sway offset multiplied the pose images by three.
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
import { neckPivot } from "./presenters";

export const POSE_STEP_Y = 6;
/** Period step of the former sway; the renderer's distinctPoses still walks its full cycle. */
export const POSE_STEP_X = 12;

/** Offset (px) of the presenter at video frame `n`. */
export function poseAt(n: number): { dx: number; dy: number } {
  const ky = Math.floor(n / POSE_STEP_Y);
  const dy = 2 * Math.round(2 * (1 - Math.cos((2 * Math.PI * ky) / 20)));
  // dx stays in the shape (the renderer composes by offset) but is 0: no sway, see the top.
  return { dx: 0, dy };
}

export const MAX_POSE_SHIFT = { x: 0, y: 8 } as const;

export interface PoseRun {
  dx: number;
  dy: number;
  /** Head tilt in degrees (one of TILT_DEGREES). */
  tilt: number;
  startFrame: number;
  frames: number;
}

/**
 * Runs of equal poses over `frames` video frames (one concat entry each). `tilt` (per frame,
 * from tiltTrack) changes only on multiples of POSE_STEP_Y, so runs keep exact durations.
 */
export function poseRuns(frames: number, tilt?: readonly number[]): PoseRun[] {
  const runs: PoseRun[] = [];
  for (let n = 0; n < frames; n++) {
    const p = { ...poseAt(n), tilt: tilt?.[n] ?? 0 };
    const last = runs.at(-1);
    if (last && last.dx === p.dx && last.dy === p.dy && last.tilt === p.tilt) last.frames++;
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
  // Per row, the card / disc is one contiguous span: find its ends with insideFrame (a few steps
  // in from each side) instead of testing every pixel, which made each pose cost ~0.3 s.
  for (let y = 0; y < region.h; y++) {
    const sy = y - dy;
    if (sy < 0 || sy >= region.h) continue;
    const Y = region.y + y;
    let x0 = Math.max(0, dx);
    let x1 = Math.min(W, W + dx);
    while (x0 < x1 && !insideFrame(L, region.x + x0, Y)) x0++;
    while (x1 > x0 && !insideFrame(L, region.x + x1 - 1, Y)) x1--;
    for (let x = x0, si = (sy * W + x0 - dx) * 4, di = (y * W + x0) * 4; x < x1; x++, si += 4, di += 4) {
      if (s[si + 3] !== 0) blendPixel(d, di, s, si);
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

// ---------------------------------------------------------------- head tilt

/**
 * The head tilts (about the neck, body still) to one of three fixed angles, so the renderer
 * draws a bounded set of images: one presenter layer and one set of face patches per angle,
 * whatever the video's length. Three, not five: each angle costs a presenter raster, 27 patches
 * and 5 pose images (1004×1692 in 9:16); five angles measured +75 % raster CPU, three +6–24 %
 * (the sway's 10 pose images, dropped, pay for most of it). Upright ↔ 2.5° moves the top of the
 * head ~25 px in 9:16, so each lean is held at least TILT_HOLD_FRAMES and a change from one side
 * to the other passes through upright: a deliberate lean, not a twitch.
 */
export const TILT_DEGREES = [-2.5, 0, 2.5] as const;
const TILT_DEG = 2.5;
/** A sentence opens with a lean this long (then upright unless a stressed word comes). */
const SENTENCE_LEAN_SEC = 1.2;
/** Emphasis holds the lean this long after the stressed word ends. */
const TILT_HOLD_SEC = 0.4;
/** Shortest time (frames) between two changes of angle. */
export const TILT_HOLD_FRAMES = 2 * POSE_STEP_Y;

/**
 * Per video frame: head tilt in degrees (clockwise positive), deterministic for the words and
 * the seed. Sentence starts (the first word, after . ! ? or a pause) lean to one side — the
 * side picked by the seed, mostly alternating — for the sentence's first SENTENCE_LEAN_SEC, and
 * three in four sentences lean at all; a stressed word (emphasisedWords) always leans until a
 * moment after it. The angle changes only on multiples of POSE_STEP_Y frames (pose runs keep
 * exact durations), at most once per TILT_HOLD_FRAMES, via upright, and never while the eyes are
 * closed (`blink`) or just reopening, so a blink is never a jittering head.
 */
export function tiltTrack(words: SpokenWord[], blink: readonly boolean[], frames: number, fps: number, seed: string): number[] {
  let h = 2166136261;
  for (const ch of `${seed}/tilt`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  const rand = () => {
    h = (Math.imul(h, 1664525) + 1013904223) >>> 0;
    return h / 2 ** 32;
  };
  const want = new Array<number>(frames).fill(0);
  const mark = (a: number, b: number, v: number) => {
    for (let f = Math.max(0, Math.floor(a * fps)); f < Math.min(frames, Math.ceil(b * fps)); f++) want[f] = v;
  };
  const stressed = emphasisedWords(words, seed);
  let side = rand() < 0.5 ? -1 : 1;
  let sentenceStart = true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const next = words[i + 1];
    if (sentenceStart) {
      side = rand() < 0.75 ? -side : side;
      if (rand() < 0.75) mark(w.startSec - 0.1, w.startSec + SENTENCE_LEAN_SEC, side * TILT_DEG);
    }
    sentenceStart = /[.!?。！？؟]["')\]]*$/u.test(w.text) || (next !== undefined && next.startSec - w.endSec > 0.35);
    if (stressed[i] && w.endSec > w.startSec) mark(w.startSec - 0.1, w.endSec + TILT_HOLD_SEC, side * TILT_DEG);
  }
  const out = new Array<number>(frames).fill(0);
  let cur = 0;
  let last = -Infinity;
  for (let f = 0; f < frames; f++) {
    const free = f % POSE_STEP_Y === 0 && f - last >= TILT_HOLD_FRAMES && !blink[f] && !(f > 0 && blink[f - 1]);
    if (free) {
      // Look over the coming step, so a short lean between grid points is not skipped.
      let target = want[f];
      for (let k = f; k < Math.min(frames, f + POSE_STEP_Y); k++) if (want[k] !== 0) target = want[k];
      const next = target === cur ? cur : cur !== 0 ? 0 : target; // sides swap via upright
      if (next !== cur) {
        cur = next;
        last = f;
      }
    }
    out[f] = cur;
  }
  return out;
}

/** Where the presenter's head turns (its neck), in frame pixels, at rest (no idle offset). */
export function neckPivotInFrame(L: Layout, slug: string): { x: number; y: number } {
  const p = neckPivot(slug);
  const k = L.avatar.size / 280;
  return { x: L.avatar.x + p.x * k, y: L.avatar.y + p.y * k };
}

/**
 * A face patch for the head turned by `deg` about `pivot` (frame pixels), made from the upright
 * patch `upright` (at `rect`) of the same mouth / eyes, without rasterising again. It starts as
 * `turnedRest` (the same area of the presenter drawn turned, at rest: X mouth, eyes open); the
 * `boxes` where `upright` differs from rest (changedBoxes) are then sampled (bilinear) from
 * `upright` rotated about the pivot. FACE_PATCH is wide enough that those areas stay inside the patch when turned.
 */
export function tiltPatch(rect: Rect, pivot: { x: number; y: number }, upright: Rgba, boxes: ChangedBoxes, turnedRest: Rgba, deg: number): Rgba {
  const { w, h } = rect;
  const out = new Uint8Array(turnedRest.data);
  const s = upright.data;
  const a = (deg * Math.PI) / 180;
  const cos = Math.cos(a);
  const sin = Math.sin(a);
  const cx = pivot.x - rect.x - 0.5;
  const cy = pivot.y - rect.y - 0.5;
  for (const [bx0, by0, bx1, by1] of boxes) {
    if (bx1 < 0) continue;
    // The box turned forwards, grown by the bilinear footprint, bounds the pixels to resample.
    let tx0 = w;
    let ty0 = h;
    let tx1 = 0;
    let ty1 = 0;
    for (const [px, py] of [[bx0 - 2, by0 - 2], [bx1 + 2, by0 - 2], [bx0 - 2, by1 + 2], [bx1 + 2, by1 + 2]]) {
      const X = (px - cx) * cos - (py - cy) * sin + cx;
      const Y = (px - cx) * sin + (py - cy) * cos + cy;
      tx0 = Math.min(tx0, Math.floor(X));
      tx1 = Math.max(tx1, Math.ceil(X));
      ty0 = Math.min(ty0, Math.floor(Y));
      ty1 = Math.max(ty1, Math.ceil(Y));
    }
    for (let y = Math.max(0, ty0); y <= Math.min(h - 1, ty1); y++) {
      const ry = y - cy;
      for (let x = Math.max(0, tx0); x <= Math.min(w - 1, tx1); x++) {
        const rx = x - cx;
        // Inverse of SVG's rotate(deg): where this pixel was before the head turned.
        const sx = rx * cos + ry * sin + cx;
        const sy = -rx * sin + ry * cos + cy;
        if (sx < 0 || sy < 0 || sx >= w - 1 || sy >= h - 1) continue;
        const x0 = sx | 0;
        const y0 = sy | 0;
        const fx = sx - x0;
        const fy = sy - y0;
        const i00 = (y0 * w + x0) * 4;
        const i01 = i00 + w * 4;
        const w00 = (1 - fx) * (1 - fy);
        const w10 = fx * (1 - fy);
        const w01 = (1 - fx) * fy;
        const w11 = fx * fy;
        const o = (y * w + x) * 4;
        out[o] = s[i00] * w00 + s[i00 + 4] * w10 + s[i01] * w01 + s[i01 + 4] * w11 + 0.5;
        out[o + 1] = s[i00 + 1] * w00 + s[i00 + 5] * w10 + s[i01 + 1] * w01 + s[i01 + 5] * w11 + 0.5;
        out[o + 2] = s[i00 + 2] * w00 + s[i00 + 6] * w10 + s[i01 + 2] * w01 + s[i01 + 6] * w11 + 0.5;
        out[o + 3] = s[i00 + 3] * w00 + s[i00 + 7] * w10 + s[i01 + 3] * w01 + s[i01 + 7] * w11 + 0.5;
      }
    }
  }
  return { width: w, height: h, data: out };
}

/** Boxes [x0, y0, x1, y1] (patch pixels) where a state differs from rest; x1 < 0 when empty. */
export type ChangedBoxes = [number, number, number, number][];

/**
 * Where upright patch `upright` differs from the rest patch, as two boxes: above row `splitY`
 * (eyes, brows) and below it (mouth), so a mouth shape and a blink together do not resample the
 * whole patch. The same for every angle: computed once per state.
 */
export function changedBoxes(upright: Rgba, uprightRest: Rgba, splitY: number): ChangedBoxes {
  const { width: w, height: h } = upright;
  const s = upright.data;
  const u = uprightRest.data;
  const boxes: ChangedBoxes = [[w, h, -1, -1], [w, h, -1, -1]];
  for (let y = 0; y < h; y++) {
    const b = boxes[y < splitY ? 0 : 1];
    for (let x = 0, i = y * w * 4; x < w; x++, i += 4) {
      if (s[i] === u[i] && s[i + 1] === u[i + 1] && s[i + 2] === u[i + 2]) continue;
      if (x < b[0]) b[0] = x;
      if (x > b[2]) b[2] = x;
      if (y < b[1]) b[1] = y;
      if (y > b[3]) b[3] = y;
    }
  }
  return boxes;
}

/** Row of the face patch (pixels) between the eyes and the mouth, for tiltPatch's two boxes. */
export function patchSplitRow(L: Layout): number {
  return Math.round(L.avatar.y + 140 * (L.avatar.size / 280) - L.patch.y);
}
