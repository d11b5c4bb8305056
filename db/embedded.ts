/**
 * The embedded PostgreSQL: PGlite served on a loopback port, so the app, the worker,
 * drizzle-kit and psql all use one ordinary postgres:// URL. PGlite runs one query at a
 * time; the socket server multiplexes connections, and our scheduler (pglite-serial-queue.ts)
 * keeps each connection's exchange and transaction together.
 */
import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { installSerialScheduler } from "./pglite-serial-queue";

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(opts: { dataDir?: string; port?: number } = {}): Promise<EmbeddedPostgres> {
  let db: PGlite;
  if (opts.dataDir) {
    fs.mkdirSync(path.dirname(opts.dataDir), { recursive: true });
    db = await PGlite.create({ dataDir: opts.dataDir });
  } else {
    db = await PGlite.create();
  }
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 128 });
  installSerialScheduler((server as unknown as { queryQueue: Parameters<typeof installSerialScheduler>[0] }).queryQueue);
  await server.start();
  const port = server.getServerConn().split(":").pop();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
