import { defineConfig } from "vitest/config";
import path from "node:path";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["./db/test-global-setup.ts"],
    // Integration tests share one PostgreSQL; files run in parallel but each test
    // creates its own workspace, so they never see each other's rows.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
