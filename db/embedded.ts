/**
 * The embedded PostgreSQL: PGlite served on a loopback port, so the app, the worker,
 * drizzle-kit and psql all use one ordinary postgres:// URL. PGlite runs one query at a
 * time; the socket server multiplexes connections, and our scheduler (pglite-serial-queue.ts)
 * keeps each connection's exchange and transaction together.
 *
 * PGlite itself trusts every connection, so it listens only on a Unix socket in a private
 * directory; the loopback TCP port is a password gate (embedded-auth.ts). The password is
 * generated once into DATA_DIR/pglite-password (0600) next to the data, or per start for an
 * in-memory database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type net from "node:net";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { installSerialScheduler } from "./pglite-serial-queue";
import { startPasswordGate } from "./embedded-auth";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

function passwordFor(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(18).toString("hex");
  const file = path.join(path.dirname(dataDir), "pglite-password");
  try {
    const existing = fs.readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch {
    // first start: generate below
  }
  const pw = randomBytes(18).toString("hex");
  fs.writeFileSync(file, pw, { mode: 0o600 });
  return pw;
}

export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number; host?: string } = {}): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (opts.dataDir) {
    fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
    db = await PGlite.create({ dataDir: opts.dataDir });
  } else {
    db = await PGlite.create();
  }
  const password = passwordFor(opts.dataDir);
  // Unix socket paths are short (~107 bytes): keep it under the system temp dir.
  const sockDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-pg-"));
  fs.chmodSync(sockDir, 0o700);
  const sockPath = path.join(sockDir, ".s.PGSQL");
  const server = new PGLiteSocketServer({ db, path: sockPath, maxConnections: 128 });
  installSerialScheduler((server as unknown as { queryQueue: Parameters<typeof installSerialScheduler>[0] }).queryQueue);
  await server.start();
  const host = opts.host ?? "127.0.0.1";
  const gate: net.Server = await startPasswordGate({ host, port: opts.port ?? 0, password, upstreamPath: sockPath });
  const port = (gate.address() as net.AddressInfo).port;
  return {
    url: `postgres://postgres:${password}@${host}:${port}/postgres`,
    async stop() {
      await new Promise<void>((resolve) => gate.close(() => resolve()));
      await server.stop();
      await db.close();
      fs.rmSync(sockDir, { recursive: true, force: true });
    },
  };
}
