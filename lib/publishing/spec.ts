/**
 * Before anything is sent: pick the rendition each platform takes and check it against the
 * platform's published spec (lib/render/platform.ts presets: duration, size, aspect; H.264/AAC
 * MP4 is what the local studio and the optimise step produce). A video that cannot meet the
 * spec is refused here with what to do, not after a failed upload.
 */
import { PLATFORM_PRESETS, type PlatformPresetId } from "@/lib/render/platform";
import type { SocialPlatform } from "@/db/schema";

/** Preferred renditions per platform, best first; the master video is the last resort. */
const PREFERENCE: Record<SocialPlatform, PlatformPresetId[]> = {
  tiktok: ["tiktok", "youtube_shorts", "instagram_reels"],
  instagram: ["instagram_reels", "tiktok", "youtube_shorts"],
  youtube: ["youtube_shorts", "youtube", "tiktok"],
};

/** The preset whose limits apply to the post on each platform. */
const TARGET: Record<SocialPlatform, PlatformPresetId> = { tiktok: "tiktok", instagram: "instagram_reels", youtube: "youtube_shorts" };

export interface VideoForSpec {
  videoKey: string | null;
  renditions: Record<string, string>;
  aspectRatio: "portrait" | "landscape" | "square" | "portrait_4x5";
  durationSeconds: number | null;
  sizeBytes: number | null;
}

export type SpecResult = { ok: true; key: string; rendition: string } | { ok: false; reason: string };

export function pickRendition(platform: SocialPlatform, v: VideoForSpec): SpecResult {
  const target = PLATFORM_PRESETS[TARGET[platform]];
  let max = target.maxDurationSec;
  // YouTube takes long landscape videos too, just not as a Short.
  if (platform === "youtube" && v.renditions.youtube && (v.durationSeconds ?? 0) > max) max = PLATFORM_PRESETS.youtube.maxDurationSec;
  const d = v.durationSeconds;
  if (d !== null && d < target.minDurationSec) return { ok: false, reason: `${target.label} needs at least ${target.minDurationSec} s; this video is ${d.toFixed(1)} s.` };
  if (d !== null && d > max) return { ok: false, reason: `${target.label} takes at most ${max} s; this video is ${Math.round(d)} s. Make a shorter script.` };
  for (const id of PREFERENCE[platform]) {
    const key = v.renditions[id];
    if (key) return { ok: true, key, rendition: id };
  }
  if (!v.videoKey) return { ok: false, reason: "The video has no file yet; wait until it completes." };
  if (v.sizeBytes !== null && v.sizeBytes > target.maxSizeBytes) {
    return { ok: false, reason: `${target.label} takes files up to ${Math.round(target.maxSizeBytes / 1048576)} MB; add ${target.label} to the video's platforms and re-generate for an optimised version.` };
  }
  if (platform !== "youtube" && v.aspectRatio !== "portrait") {
    return { ok: false, reason: `${target.label} expects a vertical 9:16 video; add ${target.label} to the video's platforms and re-generate so it is reframed.` };
  }
  return { ok: true, key: v.videoKey, rendition: "original" };
}
