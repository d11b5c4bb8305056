/**
 * HeyGen v3 video products and prices — the one table the adapter, the estimate and Settings read.
 * Sources (read 2026-11-30):
 *  - request enums: heygen-com/heygen-cli gen/video.go (generated from HeyGen's API spec,
 *    commit 7699a8e, 2026-07-22): aspect_ratio 16:9|9:16|4:5|5:4|1:1|auto, resolution 4k|1080p|720p,
 *    engine avatar_iii|avatar_iv|avatar_v, voice_settings.speed 0.5–1.5.
 *  - prices: developers.heygen.com/docs/pricing via shared/providers/README.md corrections
 *    (2026-11-30): Avatar IV/V ≈ $0.0667/s, photo avatar $0.05/s. Rounded UP to whole cents.
 */
export interface HeygenModel {
  id: "avatar_iv" | "avatar_v" | "photo_avatar";
  label: string;
  /** Integer cents per second of output, rounded up. */
  centsPerSecond: number;
  usdPerSecond: number;
  resolutions: readonly ("720p" | "1080p" | "4k")[];
  priceSource: string;
  priceDate: string;
}

export const HEYGEN_ASPECT_RATIOS = ["16:9", "9:16", "4:5", "5:4", "1:1", "auto"] as const;

export const HEYGEN_MODELS: readonly HeygenModel[] = [
  { id: "avatar_iv", label: "Avatar IV (default)", centsPerSecond: 7, usdPerSecond: 0.0667, resolutions: ["720p", "1080p", "4k"], priceSource: "developers.heygen.com/docs/pricing", priceDate: "2026-11-30" },
  { id: "avatar_v", label: "Avatar V", centsPerSecond: 7, usdPerSecond: 0.0667, resolutions: ["720p", "1080p", "4k"], priceSource: "developers.heygen.com/docs/pricing", priceDate: "2026-11-30" },
  { id: "photo_avatar", label: "Photo avatar (image input)", centsPerSecond: 5, usdPerSecond: 0.05, resolutions: ["720p", "1080p"], priceSource: "developers.heygen.com/docs/pricing", priceDate: "2026-11-30" },
];

export const HEYGEN_DEFAULT_MODEL: HeygenModel["id"] = "avatar_iv";

export function heygenModel(id: string | undefined): HeygenModel | undefined {
  return HEYGEN_MODELS.find((m) => m.id === (id || HEYGEN_DEFAULT_MODEL));
}
