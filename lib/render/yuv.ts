/**
 * Planar YUV 4:2:0 images for the studio's raw frame feed (frame-feed.ts): the renderer
 * composes each video frame itself and hands ffmpeg finished frames, so ffmpeg does no
 * decoding, colour conversion or overlay work per frame (issue 13: that work, not x264, made
 * the encode take twice the bare encode).
 *
 * Colour: BT.601 limited range with the integer coefficients of ITU-R BT.601 / swscale's
 * default RGB→YUV, i.e. what `format=yuv420p` produced from our RGB images before, and what
 * players assume for an untagged H.264 stream. Chroma is the mean of each 2×2 block.
 */
import type { Rgba } from "./raster";

export interface Yuv420 {
  width: number;
  height: number;
  y: Uint8Array;
  /** Chroma planes, (width/2)×(height/2). */
  u: Uint8Array;
  v: Uint8Array;
}

/** A YUV image with coverage: `a` per luma pixel, `ca` per chroma sample (2×2 mean). */
export interface Yuva420 extends Yuv420 {
  a: Uint8Array;
  ca: Uint8Array;
}

const lumaOf = (r: number, g: number, b: number) => ((66 * r + 129 * g + 25 * b + 128) >> 8) + 16;
const cbOf = (r: number, g: number, b: number) => ((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128;
const crOf = (r: number, g: number, b: number) => ((112 * r - 94 * g - 18 * b + 128) >> 8) + 128;

function assertEven(img: { width: number; height: number }) {
  if (img.width % 2 || img.height % 2) throw new Error(`yuv420 needs even sizes, got ${img.width}x${img.height}`);
}

/** An opaque RGBA image (alpha ignored) as YUV 4:2:0. Width and height must be even. */
export function rgbaToYuv420(img: Rgba): Yuv420 {
  assertEven(img);
  const { width: W, height: H, data: s } = img;
  const y = new Uint8Array(W * H);
  const u = new Uint8Array((W / 2) * (H / 2));
  const v = new Uint8Array((W / 2) * (H / 2));
  for (let j = 0; j < H; j += 2) {
    let p0 = j * W * 4;
    let p1 = p0 + W * 4;
    let c = (j / 2) * (W / 2);
    for (let i = 0; i < W; i += 2, p0 += 8, p1 += 8, c++) {
      const r0 = s[p0], g0 = s[p0 + 1], b0 = s[p0 + 2];
      const r1 = s[p0 + 4], g1 = s[p0 + 5], b1 = s[p0 + 6];
      const r2 = s[p1], g2 = s[p1 + 1], b2 = s[p1 + 2];
      const r3 = s[p1 + 4], g3 = s[p1 + 5], b3 = s[p1 + 6];
      const k = j * W + i;
      y[k] = lumaOf(r0, g0, b0);
      y[k + 1] = lumaOf(r1, g1, b1);
      y[k + W] = lumaOf(r2, g2, b2);
      y[k + W + 1] = lumaOf(r3, g3, b3);
      const R = (r0 + r1 + r2 + r3 + 2) >> 2, G = (g0 + g1 + g2 + g3 + 2) >> 2, B = (b0 + b1 + b2 + b3 + 2) >> 2;
      u[c] = cbOf(R, G, B);
      v[c] = crOf(R, G, B);
    }
  }
  return { width: W, height: H, y, u, v };
}

/**
 * A premultiplied RGBA image (resvg's output) with coverage, as straight-colour YUV plus
 * alpha. Chroma is the coverage-weighted mean of its 2×2 block, so the transparent pixels
 * around a glyph do not grey its edges.
 */
export function rgbaToYuva420(img: Rgba): Yuva420 {
  assertEven(img);
  const { width: W, height: H, data: s } = img;
  const y = new Uint8Array(W * H);
  const a = new Uint8Array(W * H);
  const u = new Uint8Array((W / 2) * (H / 2));
  const v = new Uint8Array((W / 2) * (H / 2));
  const ca = new Uint8Array((W / 2) * (H / 2));
  for (let j = 0; j < H; j += 2) {
    for (let i = 0; i < W; i += 2) {
      let R = 0, G = 0, B = 0, A = 0;
      for (const k of [j * W + i, j * W + i + 1, (j + 1) * W + i, (j + 1) * W + i + 1]) {
        const al = s[k * 4 + 3];
        a[k] = al;
        if (al === 0) {
          y[k] = 16;
          continue;
        }
        // Premultiplied → straight, per pixel for luma.
        const r = Math.min(255, Math.round((s[k * 4] * 255) / al));
        const g = Math.min(255, Math.round((s[k * 4 + 1] * 255) / al));
        const b = Math.min(255, Math.round((s[k * 4 + 2] * 255) / al));
        y[k] = lumaOf(r, g, b);
        // Premultiplied sums are the coverage-weighted sums of the straight colours.
        R += s[k * 4];
        G += s[k * 4 + 1];
        B += s[k * 4 + 2];
        A += al;
      }
      const c = (j / 2) * (W / 2) + i / 2;
      ca[c] = (A + 2) >> 2;
      if (A === 0) {
        u[c] = 128;
        v[c] = 128;
      } else {
        const r = Math.min(255, Math.round((R * 255) / A)), g = Math.min(255, Math.round((G * 255) / A)), b = Math.min(255, Math.round((B * 255) / A));
        u[c] = cbOf(r, g, b);
        v[c] = crOf(r, g, b);
      }
    }
  }
  return { width: W, height: H, y, u, v, a, ca };
}

/** A whole video frame in one buffer, planes in yuv420p order (what ffmpeg's rawvideo reads). */
export interface FrameBuffer {
  width: number;
  height: number;
  buf: Buffer;
}

export function frameBytes(width: number, height: number): number {
  return width * height + 2 * (width / 2) * (height / 2);
}

/** Plane views of a frame buffer. */
function planes(f: FrameBuffer) {
  const W = f.width, H = f.height;
  const ySize = W * H, cSize = (W / 2) * (H / 2);
  return {
    y: f.buf.subarray(0, ySize),
    u: f.buf.subarray(ySize, ySize + cSize),
    v: f.buf.subarray(ySize + cSize, ySize + 2 * cSize),
  };
}

/** A frame buffer holding `base` (a whole-frame image). */
export function frameOf(base: Yuv420): FrameBuffer {
  assertEven(base);
  const f: FrameBuffer = { width: base.width, height: base.height, buf: Buffer.allocUnsafe(frameBytes(base.width, base.height)) };
  const p = planes(f);
  p.y.set(base.y);
  p.u.set(base.u);
  p.v.set(base.v);
  return f;
}

function checkFits(f: FrameBuffer, img: { width: number; height: number }, x: number, y: number) {
  if (x % 2 || y % 2) throw new Error(`yuv420 positions must be even, got (${x}, ${y})`);
  if (x < 0 || y < 0 || x + img.width > f.width || y + img.height > f.height) {
    throw new Error(`${img.width}x${img.height} at (${x}, ${y}) is outside the ${f.width}x${f.height} frame`);
  }
}

/** Copies `img` into the frame at (x, y) (even), replacing what was there. */
export function pasteYuv(f: FrameBuffer, img: Yuv420, x: number, y: number): void {
  checkFits(f, img, x, y);
  pasteYuvClipped(f, img, x, y, { x, y, w: img.width, h: img.height });
}

/** Copies the part of `img` (placed at (x, y)) that lies inside `clip` (an even rect of the frame). */
export function pasteYuvClipped(f: FrameBuffer, img: Yuv420, x: number, y: number, clip: { x: number; y: number; w: number; h: number }): void {
  const x0 = Math.max(x, clip.x, 0), y0 = Math.max(y, clip.y, 0);
  const x1 = Math.min(x + img.width, clip.x + clip.w, f.width), y1 = Math.min(y + img.height, clip.y + clip.h, f.height);
  if (x1 <= x0 || y1 <= y0) return;
  if (x0 % 2 || y0 % 2 || x1 % 2 || y1 % 2) throw new Error(`yuv420 copies need even bounds, got ${x0},${y0}–${x1},${y1}`);
  const p = planes(f);
  const W = f.width, w = img.width;
  for (let r = y0; r < y1; r++) {
    const s = (r - y) * w + (x0 - x);
    p.y.set(img.y.subarray(s, s + x1 - x0), r * W + x0);
  }
  const cw = w / 2, CW = W / 2;
  for (let r = y0 / 2; r < y1 / 2; r++) {
    const s = (r - y / 2) * cw + (x0 - x) / 2;
    const at = r * CW + x0 / 2;
    p.u.set(img.u.subarray(s, s + (x1 - x0) / 2), at);
    p.v.set(img.v.subarray(s, s + (x1 - x0) / 2), at);
  }
}

/** Copies the rect (x, y, w, h) (even) of `from` into the same rect of `to`. */
export function copyRect(to: FrameBuffer, from: FrameBuffer, x: number, y: number, w: number, h: number): void {
  checkFits(to, { width: w, height: h }, x, y);
  const src = planes(from), dst = planes(to);
  const W = to.width;
  for (let r = y; r < y + h; r++) dst.y.set(src.y.subarray(r * W + x, r * W + x + w), r * W + x);
  const CW = W / 2;
  for (let r = y / 2; r < (y + h) / 2; r++) {
    const a = r * CW + x / 2;
    dst.u.set(src.u.subarray(a, a + w / 2), a);
    dst.v.set(src.v.subarray(a, a + w / 2), a);
  }
}

/** Blends `img` over the frame at (x, y) (even) by its coverage: out = (src·a + dst·(255−a)) / 255. */
export function blendYuva(f: FrameBuffer, img: Yuva420, x: number, y: number): void {
  checkFits(f, img, x, y);
  const p = planes(f);
  const W = f.width, w = img.width;
  const blendPlane = (dst: Uint8Array, dstStride: number, src: Uint8Array, alpha: Uint8Array, cols: number, rows: number, x0: number, y0: number) => {
    for (let r = 0; r < rows; r++) {
      let d = (y0 + r) * dstStride + x0;
      for (let k = r * cols, end = k + cols; k < end; k++, d++) {
        const al = alpha[k];
        if (al === 0) continue;
        dst[d] = al === 255 ? src[k] : ((src[k] * al + dst[d] * (255 - al) + 127) / 255) | 0;
      }
    }
  };
  blendPlane(p.y, W, img.y, img.a, w, img.height, x, y);
  blendPlane(p.u, W / 2, img.u, img.ca, w / 2, img.height / 2, x / 2, y / 2);
  blendPlane(p.v, W / 2, img.v, img.ca, w / 2, img.height / 2, x / 2, y / 2);
}

/**
 * `img` meant for (x, y) padded with transparent pixels onto the 2×2 grid: even position and
 * even size, the same pixels in the same place.
 */
export function onEvenGrid(img: Rgba, x: number, y: number): { img: Rgba; x: number; y: number } {
  const x0 = x - (((x % 2) + 2) % 2);
  const y0 = y - (((y % 2) + 2) % 2);
  const w = Math.ceil((x + img.width - x0) / 2) * 2;
  const h = Math.ceil((y + img.height - y0) / 2) * 2;
  if (x0 === x && y0 === y && w === img.width && h === img.height) return { img, x, y };
  const data = new Uint8Array(w * h * 4);
  for (let r = 0; r < img.height; r++) {
    data.set(img.data.subarray(r * img.width * 4, (r + 1) * img.width * 4), ((y - y0 + r) * w + (x - x0)) * 4);
  }
  return { img: { width: w, height: h, data }, x: x0, y: y0 };
}
