import postgres from "postgres";
import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import * as schema from "./schema";
import { admitQuery, DbDownError, noteDbError, noteDbOk, probeDone } from "./unavailable";

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

let sql: postgres.Sql | undefined;
let guarded: postgres.Sql | undefined;
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
 *
 * `backoff` (measured with bench/outage.ts, 2026-12-01): postgres.js waits before reconnecting
 * a pool slot whose last connect failed, by default `(0.5..1) × min(3^retries / 100, 20)` s
 * with `retries` shared by the whole pool and growing with every refused connect. A query
 * handed to such a slot waited out the delay before its connect even started: 13 s for a
 * list request 7 s into an outage (ECONNREFUSED at the end), and the first requests after
 * the server returned waited the same way (the 0.5–4 s recovery). The down-latch
 * (db/unavailable.ts) already keeps an outage from becoming a connect storm — one probe per
 * latch period per process — so the pool's own delay is kept short and flat.
 */
export function getSql(): postgres.Sql {
  sql ??= postgres(databaseUrl(), {
    max: Number(process.env.DB_POOL_SIZE ?? 10),
    prepare: process.env.DB_PREPARE !== "off",
    onnotice: () => {},
    connect_timeout: Number(process.env.DB_CONNECT_TIMEOUT_SECONDS ?? 2),
    backoff: () => Number(process.env.DB_RECONNECT_BACKOFF_SECONDS ?? 0.2),
    idle_timeout: 30,
    max_lifetime: 30 * 60,
    // Embedded PGlite has no TLS; real servers negotiate from the URL's sslmode.
    ssl: databaseUrl().includes("sslmode=require") ? "require" : false,
  });
  guarded ??= withDownLatch(sql);
  return guarded;
}

/**
 * Watches a query (a postgres.js PendingQuery: it runs when awaited) for the down-latch. While
 * latched and another query is probing, it never runs: awaiting it rejects at once with
 * DbDownError (chained helpers like `.values()` return the same object, so they get the same
 * answer). Its outcome sets or clears the latch.
 */
function watch<T>(q: T): T {
  if (!(q instanceof Promise)) return q; // helpers like sql("name") build fragments, not queries
  const orig = q.then;
  const verdict = admitQuery();
  const down = verdict instanceof DbDownError ? verdict : null;
  const probe = verdict === "probe";
  Object.defineProperty(q, "then", {
    configurable: true,
    writable: true,
    value(this: Promise<unknown>, ok?: (v: unknown) => unknown, bad?: (e: unknown) => unknown) {
      if (down) return Promise.reject(down).then(ok, bad);
      return orig.call(
        this,
        (v: unknown) => {
          noteDbOk();
          if (probe) probeDone();
          return ok ? ok(v) : v;
        },
        (e: unknown) => {
          noteDbError(e);
          if (probe) probeDone();
          if (bad) return bad(e);
          throw e;
        },
      );
    },
  });
  if (down) {
    // postgres.js's own catch/finally/execute would run the query first: answer without it.
    const self = q as unknown as Promise<unknown>;
    Object.defineProperty(q, "catch", { configurable: true, writable: true, value: (bad?: (e: unknown) => unknown) => self.then(undefined, bad) });
    Object.defineProperty(q, "finally", { configurable: true, writable: true, value: (f?: () => void) => Promise.prototype.finally.call(self, f) });
    Object.defineProperty(q, "execute", { configurable: true, writable: true, value: () => q });
  }
  return q;
}

/**
 * The pool as every caller sees it: queries (tagged template, `unsafe` — what Drizzle uses —
 * and `begin` for transactions) fail at once while the down-latch is set (db/unavailable.ts),
 * and their outcome sets or clears it. Everything else passes through.
 */
function withDownLatch(raw: postgres.Sql): postgres.Sql {
  return new Proxy(raw, {
    apply(target, thisArg, args) {
      // A fragment or identifier helper is built, not run: watch() leaves it alone.
      return watch(Reflect.apply(target as unknown as (...a: unknown[]) => unknown, thisArg, args));
    },
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== "function") return v;
      const fn = v as (...a: unknown[]) => unknown;
      if (prop === "unsafe") {
        return (...a: unknown[]) => watch(fn.apply(target, a));
      }
      if (prop === "begin") {
        return (...a: unknown[]) => {
          const verdict = admitQuery();
          if (verdict instanceof DbDownError) return Promise.reject(verdict);
          const settle = () => verdict === "probe" && probeDone();
          return (fn.apply(target, a) as Promise<unknown>).then(
            (v2) => {
              noteDbOk();
              settle();
              return v2;
            },
            (e) => {
              noteDbError(e);
              settle();
              throw e;
            },
          );
        };
      }
      return fn.bind(target);
    },
  });
}

export function getDb(): Db {
  db ??= drizzle(getSql(), { schema });
  return db;
}

export async function closeDb(): Promise<void> {
  const s = sql;
  sql = undefined;
  guarded = undefined;
  // Another database (tests) or a fresh start: what the old pool saw says nothing about it.
  noteDbOk();
  probeDone();
  db = undefined;
  await s?.end({ timeout: 5 });
}

export { schema };
export { isDbUnavailable } from "./unavailable";
