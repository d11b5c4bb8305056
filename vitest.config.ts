import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    // Expected failures (fake 429s, 5xx) log warnings; keep the run's output to what matters.
    // Fakes listen on 127.0.0.1 (random ports): tests opt in to that private target explicitly
    // (lib/net/egress); the guard's own tests pass a strict policy instead.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? "error", EGRESS_ALLOW_HOSTS: process.env.EGRESS_ALLOW_HOSTS ?? "127.0.0.1" },
    // A safety net, not a speed claim: renders take 70–80 s at load 30 on 2 cores (issue 11 asks
    // the suite to pass on a loaded machine), so the net is wide; tests wait on events.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    globalSetup: ["./db/test-global-setup.ts"],
    setupFiles: ["./lib/testing/setup.ts"],
    // Integration tests share one PostgreSQL; files run in parallel but each test
    // creates its own workspace, so they never see each other's rows.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
