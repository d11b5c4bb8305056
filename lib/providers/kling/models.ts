/**
 * Kling models: the one table the adapter, the estimate and Settings read.
 * Sources (Kling's doc pages as copied in aself101/kling-api, fetched 2026-09-20; read 2026-11-30):
 *  - docs/api/kling-get-started-authentication.md: API key `Authorization: Bearer <key>` for all
 *    models; the AccessKey/SecretKey JWT only for the legacy design (model_name in the body).
 *  - docs/api/kling-2.6-t2v.md, kling-3.0-turbo-t2v.md: POST /text-to-video/<model>,
 *    POST /image-to-video/<model>, GET /tasks?task_ids=, statuses submitted|processing|succeeded|failed.
 *  - docs/api/kling-pricing-video.md: units per second (1 unit = $0.14).
 *  - shared/providers/README.md corrections (2026-11-30): kling-v1 discontinued; V1.5/V1.6/V2.1
 *    retired 2026-09-15.
 */
export interface KlingModel {
  id: string;
  label: string;
  status: "current" | "discontinued";
  /** Legacy design: POST /v1/videos/{text2video|image2video} with model_name (JWT auth). */
  legacy?: boolean;
  durations: readonly number[];
  aspectRatios: readonly ("16:9" | "9:16" | "1:1")[];
  resolutions: readonly ("720p" | "1080p")[];
  /** Units per second of output at 720p without native audio. */
  unitsPerSecond720: number;
  usdPerSecond720: number;
  /** Integer cents for a 5-s clip at 720p (the cost-model unit), rounded up. */
  centsPer5s: number;
  priceSource: string;
  priceDate: string;
}

const SRC = "kling.ai/document-api/pricing/base/video (aself101/kling-api docs/api/kling-pricing-video.md)";
const DATE = "2026-09-20";
/** $ per resource-pack unit implied by the pricing table (0.3 units = $0.042). */
export const KLING_USD_PER_UNIT = 0.14;

export const KLING_MODELS: readonly KlingModel[] = [
  { id: "kling-2.6", label: "Kling 2.6 (default)", status: "current", durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p", "1080p"], unitsPerSecond720: 0.3, usdPerSecond720: 0.042, centsPer5s: 21, priceSource: SRC, priceDate: DATE },
  { id: "kling-2.5-turbo", label: "Kling 2.5 Turbo", status: "current", durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p", "1080p"], unitsPerSecond720: 0.3, usdPerSecond720: 0.042, centsPer5s: 21, priceSource: SRC, priceDate: DATE },
  { id: "kling-3.0-turbo", label: "Kling 3.0 Turbo (native audio)", status: "current", durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p", "1080p"], unitsPerSecond720: 0.8, usdPerSecond720: 0.112, centsPer5s: 56, priceSource: SRC, priceDate: DATE },
  // Legacy names: kept so an old setting gets a clear message instead of a mystery 4xx.
  { id: "kling-v1", label: "Kling v1 (discontinued)", status: "discontinued", legacy: true, durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p"], unitsPerSecond720: 0.2, usdPerSecond720: 0.028, centsPer5s: 14, priceSource: "shared/providers/kling.md", priceDate: "2026-11-21" },
  { id: "kling-v1-5", label: "Kling v1.5 (retired 2026-09-15)", status: "discontinued", legacy: true, durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p"], unitsPerSecond720: 0.2, usdPerSecond720: 0.028, centsPer5s: 14, priceSource: "shared/providers/kling.md", priceDate: "2026-11-21" },
  { id: "kling-v1-6", label: "Kling v1.6 (retired 2026-09-15)", status: "discontinued", legacy: true, durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p"], unitsPerSecond720: 0.2, usdPerSecond720: 0.028, centsPer5s: 14, priceSource: "shared/providers/kling.md", priceDate: "2026-11-21" },
  { id: "kling-v2-1", label: "Kling v2.1 (retired 2026-09-15)", status: "discontinued", legacy: true, durations: [5, 10], aspectRatios: ["16:9", "9:16", "1:1"], resolutions: ["720p"], unitsPerSecond720: 0.2, usdPerSecond720: 0.028, centsPer5s: 14, priceSource: "shared/providers/kling.md", priceDate: "2026-11-21" },
];

export const KLING_DEFAULT_MODEL = "kling-2.6";

export function klingModel(id: string | undefined): KlingModel | undefined {
  return KLING_MODELS.find((m) => m.id === (id || KLING_DEFAULT_MODEL));
}

export const currentKlingModels = () => KLING_MODELS.filter((m) => m.status === "current");

/** What to tell a workspace whose model is gone. */
export function discontinuedMessage(id: string): string {
  return `The Kling model '${id}' has been discontinued. Pick a current model (${currentKlingModels().map((m) => m.id).join(", ")}) in Settings → Providers → Kling.`;
}

export const JWT_ONLY_MESSAGE =
  "Kling's current models need an API key (sent as Authorization: Bearer). Create one in the Kling console (API Keys → Create a new API Key) and paste it in Settings → Providers → Kling; the access key / secret key pair only works with Kling's legacy endpoints.";

/**
 * Kling Avatar (presenter role): a talking video from one photo and speech. The speech comes from
 * Kling's own TTS (POST /v1/audio/tts → audio id), the video from POST /v1/videos/avatar/image2video
 * {image, audio_id, mode}. Sources (Kling's pages as copied in aself101/kling-api, fetched
 * 2026-09-20; read 2026-11-30): docs/api/kling-avatar.md, docs/api/kling-text-to-speech.md
 * (text ≤ 1000 chars, voice_language zh|en, voice_speed 0.8–2.0), docs/api/kling-pricing-video.md
 * ("Avatar | Per second | 0.4 Units ($0.056) /s" at 720P std; "TTS | 0.05 Units ($0.007) /call").
 */
export const KLING_AVATAR = {
  mode: "std",
  unitsPerSecond: 0.4,
  usdPerSecond: 0.056,
  ttsUnitsPerCall: 0.05,
  maxTextChars: 1000,
  /** Audio 2–300 s (docs/api/kling-avatar.md, sound_file / audio_id notes). */
  maxDurationSec: 300,
  languages: ["en", "zh"] as const,
  priceSource: "kling.ai/document-api/pricing/base/video (aself101/kling-api docs/api/kling-pricing-video.md)",
  priceDate: "2026-09-20",
} as const;

/**
 * Kling TTS voices used when a profile has no Kling voice of its own. Ids from the voice_id enum
 * of fal's Kling TTS schema (fal-ai/kling-video/v1/tts, 2026-08-02) and the doc's own example
 * (oversea_male1); "commercial_lady_en_f-v1" is labelled "Commercial Lady (EN)" in client voice lists.
 */
export const KLING_DEFAULT_VOICES = { en: { female: "commercial_lady_en_f-v1", male: "oversea_male1" } } as const;
