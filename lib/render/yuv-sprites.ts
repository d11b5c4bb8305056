/**
 * Converts the studio's few distinct sprite images (pose frames, face patches) to YUV 4:2:0
 * once, in one ffmpeg run, before the encode. The encode reads them many times — a pose file
 * per pose change, a face patch every frame — and decoding a PAM and converting RGB→YUV each
 * time was most of the encode's main-thread work (issue 13's speed bar: ~2.5 CPU-s of the
 * 30 s bench). Read as YUV they are copied, not converted.
 *
 * The conversion is ffmpeg's own (the same swscale path the encode used on the PAMs), so the
 * video is bit-identical to encoding the PAMs directly (yuv-sprites.test.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { runFfmpeg } from "./ffmpeg";

export type YuvKind =
  /** One-frame YUV4MPEG2 files: self-describing, so the concat demuxer can read them. */
  | "y4m"
  /** Headerless frames for the image2 demuxer (`-c:v rawvideo -pixel_format yuv420p -video_size`). */
  | "raw";

/** The y4m header ffmpeg's own muxer writes for a yuv420p frame (C420jpeg = centred chroma). */
export function y4mHeader(width: number, height: number): Buffer {
  return Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg XYSCSS=420JPEG XCOLORRANGE=LIMITED\nFRAME\n`, "ascii");
}

/**
 * Converts `files` (same width × height) into `dir`; returns source path → YUV path. Names
 * in `dir` are numbered, so user text never reaches a file name or the command line.
 */
export async function toYuvFiles(
  files: string[],
  o: { dir: string; width: number; height: number; kind: YuvKind; signal?: AbortSignal },
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(files)];
  if (!unique.length) return out;
  const src = path.join(o.dir, "src");
  await fs.promises.mkdir(src, { recursive: true });
  await Promise.all(unique.map((f, i) => fs.promises.symlink(f, path.join(src, `${String(i).padStart(4, "0")}.pam`))));
  const raw = (i: number) => path.join(o.dir, `${String(i).padStart(4, "0")}.yuv`);
  await runFfmpeg(
    ["-f", "image2", "-start_number", "0", "-i", path.join(src, "%04d.pam"), "-pix_fmt", "yuv420p", "-c:v", "rawvideo", "-f", "image2", "-start_number", "0", path.join(o.dir, "%04d.yuv")],
    { label: "prepare the presenter frames", signal: o.signal },
  );
  const header = o.kind === "y4m" ? y4mHeader(o.width, o.height) : null;
  const frameBytes = o.width * o.height + 2 * Math.ceil(o.width / 2) * Math.ceil(o.height / 2);
  await Promise.all(
    unique.map(async (f, i) => {
      const size = (await fs.promises.stat(raw(i))).size;
      if (size !== frameBytes) throw new Error(`YUV frame ${i} is ${size} bytes, expected ${frameBytes}.`);
      if (!header) {
        out.set(f, raw(i));
        return;
      }
      const file = path.join(o.dir, `${String(i).padStart(4, "0")}.y4m`);
      await fs.promises.writeFile(file, Buffer.concat([header, await fs.promises.readFile(raw(i))]));
      await fs.promises.rm(raw(i));
      out.set(f, file);
    }),
  );
  await fs.promises.rm(src, { recursive: true, force: true });
  return out;
}
