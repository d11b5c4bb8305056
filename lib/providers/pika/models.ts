/**
 * Pika models on fal.ai: the one table the adapter, the estimate and Settings read.
 * Model ids and inputs: fal-ai/fal-js libs/client/src/types/endpoints.ts (Pika input types:
 * duration 5|10, resolution 720p|1080p, aspect_ratio) and fal's model pages, summarised with
 * sources in shared/providers/pika.md. Prices: fal model pages, retrieved 2026-11-21
 * (shared/providers/pika.md "Pricing"): v2.2 $0.20 per 5-s video at 720p, $0.45 at 1080p;
 * v2 turbo $0.20 per video; v2.1 image-to-video $0.40 per video (text-to-video not captured).
 * fal states no 10-s price; 10 s = 2 × the 5-s price is our UNCONFIRMED assumption (rounded up).
 */
export interface PikaModel {
  /** The version segment of the fal model id: fal-ai/pika/<version>/<text|image>-to-video. */
  id: string;
  label: string;
  durations: readonly (5 | 10)[];
  resolutions: readonly ("720p" | "1080p")[];
  /** Text-to-video shapes (image-to-video follows the image). */
  aspectRatios: readonly ("16:9" | "9:16" | "1:1" | "4:5")[];
  /** Integer cents for a 5-s clip at 720p (the cost-model unit). */
  centsPer5s: number;
  priceSource: string;
  priceDate: string;
  /** Where the price is not published for this model and how we filled it. */
  priceNote?: string;
}

const SRC = "fal.ai model pages (shared/providers/pika.md, Pricing)";
const DATE = "2026-11-21";

export const PIKA_MODELS: readonly PikaModel[] = [
  { id: "v2.2", label: "Pika 2.2 (default)", durations: [5, 10], resolutions: ["720p", "1080p"], aspectRatios: ["16:9", "9:16", "1:1", "4:5"], centsPer5s: 20, priceSource: SRC, priceDate: DATE },
  { id: "v2/turbo", label: "Pika 2 Turbo (fast)", durations: [5, 10], resolutions: ["720p"], aspectRatios: ["16:9", "9:16", "1:1", "4:5"], centsPer5s: 20, priceSource: SRC, priceDate: DATE, priceNote: "$0.20 per video; length not stated" },
  { id: "v2.1", label: "Pika 2.1", durations: [5, 10], resolutions: ["720p", "1080p"], aspectRatios: ["16:9", "9:16", "1:1", "4:5"], centsPer5s: 40, priceSource: SRC, priceDate: DATE, priceNote: "$0.40 per image-to-video; text-to-video price not captured, assumed the same" },
];

export const PIKA_DEFAULT_MODEL = "v2.2";

export function pikaModel(id: string | undefined | null): PikaModel | undefined {
  return PIKA_MODELS.find((m) => m.id === (id || PIKA_DEFAULT_MODEL));
}
