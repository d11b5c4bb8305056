/** The local studio: offline presenter videos with ffmpeg. */
export { renderPresenterVideo, mouthTrack, blinkTrack, FPS, X264_PRESET, X264_CRF, type RenderResult } from "./render";
export {
  validateRenderInput,
  MAX_SCRIPT_CHARS,
  MAX_TITLE_CHARS,
  MIN_VOICE_SPEED,
  MAX_VOICE_SPEED,
  PRESENTER_STYLES,
  type RenderInput,
  type RenderProgress,
} from "./validate";
export {
  probeMedia,
  makeThumbnail,
  resolveFfmpegPaths,
  ffmpegVersion,
  lastErrorLine,
  type MediaInfo,
  type FfmpegPaths,
} from "./ffmpeg";
export {
  optimiseForPlatform,
  checkDurationFits,
  videoBitrateCap,
  getPlatformPreset,
  PLATFORM_PRESETS,
  PLATFORM_PRESET_IDS,
  type PlatformPreset,
  type PlatformPresetId,
  type OptimiseResult,
} from "./platform";
export {
  PRESENTERS,
  PRESENTER_SLUGS,
  getPresenter,
  presenterSvg,
  type PresenterProfile,
  type PresenterSlug,
  type PresenterTier,
} from "./presenters";
export { renderAvatarPreview, presenterPortraitPng, type AvatarPreview } from "./preview";
export { FRAME_SIZES } from "./layout";
export { synthesizeSpeech, splitPhrases, type Speech, type SpeechPhrase, type VoiceSpec } from "./tts";
export type { RenderBackground } from "./scene";
