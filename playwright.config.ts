import { defineConfig } from "@playwright/test";
import fs from "node:fs";
import { platformEnv } from "./e2e/fakes/platforms/serve";

const PORT = Number(process.env.E2E_PORT ?? 3100);
// TikTok/YouTube/Instagram fakes (e2e/fakes/platforms/serve.ts) on three ports from here; chosen
// once in the runner and inherited by its workers through the environment.
const PLATFORM_PORT = Number((process.env.E2E_PLATFORM_PORT ??= String(42000 + Math.floor(Math.random() * 8000))));
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

export default defineConfig({
  testDir: "./e2e",
  testMatch: /.*\.spec\.ts/,
  outputDir: "test-results",
  timeout: 180_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
    },
  },
  globalSetup: "./e2e/global-setup.ts",
  webServer: [
    {
      command: "npx tsx e2e/fakes/platforms/serve.ts",
      url: `http://127.0.0.1:${PLATFORM_PORT}/__health`,
      env: { E2E_PLATFORM_PORT: String(PLATFORM_PORT) },
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // A production build on a fresh embedded database, exactly what `npm start` runs.
      command: "bash e2e/start-server.sh",
      url: `http://localhost:${PORT}/api/health`,
      env: platformEnv(PLATFORM_PORT),
      timeout: 600_000,
      reuseExistingServer: !process.env.CI,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
