/**
 * Local HTTP fakes of the external video providers (see shared/providers/*.md). Each listens on
 * 127.0.0.1 on a free port and exposes { baseUrl, close(), setMode(), reset(), requests }.
 * Point the adapters at them with credentials.baseUrl (or HEYGEN_BASE_URL, KLING_BASE_URL,
 * FAL_BASE_URL, RUNWAY_BASE_URL).
 */
import { startHeygenFake, type HeygenFake, type HeygenFakeOptions } from "./heygen";
import { startKlingFake, type KlingFake, type KlingFakeOptions } from "./kling";
import { startPikaFake, type PikaFake, type PikaFakeOptions } from "./pika";
import { startRunwayFake, type RunwayFake, type RunwayFakeOptions } from "./runway";

export * from "./common";
export { startHeygenFake, startKlingFake, startPikaFake, startRunwayFake };
export type { HeygenFake, HeygenFakeOptions, KlingFake, KlingFakeOptions, PikaFake, PikaFakeOptions, RunwayFake, RunwayFakeOptions };

export interface ProviderFakes {
  heygen: HeygenFake;
  kling: KlingFake;
  pika: PikaFake;
  runway: RunwayFake;
  /** Environment variables that point the app at these fakes (keys included). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startProviderFakes(
  opts: { heygen?: HeygenFakeOptions; kling?: KlingFakeOptions; pika?: PikaFakeOptions; runway?: RunwayFakeOptions } = {},
): Promise<ProviderFakes> {
  const [heygen, kling, pika, runway] = await Promise.all([
    startHeygenFake(opts.heygen),
    startKlingFake(opts.kling),
    startPikaFake(opts.pika),
    startRunwayFake(opts.runway),
  ]);
  return {
    heygen,
    kling,
    pika,
    runway,
    env: {
      HEYGEN_API_KEY: heygen.apiKey,
      HEYGEN_BASE_URL: heygen.baseUrl,
      HEYGEN_WEBHOOK_SECRET: heygen.webhookSecret,
      KLING_API_KEY: kling.apiKey,
      KLING_BASE_URL: kling.baseUrl,
      FAL_KEY: pika.apiKey,
      FAL_BASE_URL: pika.baseUrl,
      RUNWAYML_API_SECRET: runway.apiKey,
      RUNWAY_BASE_URL: runway.baseUrl,
    },
    close: async () => {
      await Promise.all([heygen.close(), kling.close(), pika.close(), runway.close()]);
    },
  };
}
