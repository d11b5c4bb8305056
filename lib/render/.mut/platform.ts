/**
 * Platform presets and the optimise step every provider's output goes through: reframe to the
 * platform's frame (crop or blurred pad), cap the bitrate so the size limit holds, faststart,
 * then verify the result with ffprobe.
 *
 * Limits follow the platforms' published upload specs (Instagram Graph API content publishing
 * for Reels / Stories / feed, TikTok upload help, YouTube Shorts help: up to 3 min since
 * Oct 2024), kept on the conservative side where the apps and the APIs differ.
 */
import fs from "node:fs";
import { AppError } from "@/lib/errors";
import { atomicWrite, command, probeMedia, run, type MediaInfo } from "./ffmpeg";

export type PlatformPresetId =
  | "instagram_reels"
  | "instagram_stories"
  | "instagram_feed_square"
  | "instagram_feed_portrait"
  | "tiktok"
  | "youtube_shorts"
  | "youtube";

export interface PlatformPreset {
  id: PlatformPresetId;
  label: string;
  platform: "Instagram" | "TikTok" | "YouTube";
  aspect: "9:16" | "1:1" | "4:5" | "16:9";
  width: number;
  height: number;
  fps: number;
  minDurationSec: number;
  maxDurationSec: number;
  maxSizeBytes: number;
  /** Upper bound for the video bitrate even when the size limit would allow more (bits/s). */
  maxVideoBitrate: number;
  /** crop: fill the frame, cutting the edges; pad: fit inside over a blurred copy of itself. */
  reframe: "crop" | "pad";
}

const MB = 1024 * 1024;

export const PLATFORM_PRESETS: Record<PlatformPresetId, PlatformPreset> = {
  instagram_reels: {
    id: "instagram_reels", label: "Instagram Reels", platform: "Instagram", aspect: "9:16", width: 1080, height: 1920, fps: 30,
    minDurationSec: 3, maxDurationSec: 90, maxSizeBytes: 100 * MB, maxVideoBitrate: 8_000_000, reframe: "pad",
  },
  instagram_stories: {
    id: "instagram_stories", label: "Instagram Stories", platform: "Instagram", aspect: "9:16", width: 1080, height: 1920, fps: 30,
    minDurationSec: 3, maxDurationSec: 60, maxSizeBytes: 100 * MB, maxVideoBitrate: 8_000_000, reframe: "pad",
  },
  instagram_feed_square: {
    id: "instagram_feed_square", label: "Instagram feed (square)", platform: "Instagram", aspect: "1:1", width: 1080, height: 1080, fps: 30,
    minDurationSec: 3, maxDurationSec: 60, maxSizeBytes: 100 * MB, maxVideoBitrate: 6_000_000, reframe: "crop",
  },
  instagram_feed_portrait: {
    id: "instagram_feed_portrait", label: "Instagram feed (portrait 4:5)", platform: "Instagram", aspect: "4:5", width: 1080, height: 1350, fps: 30,
    minDurationSec: 3, maxDurationSec: 60, maxSizeBytes: 100 * MB, maxVideoBitrate: 6_000_000, reframe: "crop",
  },
  tiktok: {
    id: "tiktok", label: "TikTok", platform: "TikTok", aspect: "9:16", width: 1080, height: 1920, fps: 30,
    minDurationSec: 1, maxDurationSec: 600, maxSizeBytes: 500 * MB, maxVideoBitrate: 8_000_000, reframe: "pad",
  },
  youtube_shorts: {
    id: "youtube_shorts", label: "YouTube Shorts", platform: "YouTube", aspect: "9:16", width: 1080, height: 1920, fps: 30,
    minDurationSec: 1, maxDurationSec: 180, maxSizeBytes: 1024 * MB, maxVideoBitrate: 10_000_000, reframe: "pad",
  },
  youtube: {
    id: "youtube", label: "YouTube", platform: "YouTube", aspect: "16:9", width: 1920, height: 1080, fps: 30,
    minDurationSec: 1, maxDurationSec: 12 * 3600, maxSizeBytes: 4096 * MB, maxVideoBitrate: 10_000_000, reframe: "pad",
  },
};

export const PLATFORM_PRESET_IDS = Object.keys(PLATFORM_PRESETS) as PlatformPresetId[];

export function getPlatformPreset(id: string): PlatformPreset {
  if (!Object.prototype.hasOwnProperty.call(PLATFORM_PRESETS, id)) {
    throw new AppError("bad_request", `Unknown platform preset "${id}". Use one of: ${PLATFORM_PRESET_IDS.join(", ")}.`);
  }
  return PLATFORM_PRESETS[id as PlatformPresetId];
}

const AUDIO_BPS = 128_000;
const MIN_VIDEO_BPS = 400_000;

const fmtSec = (s: number) => (s >= 10 ? `${Math.round(s)} s` : `${s.toFixed(1)} s`);

/** Throws a user-facing AppError when a video of this length cannot meet the preset. */
export function checkDurationFits(durationSec: number, preset: PlatformPreset): void {
  if (durationSec > preset.maxDurationSec + 0.05) {
    throw new AppError(
      "bad_request",
      `Video is ${fmtSec(durationSec)}; ${preset.label} allows at most ${fmtSec(preset.maxDurationSec)}. Shorten the script.`,
      { preset: preset.id, durationSec, maxDurationSec: preset.maxDurationSec },
    );
  }
  if (durationSec < preset.minDurationSec - 0.05) {
    throw new AppError(
      "bad_request",
      `Video is ${fmtSec(durationSec)}; ${preset.label} needs at least ${fmtSec(preset.minDurationSec)}. Lengthen the script.`,
      { preset: preset.id, durationSec, minDurationSec: preset.minDurationSec },
    );
  }
}

