/**
 * Vitest global setup: one real PostgreSQL for the run. TEST_DATABASE_URL (CI's server) gets
 * a fresh database created and migrated from zero; otherwise an in-memory embedded PGlite.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

let embedded: EmbeddedPostgres | undefined;
let dropDb: (() => Promise<void>) | undefined;

export async function setup() {
  let url: string;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `avs_test_${process.pid}_${Date.now()}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDb = async () => {
      const a = postgres(server, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
  }
  await runMigrations(url);
  const { seedDefaults } = await import("./seed");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("./schema");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await seedDefaults(drizzle(sql, { schema }));
  await sql.end();

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-test-"));
  process.env.DATABASE_URL = url;
  process.env.DATA_DIR = dataDir;
  process.env.APP_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  (process.env as Record<string, string>).NODE_ENV = "test";
  process.env.DB_POOL_SIZE = embedded ? "4" : "10";
}

export async function teardown() {
  await dropDb?.();
  await embedded?.stop();
}
