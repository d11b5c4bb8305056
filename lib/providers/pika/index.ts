/** Pika (via fal.ai) adapter. Split: api.ts (HTTP) · transform.ts (pure mapping) · provider.ts · models.ts. */
export { falApi, falBase } from "./api";
export { PIKA_DEFAULT_MODEL, PIKA_MODELS, pikaModel, type PikaModel } from "./models";
export { createPikaProvider, pikaProvider } from "./provider";
export { FAL_DEFAULT_BASE_URL, PIKA_APP, buildSubmit, decodeFalRef, encodeFalRef, falRequestId, parsePikaWebhook, parseSubmit, resultUrl, statusOf, type FalJobRef } from "./transform";
