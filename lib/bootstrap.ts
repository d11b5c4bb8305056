/**
 * Start-up shared by server.ts and the standalone worker: configuration, the database
 * (embedded when DATABASE_URL is unset), migrations, seed, job engine.
 */
import fs from "node:fs";
import path from "node:path";
import { env, resetEnvCache } from "@/lib/env";
import { ensureAppSecret } from "@/lib/auth/secret";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "@/db/embedded";
import { runMigrations } from "@/db/migrate";
import { seedDefaults } from "@/db/seed";
import { getDb, closeDb } from "@/db/client";
import { JobEngine } from "@/lib/jobs/engine";
import { setJobEngine } from "@/lib/jobs/runtime";
import { jobCatalog } from "@/lib/jobs/catalog";
import { logger } from "@/lib/logger";
import { sweepStalledVideos } from "@/lib/videos/sweep";
import { listenForWakeUps } from "@/lib/videos/wake";

function startSweeper(engine: JobEngine): NodeJS.Timeout {
  const every = Math.max(1000, (env().VIDEO_LEASE_SECONDS * 1000) / 2);
  const tick = () => void sweepStalledVideos(engine.enqueue).catch((err) => logger.warn({ err }, "sweep failed"));
  tick();
  return setInterval(tick, every);
}

export interface Runtime {
  embedded?: EmbeddedPostgres;
  engine: JobEngine;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function bootstrap(opts: { role: "web" | "worker" }): Promise<Runtime> {
  const e = env();
  const dataDir = path.resolve(e.DATA_DIR);
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = ensureAppSecret(dataDir);
  process.env.NEXTAUTH_SECRET ??= secret;

  let embedded: EmbeddedPostgres | undefined;
  if (!e.DATABASE_URL) {
    if (opts.role === "worker") {
      throw new Error("A separate worker needs a real DATABASE_URL; the embedded database lives inside `npm run dev`.");
    }
    embedded = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "pglite") });
    process.env.DATABASE_URL = embedded.url;
    process.env.AVS_EMBEDDED_DB = "1";
    process.env.DB_POOL_SIZE ??= "8";
    // Holds the embedded database's password: readable by the operator only.
    fs.writeFileSync(path.join(dataDir, "database-url"), `${embedded.url}\n`, { mode: 0o600 });
    fs.chmodSync(path.join(dataDir, "database-url"), 0o600);
    resetEnvCache();
    logger.info({ url: embedded.url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@") }, "embedded PostgreSQL ready (full URL in .data/database-url)");
  }
  const databaseUrl = process.env.DATABASE_URL!;

  await runMigrations(databaseUrl);
  await seedDefaults(getDb());

  const work = opts.role === "worker" || env().WORKER === "on";
  const engine = new JobEngine({ connectionString: databaseUrl, jobs: jobCatalog(), work });
  await engine.start();
  setJobEngine(engine);
  // Cron runs at most once a minute; a killed worker's video should resume sooner than that.
  const sweeper = work ? startSweeper(engine) : undefined;
  // Provider callbacks land on web processes; a separate worker hears about them by NOTIFY.
  const unlistenWake = work && !embedded ? await listenForWakeUps() : undefined;

  return {
    embedded,
    engine,
    databaseUrl,
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await unlistenWake?.();
      await engine.stop();
      setJobEngine(undefined);
      await closeDb();
      await embedded?.stop();
    },
  };
}
