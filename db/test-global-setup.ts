/**
 * Vitest global setup: one real PostgreSQL server for the run, by default (issue 11, defect 6):
 * 1. TEST_DATABASE_URL (CI's or the lead's server): a fresh database on it, migrated from zero;
 * 2. else, when the server binaries are installed (/usr/lib/postgresql/<v>/bin/postgres): a
 *    throwaway cluster (initdb in a temp dir, random loopback port, fsync off), removed after;
 * 3. else the embedded PGlite. It serialises every transaction, so tests whose invariant only a
 *    concurrent server can show skip there, visibly (AVS_TEST_DB=embedded; see lib/testing/db-kind).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";
import { findPostgresBinDir, startPgCluster, type PgCluster } from "../lib/testing/pg-cluster";

let embedded: EmbeddedPostgres | undefined;
let cluster: PgCluster | undefined;
let dropDb: (() => Promise<void>) | undefined;

async function freshDatabaseOn(server: string): Promise<string> {
  const name = `avs_test_${process.pid}_${Date.now()}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${name}`;
  dropDb = async () => {
    const a = postgres(server, { max: 1, onnotice: () => {} });
    await a.unsafe(`drop database if exists ${name} with (force)`);
    await a.end();
  };
  return u.toString();
}

export async function setup() {
  let url: string;
  let kind: "server" | "cluster" | "embedded";
  if (process.env.TEST_DATABASE_URL) {
    url = await freshDatabaseOn(process.env.TEST_DATABASE_URL);
    kind = "server";
  } else if (process.env.AVS_TEST_EMBEDDED !== "1" && findPostgresBinDir()) {
    cluster = await startPgCluster();
    // Test helpers that make databases of their own (useDedicatedDatabase) use this server too.
    process.env.TEST_DATABASE_URL = cluster.url;
    url = await freshDatabaseOn(cluster.url);
    kind = "cluster";
  } else {
    embedded = await startEmbeddedPostgres();
    url = embedded.url;
    kind = "embedded";
    console.warn("[tests] no PostgreSQL server: using embedded PGlite; tests that need a concurrent server are skipped.");
  }
  await runMigrations(url);
  const { seedDefaults } = await import("./seed");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("./schema");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await seedDefaults(drizzle(sql, { schema }));
  await sql.end();
  // Job queues are created by processes that migrate, not by senders (lib/jobs/queues.ts).
  const { createJobQueues } = await import("../lib/jobs/queues");
  await createJobQueues(url);

  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-test-"));
  process.env.DATABASE_URL = url;
  process.env.AVS_TEST_DB = kind;
  process.env.DATA_DIR = dataDir;
  process.env.APP_SECRET ??= "test-secret-test-secret-test-secret-0123456789";
  (process.env as Record<string, string>).NODE_ENV = "test";
  process.env.DB_POOL_SIZE = embedded ? "4" : "10";
}

export async function teardown() {
  await dropDb?.();
  await embedded?.stop();
  cluster?.destroy();
}
