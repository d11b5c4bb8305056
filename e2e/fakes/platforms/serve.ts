/**
 * The three platform fakes as one process for Playwright (a webServer entry in
 * playwright.config.ts): TikTok on E2E_PLATFORM_PORT, YouTube on +1, Instagram on +2.
 * The apps are "audited"/"verified" here so posts can go public, as they would in production
 * after TikTok's audit and Google's verification; the unaudited paths are covered in
 * lib/publishing/publishing.test.ts. The credentials match platformEnv() below.
 */
import { startInstagramFake } from "./instagram";
import { startTikTokFake } from "./tiktok";
import { startYouTubeFake } from "./youtube";

export const E2E_PLATFORM_CREDENTIALS = {
  tiktok: { clientKey: "e2e-tiktok-key", clientSecret: "e2e-tiktok-secret" },
  youtube: { clientId: "e2e-yt.apps.googleusercontent.com", clientSecret: "e2e-yt-secret" },
  instagram: { appId: "e2e-meta-app", appSecret: "e2e-meta-secret" },
};

/** What the app under test needs to talk to the fakes (passed to the app's webServer env). */
export function platformEnv(basePort: number): Record<string, string> {
  const c = E2E_PLATFORM_CREDENTIALS;
  return {
    TIKTOK_CLIENT_KEY: c.tiktok.clientKey, TIKTOK_CLIENT_SECRET: c.tiktok.clientSecret, TIKTOK_BASE_URL: `http://127.0.0.1:${basePort}`, TIKTOK_AUDITED: "1",
    GOOGLE_CLIENT_ID: c.youtube.clientId, GOOGLE_CLIENT_SECRET: c.youtube.clientSecret, YOUTUBE_BASE_URL: `http://127.0.0.1:${basePort + 1}`, YOUTUBE_VERIFIED: "1",
    META_APP_ID: c.instagram.appId, META_APP_SECRET: c.instagram.appSecret, INSTAGRAM_BASE_URL: `http://127.0.0.1:${basePort + 2}`,
    // Status polls come back after a second, not the production 15 s.
    PUBLISHING_POLL_SECONDS: "1",
  };
}

async function main() {
  const base = Number(process.env.E2E_PLATFORM_PORT);
  if (!Number.isInteger(base) || base <= 0) throw new Error("Set E2E_PLATFORM_PORT to the first of three free ports.");
  const c = E2E_PLATFORM_CREDENTIALS;
  const fakes = await Promise.all([
    startTikTokFake({ ...c.tiktok, audited: true, pollsBeforeDone: 1 }, base),
    startYouTubeFake({ ...c.youtube, verified: true }, base + 1),
    startInstagramFake({ ...c.instagram }, base + 2),
  ]);
  console.log(`platform fakes on ${fakes.map((f) => f.baseUrl).join(" ")}`);
  const stop = async () => {
    await Promise.all(fakes.map((f) => f.close()));
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

if (process.argv[1] && /serve\.ts$/.test(process.argv[1])) void main();
