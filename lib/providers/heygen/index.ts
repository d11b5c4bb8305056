/** HeyGen adapter (v3 only). Split: api.ts (HTTP) · transform.ts (pure mapping) · provider.ts · models.ts. */
export { HEYGEN_DEFAULT_BASE_URL, heygenApi } from "./api";
export { HEYGEN_ASPECT_RATIOS, HEYGEN_DEFAULT_MODEL, HEYGEN_MODELS, heygenModel, type HeygenModel } from "./models";
export { createHeygenProvider, heygenProvider, type HeygenProvider } from "./provider";
export {
  buildCreateVideoBody,
  heygenCallbackIsSigned,
  idempotencyKey,
  parseAutoVoice,
  parseCreateVideo,
  parseHeygenWebhook,
  parseLooks,
  parseUserMe,
  parseVoices,
  pickVoice,
  toPollResult,
  verifyHeygenWebhook,
  type HeygenLook as HeygenAvatar,
  type HeygenLook,
  type HeygenVoice,
  type WalletInfo,
} from "./transform";
