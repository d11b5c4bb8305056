/**
 * ffmpeg / ffprobe plumbing: binary resolution, a fluent-ffmpeg runner with progress, abort
 * and a readable last error line, probing and thumbnails.
 */
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import ffmpeg from "fluent-ffmpeg";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";

const require = createRequire(import.meta.url);
const log = logger.child({ module: "render/ffmpeg" });

export interface FfmpegPaths {
  ffmpegPath: string;
  ffprobePath: string;
  source: { ffmpeg: "env" | "path" | "npm"; ffprobe: "env" | "path" | "npm" };
}

function onPath(bin: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const p = path.join(dir, bin);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      return p;
    } catch {
      // not in this directory
    }
  }
  return null;
}

function npmBinary(pkg: "@ffmpeg-installer/ffmpeg" | "@ffprobe-installer/ffprobe"): string | null {
  try {
    const mod = require(pkg) as { path?: string };
    return mod.path && fs.existsSync(mod.path) ? mod.path : null;
  } catch {
    return null;
  }
}

let cached: FfmpegPaths | null = null;

/** FFMPEG_PATH / FFPROBE_PATH, else `ffmpeg` / `ffprobe` on PATH, else the npm-installed binaries. */
export function resolveFfmpegPaths(opts: { fresh?: boolean } = {}): FfmpegPaths {
  if (cached && !opts.fresh) return cached;
  const pick = (
    envName: string,
    bin: string,
    pkg: "@ffmpeg-installer/ffmpeg" | "@ffprobe-installer/ffprobe",
  ): [string, "env" | "path" | "npm"] => {
    const fromEnv = process.env[envName];
    if (fromEnv) return [fromEnv, "env"];
    const fromPath = onPath(bin);
    if (fromPath) return [fromPath, "path"];
    const fromNpm = npmBinary(pkg);
    if (fromNpm) return [fromNpm, "npm"];
    throw new AppError(
      "unavailable",
      `${bin} not found: set ${envName}, install ${bin} on PATH, or run npm install (${pkg}).`,
    );
  };
  const [ffmpegPath, fs1] = pick("FFMPEG_PATH", "ffmpeg", "@ffmpeg-installer/ffmpeg");
  const [ffprobePath, fs2] = pick("FFPROBE_PATH", "ffprobe", "@ffprobe-installer/ffprobe");
  cached = { ffmpegPath, ffprobePath, source: { ffmpeg: fs1, ffprobe: fs2 } };
  return cached;
}

/** A fluent-ffmpeg command bound to the resolved binaries. */
export function command(): ffmpeg.FfmpegCommand {
  const p = resolveFfmpegPaths();
  const cmd = ffmpeg();
  cmd.setFfmpegPath(p.ffmpegPath);
  cmd.setFfprobePath(p.ffprobePath);
  return cmd;
}

/** The most useful line of ffmpeg's stderr: the last one that looks like an error. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .filter((l) => !/^(frame=|size=|video:|\[out#|Stream mapping|Press \[q\])/.test(l));
  // Trailer lines ffmpeg prints after the real cause say nothing useful.
  const generic = /^(Conversion failed|Error marking filters|Error while filtering|Exiting normally|Cannot determine format of input stream|Error closing file|Error writing trailer)/i;
  const errorish = lines.filter((l) => !generic.test(l)).filter((l) => /error|invalid|no such|not found|failed|unable|cannot|could not|unknown|does not|too many|mismatch/i.test(l));
  const chosen = errorish.at(-1) ?? lines.at(-1) ?? "ffmpeg failed without output";
  return chosen.length > 400 ? `${chosen.slice(0, 400)}…` : chosen;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Expected output duration, for percent from ffmpeg's progress time. */
  expectedDurationSec?: number;
  onPercent?: (percent: number) => void;
  /** What we are doing, for the error message ("encode video", "optimise for tiktok"). */
  label: string;
  /**
   * Writes ffmpeg's stdin (an input given as `pipe:0`); stdin is closed when it resolves. If
   * it rejects because ffmpeg stopped reading, ffmpeg's exit says why; any other rejection
   * stops ffmpeg and is the run's error.
   */
  feed?: (stdin: Writable) => Promise<void>;
}

