import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

let sql: postgres.Sql | undefined;
let db: Db | undefined;

function databaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. `npm run dev` starts an embedded PostgreSQL and sets it; a separate worker needs a real DATABASE_URL.",
    );
  }
  return url;
}

/**
 * Pool settings chosen for outages (issue 11, defect 5): while PostgreSQL is down a request
 * must fail in seconds, not hang. `connect_timeout` bounds each connection attempt;
 * `idle_timeout` drops idle sockets so a restarted server is not met with dead ones;
 * `max_lifetime` recycles connections. Recovery needs nothing: the next query reconnects.
 */
export function getSql(): postgres.Sql {
  sql ??= postgres(databaseUrl(), {
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    prepare: process.env.DB_PREPARE !== "off",
    onnotice: () => {},
    connect_timeout: Number(process.env.DB_CONNECT_TIMEOUT_SECONDS ?? 3),
    idle_timeout: 30,
    max_lifetime: 30 * 60,
    // Embedded PGlite has no TLS; real servers negotiate from the URL's sslmode.
    ssl: databaseUrl().includes("sslmode=require") ? "require" : false,
  });
  return sql;
}

export function getDb(): Db {
  db ??= drizzle(getSql(), { schema });
  return db;
}

export async function closeDb(): Promise<void> {
  const s = sql;
  sql = undefined;
  db = undefined;
  await s?.end({ timeout: 5 });
}

export { schema };
export { isDbUnavailable } from "./unavailable";