/** Video bitrate cap (bits/s) that keeps the file under the preset's size limit. */
export function videoBitrateCap(durationSec: number, preset: PlatformPreset): number {
  // 4 % container overhead, 5 % safety for VBV overshoot.
  const budget = (preset.maxSizeBytes * 8 * 0.91) / Math.max(durationSec, 0.1) - AUDIO_BPS;
  const cap = Math.floor(Math.min(preset.maxVideoBitrate, budget));
  if (cap < MIN_VIDEO_BPS) {
    throw new AppError(
      "bad_request",
      `Video is ${fmtSec(durationSec)}; it cannot fit ${preset.label}'s ${Math.round(preset.maxSizeBytes / MB)} MB limit at watchable quality. Shorten the script.`,
      { preset: preset.id },
    );
  }
  return cap;
}

export interface OptimiseResult extends MediaInfo {
  path: string;
  preset: PlatformPresetId;
  videoBitrateCap: number;
}

/** Reframes, re-encodes and verifies a video for a platform; writes atomically to outPath. */
export async function optimiseForPlatform(
  inputPath: string,
  presetId: PlatformPresetId | string,
  outPath: string,
  opts: { signal?: AbortSignal; onProgress?: (percent: number) => void } = {},
): Promise<OptimiseResult> {
  const preset = getPlatformPreset(presetId);
  if (!fs.existsSync(inputPath)) throw new AppError("not_found", `Video to optimise not found: ${inputPath}`);
  const src = await probeMedia(inputPath);
  if (!src.width || !src.height) throw new AppError("bad_request", "The file has no video stream to optimise.");
  checkDurationFits(src.durationSec, preset);
  const cap = videoBitrateCap(src.durationSec, preset);
  const { width: W, height: H } = preset;

  const sameFrame = src.width * H === src.height * W;
  let filter: string;
  if (sameFrame) {
    filter = `[0:v]scale=${W}:${H}:flags=bicubic,setsar=1,fps=${preset.fps},format=yuv420p[v]`;
  } else if (preset.reframe === "crop") {
    filter = `[0:v]scale=${W}:${H}:force_original_aspect_ratio=increase:flags=bicubic,crop=${W}:${H},setsar=1,fps=${preset.fps},format=yuv420p[v]`;
  } else {
    // Fit inside, over a blurred, darkened fill of the same picture (cheap: blur at 1/8 size).
    filter =
      `[0:v]fps=${preset.fps},split=2[a][b];` +
      `[a]scale=${Math.round(W / 8 / 2) * 2}:${Math.round(H / 8 / 2) * 2}:force_original_aspect_ratio=increase,crop=${Math.round(W / 8 / 2) * 2}:${Math.round(H / 8 / 2) * 2},boxblur=6:2,eq=brightness=-0.12,scale=${W}:${H}:flags=bilinear[bg];` +
      `[b]scale=${W}:${H}:force_original_aspect_ratio=decrease:flags=bicubic[fg];` +
      `[bg][fg]overlay=(W-w)/2:(H-h)/2,setsar=1,format=yuv420p[v]`;
  }

  const maxrate = Math.floor(cap);
  return atomicWrite(outPath, async (tmp) => {
    const cmd = command()
      .input(inputPath)
      .complexFilter(filter)
      .outputOptions([
        "-map", "[v]",
        "-map", "0:a:0?",
        "-c:v", "libx264",
        "-preset", "veryfast",
        "-crf", "21",
        "-maxrate", String(maxrate),
        "-bufsize", String(maxrate * 2),
        "-pix_fmt", "yuv420p",
        "-profile:v", "high",
        "-r", String(preset.fps),
        "-c:a", "aac",
        "-b:a", String(AUDIO_BPS),
        "-ar", "44100",
        "-movflags", "+faststart",
        "-f", "mp4",
      ])
      .output(tmp);
    await run(cmd, {
      label: `optimise for ${preset.label}`,
      signal: opts.signal,
      expectedDurationSec: src.durationSec,
      onPercent: opts.onProgress,
    });
    const out = await probeMedia(tmp);
    const problems: string[] = [];
    if (out.width !== W || out.height !== H) problems.push(`frame is ${out.width}×${out.height}, expected ${W}×${H}`);
    if (out.videoCodec !== "h264" || out.pixFmt !== "yuv420p") problems.push(`codec ${out.videoCodec}/${out.pixFmt}`);
    if (out.sizeBytes > preset.maxSizeBytes) problems.push(`file is ${(out.sizeBytes / MB).toFixed(1)} MB, limit ${Math.round(preset.maxSizeBytes / MB)} MB`);
    if (problems.length) throw new AppError("internal", `Optimised video does not meet ${preset.label}: ${problems.join("; ")}.`);
    checkDurationFits(out.durationSec, preset);
    return { ...out, path: outPath, preset: preset.id, videoBitrateCap: cap };
  });
}