function timemarkToSec(mark: string | undefined): number {
  if (!mark) return 0;
  const m = /^(-?\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(mark);
  if (!m) return Number(mark) || 0;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** Runs a prepared command to completion; rejects with ffmpeg's own last error line. */
export function run(cmd: ffmpeg.FfmpegCommand, opts: RunOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError(opts.label));
      return;
    }
    let stderr = "";
    let settled = false;
    const onAbort = () => {
      if (settled) return;
      settled = true;
      try {
        cmd.kill("SIGKILL");
      } catch (e) {
        log.warn({ err: e }, "kill ffmpeg failed");
      }
      reject(abortError(opts.label));
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    cmd
      .on("start", (line: string) => log.debug({ line }, "ffmpeg start"))
      .on("stderr", (line: string) => {
        stderr += `${line}\n`;
        if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
      })
      .on("progress", (p: { timemark?: string }) => {
        if (!opts.onPercent || !opts.expectedDurationSec) return;
        const t = timemarkToSec(p.timemark);
        opts.onPercent(Math.max(0, Math.min(100, (t / opts.expectedDurationSec) * 100)));
      })
      .on("error", (err: Error, _stdout: string | null, stderrAll: string | null) => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener("abort", onAbort);
        const line = lastErrorLine(stderrAll || stderr || err.message);
        reject(new AppError("internal", `ffmpeg could not ${opts.label}: ${line}`, { ffmpegError: line }));
      })
      .on("end", () => {
        if (settled) return;
        settled = true;
        opts.signal?.removeEventListener("abort", onAbort);
        opts.onPercent?.(100);
        resolve();
      })
      .run();
  });
}

/**
 * Runs ffmpeg with `args` directly, without fluent-ffmpeg. fluent-ffmpeg's run() first spawns
 * `ffmpeg -formats`, `ffmpeg -encoders` (once per process) and an ffprobe of the first input
 * (every run with a progress listener); each spawn forks this process, and with a render's
 * images in memory those forks cost 0.05–0.4 s each on the main thread — 3 s of the studio
 * render under load (node --cpu-prof, 2026-12-01). Here: one spawn, progress from ffmpeg's
 * own `-progress pipe:1` (out_time_us, in microseconds: ffmpeg fftools/ffmpeg.c print_report).
 * Arguments go to ffmpeg as an argv array, never through a shell.
 */
export function runFfmpeg(args: string[], opts: RunOptions): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(abortError(opts.label));
      return;
    }
    const { ffmpegPath } = resolveFfmpegPaths();
    const full = ["-hide_banner", "-nostdin", "-y", ...(opts.onPercent ? ["-progress", "pipe:1", "-nostats"] : []), ...args];
    log.debug({ line: `${ffmpegPath} ${full.join(" ")}` }, "ffmpeg start");
    const child = spawn(ffmpegPath, full, { stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    let settled = false;
    const settle = (err: Error | null) => {
      if (settled) return;
      settled = true;
      opts.signal?.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else {
        opts.onPercent?.(100);
        resolve();
      }
    };
    const onAbort = () => {
      child.kill("SIGKILL");
      settle(abortError(opts.label));
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const stdin = child.stdin;
    // EPIPE when ffmpeg exits early: reported through its exit code below.
    stdin.on("error", () => undefined);
    if (!opts.feed) stdin.end();
    else {
      opts.feed(stdin).then(
        () => stdin.end(),
        (e: unknown) => {
          if (stdin.destroyed || child.exitCode !== null || isPipeError(e)) return;
          child.kill("SIGKILL");
          settle(e instanceof Error ? e : new Error(String(e)));
        },
      );
    }
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (d: string) => {
      stderr += d;
      if (stderr.length > 64_000) stderr = stderr.slice(-32_000);
    });
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (d: string) => {
      if (!opts.onPercent || !opts.expectedDurationSec) return;
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const l of lines) {
        const m = /^out_time_us=(\d+)/.exec(l);
        if (m) opts.onPercent(Math.max(0, Math.min(100, (Number(m[1]) / 1e6 / opts.expectedDurationSec) * 100)));
      }
    });
    child.on("error", (e) => settle(new AppError("internal", `ffmpeg could not ${opts.label}: ${e.message}`, { ffmpegError: e.message })));
    child.on("close", (code, sig) => {
      if (code === 0) return settle(null);
      const line = lastErrorLine(stderr || `ffmpeg exited with ${sig ?? code}`);
      settle(new AppError("internal", `ffmpeg could not ${opts.label}: ${line}`, { ffmpegError: line }));
    });
  });
}

