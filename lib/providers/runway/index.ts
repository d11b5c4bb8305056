/** Runway adapter. Split: api.ts (HTTP) · transform.ts (pure mapping) · provider.ts. */
export { RUNWAY_API_VERSION, RUNWAY_DEFAULT_BASE_URL, runwayApi } from "./api";
export { createRunwayProvider, runwayProvider } from "./provider";
export { RUNWAY_AVATAR_MODEL, RUNWAY_DEFAULT_AVATAR_PRESET, RUNWAY_I2V_MODEL, RUNWAY_T2V_MODEL, buildAvatarVideo, buildClip, parseCreate, toPollResult } from "./transform";
