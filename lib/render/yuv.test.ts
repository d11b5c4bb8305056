/**
 * The frame feed's colour and pixel transforms (yuv.ts), checked against ffmpeg's own
 * conversion (the external truth: what `format=yuv420p` made of our RGB images before the
 * feed, and what players invert).
 */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import type { Rgba } from "./raster";
import { blendYuva, frameOf, onEvenGrid, pasteYuv, pasteYuvClipped, rgbaToYuv420, rgbaToYuva420, type FrameBuffer } from "./yuv";

const COLOURS: [number, number, number][] = [
  [255, 0, 0], [0, 255, 0], [0, 0, 255], [255, 255, 255], [0, 0, 0],
  [236, 182, 138], // skin
  [255, 71, 145], // pink top
  [30, 58, 138], // gradient blue
  [91, 26, 22], // mouth interior (encode-sync.test.ts looks for it)
];

/** An opaque image of 16×16 tiles, one per colour (flat tiles: ffmpeg's chroma filter agrees inside them). */
function tiles(): Rgba {
  const W = 16 * COLOURS.length, H = 16;
  const data = new Uint8Array(W * H * 4);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const [r, g, b] = COLOURS[Math.floor(x / 16)];
      data.set([r, g, b, 255], (y * W + x) * 4);
    }
  return { width: W, height: H, data };
}

function ffmpegYuv(img: Rgba): { y: Buffer; u: Buffer; v: Buffer } {
  const rgb = Buffer.alloc(img.width * img.height * 3);
  for (let i = 0, j = 0; i < img.data.length; i += 4, j += 3) rgb.set(img.data.subarray(i, i + 3), j);
  const r = spawnSync(
    resolveFfmpegPaths().ffmpegPath,
    ["-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "rgb24", "-s", `${img.width}x${img.height}`, "-i", "-", "-vf", "format=yuv420p", "-f", "rawvideo", "-"],
    { input: rgb },
  );
  expect(r.status, String(r.stderr)).toBe(0);
  const n = img.width * img.height;
  return { y: r.stdout.subarray(0, n), u: r.stdout.subarray(n, n + n / 4), v: r.stdout.subarray(n + n / 4, n + n / 2) };
}

describe("rgbaToYuv420", () => {
  // Mutations tried: U and V coefficients swapped → fails (here and in the coverage test);
  // full-range luma (77/150/29, no +16) → fails.
  it("gives ffmpeg's own BT.601 limited-range values, within 1", () => {
    const img = tiles();
    const ours = rgbaToYuv420(img);
    const ff = ffmpegYuv(img);
    const W = img.width;
    COLOURS.forEach((c, i) => {
      // The middle of each tile, away from the chroma filter's reach across tile edges.
      const x = i * 16 + 8, y = 8;
      const got = { y: ours.y[y * W + x], u: ours.u[(y / 2) * (W / 2) + x / 2], v: ours.v[(y / 2) * (W / 2) + x / 2] };
      const want = { y: ff.y[y * W + x], u: ff.u[(y / 2) * (W / 2) + x / 2], v: ff.v[(y / 2) * (W / 2) + x / 2] };
      for (const k of ["y", "u", "v"] as const) expect(Math.abs(got[k] - want[k]), `${c} ${k}: ${got[k]} vs ffmpeg ${want[k]}`).toBeLessThanOrEqual(1);
    });
  });
});

describe("rgbaToYuva420 and blendYuva", () => {
  const frame = (): FrameBuffer => frameOf(rgbaToYuv420({ width: 4, height: 4, data: new Uint8Array(64).fill(255) }));

  // Mutation tried: chroma as the plain mean of the 2×2 block (transparent pixels count as
  // black) → the lone red pixel's chroma comes out grey and this fails.
  it("weights a block's chroma by coverage, so glyph edges keep their colour", () => {
    const data = new Uint8Array(16);
    data.set([255, 0, 0, 255], 0); // one opaque red pixel, three transparent
    const y = rgbaToYuva420({ width: 2, height: 2, data });
    const red = rgbaToYuv420({ width: 2, height: 2, data: new Uint8Array(16).fill(0).map((_, i) => [255, 0, 0, 255][i % 4]) });
    expect([y.u[0], y.v[0]]).toEqual([red.u[0], red.v[0]]);
    expect(y.ca[0]).toBe(64);
    expect([...y.a]).toEqual([255, 0, 0, 0]);
  });

  it("un-premultiplies resvg's colours (half-covered white is white at half coverage)", () => {
    const data = new Uint8Array(16).fill(0).map((_, i) => [128, 128, 128, 128][i % 4]);
    const y = rgbaToYuva420({ width: 2, height: 2, data });
    expect(y.y[0]).toBe(235);
    expect(y.a[0]).toBe(128);
  });

  // Mutation tried: blending with 256 − a → the half-covered pixel is off and this fails.
  it("leaves uncovered pixels, replaces opaque ones and mixes partial ones", () => {
    const f = frame();
    const data = new Uint8Array(64);
    data.set([0, 0, 0, 255], 0); // opaque black at (0,0)
    data.set([0, 0, 0, 128], 4); // half black at (1,0)
    const img = rgbaToYuva420({ width: 4, height: 4, data });
    blendYuva(f, img, 0, 0);
    expect(f.buf[0]).toBe(16);
    expect(f.buf[1]).toBe(Math.floor((16 * 128 + 235 * 127 + 127) / 255));
    expect(f.buf[2]).toBe(235);
  });
});

describe("placing images", () => {
  it("onEvenGrid keeps every pixel at its place in the frame", () => {
    const img: Rgba = { width: 3, height: 3, data: new Uint8Array(36).map((_, i) => i + 1) };
    const g = onEvenGrid(img, 5, 7);
    expect([g.x % 2, g.y % 2, g.img.width % 2, g.img.height % 2]).toEqual([0, 0, 0, 0]);
    for (let y = 0; y < 3; y++)
      for (let x = 0; x < 3; x++) {
        const at = ((7 + y - g.y) * g.img.width + (5 + x - g.x)) * 4;
        expect([...g.img.data.subarray(at, at + 4)]).toEqual([...img.data.subarray((y * 3 + x) * 4, (y * 3 + x) * 4 + 4)]);
      }
  });

  // Mutation tried: the clipped copy ignoring the clip's top edge → row 0 changes and this fails.
  it("pasteYuvClipped copies only what lies inside the clip", () => {
    const f = frameOf(rgbaToYuv420({ width: 8, height: 8, data: new Uint8Array(256).fill(255) }));
    const black = rgbaToYuv420({ width: 8, height: 8, data: new Uint8Array(256).map((_, i) => (i % 4 === 3 ? 255 : 0)) });
    pasteYuvClipped(f, black, 0, 0, { x: 2, y: 2, w: 4, h: 4 });
    const row = (y: number) => [...f.buf.subarray(y * 8, y * 8 + 8)];
    expect(row(0)).toEqual(new Array(8).fill(235));
    expect(row(2)).toEqual([235, 235, 16, 16, 16, 16, 235, 235]);
    expect(row(6)).toEqual(new Array(8).fill(235));
    pasteYuv(f, black, 0, 0);
    expect(row(0)).toEqual(new Array(8).fill(16));
    expect(() => pasteYuv(f, black, 1, 0)).toThrow(/even/);
    expect(() => pasteYuv(f, black, 2, 0)).toThrow(/outside/);
  });
});