function isPipeError(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === "EPIPE" || code === "ERR_STREAM_DESTROYED" || code === "ECONNRESET";
}

function abortError(label: string): AppError {
  return new AppError("gone", `Render cancelled (${label}).`, { cancelled: true });
}

export interface MediaInfo {
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  videoCodec: string | null;
  pixFmt: string | null;
  audioCodec: string | null;
  sizeBytes: number;
  bitRate: number | null;
}

function parseRate(r: string | undefined): number {
  if (!r) return 0;
  const [a, b] = r.split("/").map(Number);
  if (!b) return a || 0;
  return a / b;
}

/** Real duration, size and streams of a media file. */
export async function probeMedia(filePath: string): Promise<MediaInfo> {
  const stat = await fs.promises.stat(filePath).catch(() => null);
  if (!stat) throw new AppError("not_found", `Media file not found: ${filePath}`);
  const data = await new Promise<ffmpeg.FfprobeData>((resolve, reject) => {
    command().input(filePath).ffprobe((err: Error | null, d: ffmpeg.FfprobeData) => {
      if (err) reject(new AppError("bad_request", `ffprobe could not read ${path.basename(filePath)}: ${lastErrorLine(err.message)}`));
      else resolve(d);
    });
  });
  const v = data.streams.find((s) => s.codec_type === "video");
  const a = data.streams.find((s) => s.codec_type === "audio");
  const dur = Number(data.format.duration ?? v?.duration ?? a?.duration ?? 0);
  return {
    durationSec: Number.isFinite(dur) ? dur : 0,
    width: v?.width ?? 0,
    height: v?.height ?? 0,
    fps: Math.round(parseRate(v?.avg_frame_rate || v?.r_frame_rate) * 1000) / 1000,
    videoCodec: v?.codec_name ?? null,
    pixFmt: v?.pix_fmt ?? null,
    audioCodec: a?.codec_name ?? null,
    sizeBytes: stat.size,
    bitRate: data.format.bit_rate ? Number(data.format.bit_rate) : null,
  };
}

/** Path of a sibling temp file; renamed into place only on success. */
export function tempSibling(finalPath: string, ext = path.extname(finalPath)): string {
  const dir = path.dirname(finalPath);
  const base = path.basename(finalPath, path.extname(finalPath));
  return path.join(dir, `.${base}.${process.pid}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}.part${ext}`);
}

/** Writes via `work(tmp)` then renames to `finalPath`; removes the temp file on failure. */
export async function atomicWrite<T>(finalPath: string, work: (tmpPath: string) => Promise<T>): Promise<T> {
  await fs.promises.mkdir(path.dirname(finalPath), { recursive: true });
  const tmp = tempSibling(finalPath);
  try {
    const r = await work(tmp);
    await fs.promises.rename(tmp, finalPath);
    return r;
  } catch (e) {
    await fs.promises.rm(tmp, { force: true });
    throw e;
  }
}

/** A JPEG frame of the video (default: a third of the way in, capped at 2 s). */
export async function makeThumbnail(
  videoPath: string,
  outPath: string,
  atSec?: number,
  opts: { width?: number; signal?: AbortSignal } = {},
): Promise<string> {
  let at = atSec;
  if (at === undefined) {
    const info = await probeMedia(videoPath);
    at = Math.min(2, info.durationSec / 3);
  }
  const width = opts.width ?? 720;
  await atomicWrite(outPath, async (tmp) => {
    const cmd = command()
      .input(videoPath)
      .inputOptions(["-ss", at.toFixed(3)])
      .outputOptions(["-frames:v", "1", "-vf", `scale=${width}:-2`, "-q:v", "3", "-f", "image2", "-c:v", "mjpeg"])
      .output(tmp);
    await run(cmd, { label: "make a thumbnail", signal: opts.signal });
  });
  return outPath;
}

/** `ffmpeg -version` first line; throws when the binary does not run. */
export function ffmpegVersion(): string {
  const p = resolveFfmpegPaths();
  const r = spawnSync(p.ffmpegPath, ["-hide_banner", "-version"], { encoding: "utf8", timeout: 15_000 });
  if (r.status !== 0) {
    throw new AppError("unavailable", `ffmpeg at ${p.ffmpegPath} does not run: ${r.error?.message ?? lastErrorLine(r.stderr ?? "")}`);
  }
  return (r.stdout.split("\n")[0] ?? "").trim();
}
