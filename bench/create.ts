/**
 * Create-request throughput and latency: POST /api/v1/videos on the production server against
 * a real PostgreSQL, next to a bare node:http + postgres.js handler doing the same insert, in
 * the same run. Needs a built app (`npm run build`) and BENCH_DATABASE_URL (or
 * TEST_DATABASE_URL) pointing at a PostgreSQL server whose database it may create in.
 *
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:create
 */
import http from "node:http";
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

const server = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = Number(process.env.BENCH_PORT ?? 3000 + Math.floor(Math.random() * 5000) + 1000);

if (!server) {
  console.error("Set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a PostgreSQL server URL; the bench creates its own database there.");
  process.exit(2);
}
if (!fs.existsSync(".next/BUILD_ID")) {
  console.error("Build the app first: npm run build");
  process.exit(2);
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function load(name: string, send: (i: number) => Promise<number>) {
  const lat: number[] = [];
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const i = next++;
        const s = performance.now();
        const status = await send(i);
        lat.push(performance.now() - s);
        if (status >= 300) failed++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const line = `${name.padEnd(34)} ${(REQUESTS / secs).toFixed(0).padStart(6)} req/s   p50 ${percentile(lat, 50).toFixed(1).padStart(7)} ms   p99 ${percentile(lat, 99).toFixed(1).padStart(7)} ms   failed ${failed}`;
  console.log(line);
  return { rps: REQUESTS / secs, p50: percentile(lat, 50), p99: percentile(lat, 99) };
}

async function main() {
  const dbName = `avs_bench_${Date.now()}`;
  const admin = postgres(server!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const u = new URL(server!);
  u.pathname = `/${dbName}`;
  const url = u.toString();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-bench-"));
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dataDir;
  process.env.APP_SECRET ??= "bench-secret-bench-secret-bench-secret-0123456789";

  const { runMigrations } = await import("../db/migrate");
  await runMigrations(url);
  const { seedDefaults } = await import("../db/seed");
  const { getDb, getSql, closeDb } = await import("../db/client");
  await seedDefaults(getDb());
  const { signUp } = await import("../lib/auth/signup");
  const { createApiKey } = await import("../lib/auth/api-keys");
  const { updateCaps } = await import("../lib/budget");
  const r = await signUp({ name: "Bench", email: `bench-${Date.now()}@example.com`, password: "bench-password" });
  if (!r.ok) throw new Error("sign-up failed");
  await updateCaps(r.workspaceId, { perVideoCents: null, dailyCents: null, monthlyCents: null });
  const { key } = await createApiKey(r.workspaceId, r.userId, "bench");
  const sql = getSql();
  const [avatar] = await sql`select id from avatar_profiles where slug = 'sarah'`;

  // The app: production server, web only (no worker), so we time the request path alone.
  const app = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(PORT), WORKER: "off", LOG_LEVEL: "warn" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  // Never leave the server behind, whatever happens to the bench.
  process.on("exit", () => app.kill("SIGKILL"));
  app.once("exit", (code) => {
    if (code) console.error(`app server exited with ${code} (port ${PORT} busy?)`);
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/api/health`)).status < 600) break;
    } catch {
      if (i > 300) throw new Error("app did not start");
      await new Promise((res) => setTimeout(res, 200));
    }
  }

  // The baseline: the same insert from a bare node:http handler with postgres.js.
  const bare = http.createServer(async (req, res) => {
    let body = "";
    for await (const c of req) body += c;
    const b = JSON.parse(body) as { title: string; script: string };
    const [row] = await sql`insert into video_generations (workspace_id, script_title, script_content, avatar_profile_id, background)
      values (${r.workspaceId}, ${b.title}, ${b.script}, ${avatar.id}, ${JSON.stringify({ type: "color", value: "#ffffff" })}::jsonb) returning id`;
    res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify(row));
  });
  await new Promise<void>((res) => bare.listen(0, "127.0.0.1", res));
  const barePort = (bare.address() as { port: number }).port;
  const agent = { keepalive: true };

  const payload = (i: number) => JSON.stringify({ title: `Bench ${i}`, script: "A short script for the benchmark. It has two sentences.", avatarProfileId: "sarah" });
  // Warm both paths (JIT, route compilation, connection pools) before measuring.
  for (let i = 0; i < 20; i++) {
    const res = await fetch(`http://127.0.0.1:${PORT}/api/v1/videos`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: payload(-i) });
    if (res.status !== 201) throw new Error(`warm-up request failed: HTTP ${res.status} ${await res.text()}`);
    await fetch(`http://127.0.0.1:${barePort}/`, { method: "POST", body: payload(-i), ...agent });
  }
  console.log(`${REQUESTS} requests, concurrency ${CONCURRENCY}, PostgreSQL ${url.replace(/\/\/.*@/, "//…@")}`);
  const appR = await load("POST /api/v1/videos (app)", async (i) =>
    (await fetch(`http://127.0.0.1:${PORT}/api/v1/videos`, { method: "POST", headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: payload(i) })).status,
  );
  const bareR = await load("bare node:http + postgres.js insert", async (i) => (await fetch(`http://127.0.0.1:${barePort}/`, { method: "POST", body: payload(i) })).status);
  console.log(`app / bare: throughput ${(appR.rps / bareR.rps).toFixed(2)}x, p50 ${(appR.p50 / bareR.p50).toFixed(1)}x, p99 ${(appR.p99 / bareR.p99).toFixed(1)}x`);

  app.kill("SIGTERM");
  await new Promise((res) => app.once("exit", res));
  bare.close();
  await closeDb();
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
