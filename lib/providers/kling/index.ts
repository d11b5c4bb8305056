/** Kling adapter. Split: api.ts (HTTP) · transform.ts (pure mapping) · provider.ts · models.ts. */
export { KLING_DEFAULT_BASE_URL, klingApi, klingJwt } from "./api";
export { JWT_ONLY_MESSAGE, KLING_AVATAR, KLING_DEFAULT_VOICES, KLING_DEFAULT_MODEL, KLING_MODELS, KLING_USD_PER_UNIT, currentKlingModels, discontinuedMessage, klingModel, type KlingModel } from "./models";
export { createKlingProvider, klingAvatarEstimate, klingProvider, klingTaskId } from "./provider";
export { AVATAR_PATH, TTS_PATH, billedCents, buildAvatarTask, buildTts, parseTts, ttsLanguage, unitsToCents, buildCreateTask, buildLegacyCreateTask, externalTaskId, parseCreateTask, parseKlingCallback, taskFromList, toPollResult } from "./transform";
