/**
 * Presenter sprite cache (sprite-cache.ts): a warm render draws no presenter sprite again and
 * its video is bit-identical to a cold one; the cache is bounded, shares concurrent draws and
 * forgets failures.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import { svgToRgbaAsync, type Rgba } from "./raster";
import { renderPresenterVideo } from "./render";
import { presenterSprites, SpriteCache } from "./sprite-cache";

const square = (fill: string, size = 8) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="${size}" height="${size}" fill="${fill}"/></svg>`;

describe("SpriteCache", () => {
  it("draws each SVG once, shares a draw in flight and returns the same pixels", async () => {
    let draws = 0;
    const cache = new SpriteCache(1 << 20, (svg) => {
      draws++;
      return svgToRgbaAsync(svg);
    });
    const [a, b] = await Promise.all([cache.get(square("red")), cache.get(square("red"))]);
    expect(draws).toBe(1);
    expect(a).toBe(b);
    expect([...a.data.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    await cache.get(square("blue"));
    expect(draws).toBe(2);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);
  });

  // Mutation tried: evict() skipping its byte check (never evicting) → sizeBytes stays 3 × 256.
  it("is bounded by bytes and evicts the least recently used first", async () => {
    let draws = 0;
    // Each 8×8 RGBA sprite is 256 bytes; room for two.
    const cache = new SpriteCache(512, (svg) => {
      draws++;
      return svgToRgbaAsync(svg);
    });
    await cache.get(square("red"));
    await cache.get(square("green"));
    await cache.get(square("red")); // red is now the most recently used
    await cache.get(square("blue")); // evicts green
    await new Promise((r) => setImmediate(r));
    expect(cache.sizeBytes).toBeLessThanOrEqual(512);
    const before = draws;
    await cache.get(square("red"));
    expect(draws).toBe(before);
    await cache.get(square("green"));
    expect(draws).toBe(before + 1);
  });

  it("does not remember a failed draw", async () => {
    let calls = 0;
    const cache = new SpriteCache(1 << 20, async (svg): Promise<Rgba> => {
      calls++;
      if (calls === 1) throw new Error("resvg ran out of memory");
      return svgToRgbaAsync(svg);
    });
    await expect(cache.get(square("red"))).rejects.toThrow(/memory/);
    await new Promise((r) => setImmediate(r));
    const img = await cache.get(square("red"));
    expect(img.width).toBe(8);
    expect(calls).toBe(2);
  });
});

describe("renders with a warm sprite cache", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sprite-cache-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const frameHashes = (file: string) => {
    const r = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-v", "error", "-i", file, "-map", "0:v", "-f", "framemd5", "-"], { encoding: "utf8" });
    return r.stdout.split("\n").filter((l) => l && !l.startsWith("#"));
  };

  // Mutation tried: render.ts writing into the cached presenter sprite (brightening every 16th
  // pixel of the shared avatar image in place) → the warm render's frames differ from the cold one's.
  it("draws no presenter sprite again and makes the same video, frame for frame", async () => {
    presenterSprites.clear();
    const input = { script: "Cached sprites must not change a single pixel.", avatarSlug: "nadia", aspectRatio: "1:1" as const, captions: true, title: "Same video" };
    await renderPresenterVideo({ ...input, outPath: path.join(dir, "cold.mp4") });
    const misses = presenterSprites.misses;
    expect(misses).toBeGreaterThan(10);
    await renderPresenterVideo({ ...input, outPath: path.join(dir, "warm.mp4") });
    expect(presenterSprites.misses).toBe(misses);
    const cold = frameHashes(path.join(dir, "cold.mp4"));
    expect(cold.length).toBeGreaterThan(30);
    expect(frameHashes(path.join(dir, "warm.mp4"))).toEqual(cold);
  }, 120_000);

  // Mutation tried: the composed-pose key without the hash of the background under the
  // presenter (composeKey = presenterKey) → the second background's warm render reuses the
  // first one's poses, and its frames differ from its own cold render.
  it("a warm render on another background composes its own poses", async () => {
    const input = { script: "Another background, same presenter.", avatarSlug: "nadia", aspectRatio: "1:1" as const, captions: false };
    const teal = { type: "gradient" as const, colors: ["#0f766e", "#134e4a"] as [string, string] };
    const plum = { type: "gradient" as const, colors: ["#6b21a8", "#3b0764"] as [string, string] };
    presenterSprites.clear();
    await renderPresenterVideo({ ...input, background: teal, outPath: path.join(dir, "teal.mp4") });
    await renderPresenterVideo({ ...input, background: plum, outPath: path.join(dir, "plum-warm.mp4") });
    presenterSprites.clear();
    await renderPresenterVideo({ ...input, background: plum, outPath: path.join(dir, "plum-cold.mp4") });
    expect(frameHashes(path.join(dir, "plum-warm.mp4"))).toEqual(frameHashes(path.join(dir, "plum-cold.mp4")));
  }, 180_000);
});
