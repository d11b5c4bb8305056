/**
 * yuv-sprites.ts: sprites converted to YUV once give the encode exactly the frames it got
 * from decoding and converting the PAMs on every use (so the lip-sync and colour tests of
 * the renderer keep holding), through both readers the renderer uses: the concat demuxer
 * (y4m pose frames) and the image2 demuxer (raw face patches).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import { svgToRgbaAsync, toPam } from "./raster";
import { toYuvFiles } from "./yuv-sprites";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yuv-sprites-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A sprite with gradients and hard edges (chroma subsampling shows on both). */
async function sprite(i: number, w = 66, h = 50): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><defs><linearGradient id="g"><stop offset="0" stop-color="#${(0x203040 + i * 0x101507).toString(16).slice(-6)}"/><stop offset="1" stop-color="#f0c080"/></linearGradient></defs><rect width="${w}" height="${h}" fill="url(#g)"/><circle cx="${20 + i * 5}" cy="25" r="13" fill="#c0392b"/></svg>`;
  const file = path.join(dir, `sprite-${i}.pam`);
  fs.writeFileSync(file, toPam(await svgToRgbaAsync(svg), false));
  return file;
}

function framemd5(args: string[], vf = "format=yuv420p"): string[] {
  const r = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-v", "error", ...args, "-vf", vf, "-f", "framemd5", "-"], { encoding: "utf8" });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split("\n").filter((l) => l && !l.startsWith("#"));
}

describe("sprites converted to YUV once", () => {
  // Mutation tried: converting with `-sws_flags neighbor` in toYuvFiles (a different chroma
  // filter than the encode's default) → the y4m and raw frames differ from the PAM ones.
  it("give the same frames as the PAMs, read by concat (y4m) and by image2 (raw)", async () => {
    const files = await Promise.all([0, 1, 2].map((i) => sprite(i)));
    const y4m = await toYuvFiles(files, { dir: path.join(dir, "y4m"), width: 66, height: 50, kind: "y4m" });
    const raw = await toYuvFiles(files, { dir: path.join(dir, "raw"), width: 66, height: 50, kind: "raw" });
    expect(y4m.size).toBe(3);

    const list = (map: (f: string) => string) => {
      const order = [0, 2, 1, 2];
      const body = order.flatMap((k) => [`file '${map(files[k])}'`, "duration 0.2000"]).join("\n");
      const file = path.join(dir, `list-${Math.random().toString(36).slice(2)}.ffconcat`);
      fs.writeFileSync(file, `ffconcat version 1.0\n${body}\n`);
      return file;
    };
    // As the renderer reads poses: concat, then fps=30 (0.2 s is whole ticks at the PAM's
    // 1/25 s time base and the y4m's 1/30 s, so both give the same frame times).
    const viaPam = framemd5(["-f", "concat", "-safe", "0", "-i", list((f) => f)], "format=yuv420p,fps=30");
    expect(viaPam.length).toBe(19); // 3 × 6 frames, and the last entry's first (its duration needs a repeat)
    expect(framemd5(["-f", "concat", "-safe", "0", "-i", list((f) => y4m.get(f)!)], "format=yuv420p,fps=30")).toEqual(viaPam);

    // image2 over a numbered sequence of links, as the face track is read.
    const seq = (name: string, map: (f: string) => string, ext: string) => {
      const d = path.join(dir, name);
      fs.mkdirSync(d);
      [2, 0, 1].forEach((k, n) => fs.symlinkSync(map(files[k]), path.join(d, `${String(n).padStart(6, "0")}.${ext}`)));
      return path.join(d, `%06d.${ext}`);
    };
    const pamSeq = framemd5(["-framerate", "30", "-f", "image2", "-start_number", "0", "-i", seq("pamseq", (f) => f, "pam")]);
    const rawSeq = framemd5(["-framerate", "30", "-f", "image2", "-c:v", "rawvideo", "-pixel_format", "yuv420p", "-video_size", "66x50", "-start_number", "0", "-i", seq("rawseq", (f) => raw.get(f)!, "yuv")]);
    expect(pamSeq.length).toBe(3);
    expect(rawSeq).toEqual(pamSeq);
  });

  it("refuses frames of another size", async () => {
    const small = await sprite(3, 40, 30);
    await expect(toYuvFiles([small], { dir: path.join(dir, "bad"), width: 66, height: 50, kind: "raw" })).rejects.toThrow(/bytes, expected/);
  });
});
