/**
 * Issue 11, defect 5: database errors that mean "unreachable" are told apart from bugs, so the
 * route layer answers 503 + Retry-After for them (and 500 never). Real errors, from the real
 * driver: a connection to a port nobody listens on, and errors of a live server.
 *
 * Mutations tried: NET_CODES without ECONNREFUSED → the "refused" case fails; PG_CODES
 * accepting every code → the syntax-error case fails.
 */
import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { getSql } from "./client";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { sql as dsql } from "drizzle-orm";
import { DbDownError, LATCH_MS, dbDownLatched, isDbUnavailable, noteDbError } from "./unavailable";
import { mapDbError } from "@/lib/http/db-errors";
import { freePort } from "@/lib/testing/pg-cluster";
import { health } from "@/lib/health";

describe("isDbUnavailable", () => {
  it("is true for a refused connection (server down), as postgres.js reports it", async () => {
    const port = await freePort();
    const sql = postgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { max: 1, connect_timeout: 30 /* seconds; the port refuses at once */, onnotice: () => {} });
    const err = await sql`select 1`.catch((e: unknown) => e);
    await sql.end({ timeout: 5 });
    expect(err).toBeInstanceOf(Error);
    expect(isDbUnavailable(err)).toBe(true);
    // Wrapped the way drizzle wraps driver errors.
    expect(isDbUnavailable(Object.assign(new Error("Failed query"), { cause: err }))).toBe(true);
  });

  it("is true for server shutdown / not-accepting codes, false for query errors", async () => {
    expect(isDbUnavailable({ code: "57P01" })).toBe(true); // admin_shutdown (restart)
    expect(isDbUnavailable({ code: "57P03" })).toBe(true); // cannot_connect_now (starting)
    expect(isDbUnavailable({ code: "53300" })).toBe(true); // too_many_connections
    const syntax = await getSql()`select from_nowhere(`.catch((e: unknown) => e);
    expect(isDbUnavailable(syntax)).toBe(false);
    expect(isDbUnavailable(new Error("boom"))).toBe(false);
    expect(isDbUnavailable(undefined)).toBe(false);
  });

  it("health says the database is fine while it is", async () => {
    const h = await health();
    expect(h.database.ok).toBe(true);
    expect(h.retryAfterSeconds).toBeUndefined();
  });

  it("health says why when the database is unreachable, with a retry hint", async () => {
    const saved = process.env.DATABASE_URL!;
    const { closeDb } = await import("./client");
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    try {
      const h = await health();
      expect(h.status).toBe("degraded");
      expect(h.database).toMatchObject({ ok: false, reason: "unreachable" });
      expect(h.database.error).toMatch(/unreachable/);
      expect(h.retryAfterSeconds).toBeGreaterThan(0);
      // Latched, with another query probing: health's check fails without connecting and still
      // says what the last real attempt saw (mutation tried: health printing the error's own
      // code again → "(57P03)", and this expectation fails).
      const [, latched] = await Promise.all([getSql()`select 1`.catch(() => undefined), health()]);
      expect(latched.database.error).toMatch(/unreachable \(ECONNREFUSED, checked again within \d+ s\)/);
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});

/**
 * The down-latch: after one "unreachable" error, one query at a time probes the server and every
 * other query fails at once (no connect attempt, no wait behind the pool); the probe's success
 * clears it. The fake server here answers like a starting PostgreSQL (FATAL 57P03) or holds the
 * connection without a word, and counts connections: a query failed fast must not open one.
 *
 * Mutations tried: db/client.ts watch() with the verdict forced to null (no latch) → the
 * concurrent queries connect too (connections +4, not +1); without `noteDbOk()` on success →
 * "a successful probe clears the latch" fails (still latched after the probe answered).
 */
describe("database down-latch (fast fail while PostgreSQL is down)", () => {
  it("fails queries at once while one probe is in flight, and tries again once the latch runs out", async () => {
    // ErrorResponse: 'E', int32 length, fields (S severity, C code, M message), terminator.
    const fields = Buffer.from("SFATAL\0C57P03\0Mthe database system is starting up\0\0", "latin1");
    const len = Buffer.alloc(4);
    len.writeInt32BE(fields.length + 4);
    const starting = Buffer.concat([Buffer.from("E"), len, fields]);
    let mode: "starting" | "hold" = "starting";
    const held: net.Socket[] = [];
    let connections = 0;
    let onConnection: (() => void) | undefined;
    const server = net.createServer((s) => {
      connections += 1;
      s.on("error", () => undefined);
      if (mode === "hold") held.push(s);
      else s.once("data", () => s.end(starting));
      onConnection?.();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const saved = process.env.DATABASE_URL!;
    const { closeDb, getDb } = await import("./client");
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${(server.address() as AddressInfo).port}/postgres`;
    try {
      const first = await getSql()`select 1`.catch((e: unknown) => e);
      expect(isDbUnavailable(first)).toBe(true);
      expect(first).not.toBeInstanceOf(DbDownError);
      expect(dbDownLatched()).toBe(true);
      const opened = connections;

      // The server now hangs. Four requests at once: one probes (and waits), three fail at once.
      mode = "hold";
      const probeConnected = new Promise<void>((r) => (onConnection = r));
      const probe = getSql()`select 1`.catch((e: unknown) => e);
      const rest = await Promise.all([getSql()`select 2`.catch((e: unknown) => e), getSql()`select 3`.catch((e: unknown) => e), getDb().execute(dsql`select 4`).catch((e: unknown) => e)]);
      expect(rest[0]).toBeInstanceOf(DbDownError);
      expect(rest[1]).toBeInstanceOf(DbDownError);
      // Through Drizzle too (wrapped in its query error); the route layer answers 503 + Retry-After.
      expect(isDbUnavailable(rest[2])).toBe(true);
      expect(mapDbError(rest[0])?.code).toBe("unavailable");
      expect(mapDbError(rest[2])?.code).toBe("unavailable");
      await probeConnected;
      expect(connections).toBe(opened + 1);

      // The probe gets the server's refusal: still latched.
      for (const s of held) s.end(starting);
      const probeErr = await probe;
      expect(probeErr).not.toBeInstanceOf(DbDownError);
      expect(isDbUnavailable(probeErr)).toBe(true);
      expect(dbDownLatched()).toBe(true);

      // The latch runs out (its clock moved back by LATCH_MS): the next query tries the server.
      mode = "starting";
      noteDbError(first, Date.now() - LATCH_MS - 1);
      const before = connections;
      const again = await getSql()`select 1`.catch((e: unknown) => e);
      expect(again).not.toBeInstanceOf(DbDownError);
      expect(connections).toBeGreaterThan(before);
    } finally {
      onConnection = undefined;
      await closeDb();
      process.env.DATABASE_URL = saved;
      server.close();
    }
  });

  it("a successful probe clears the latch at once (the first request after recovery succeeds)", async () => {
    noteDbError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
    expect(dbDownLatched()).toBe(true);
    expect((await getSql()`select 1 as n`)[0].n).toBe(1);
    expect(dbDownLatched()).toBe(false);
    expect((await getSql()`select 2 as n`)[0].n).toBe(2);
  });
});

/**
 * Where the slow outage requests came from (bench/outage.ts: 13 s for one list request 7 s
 * into a 15 s outage): postgres.js delays a pool slot's reconnect by an exponential backoff
 * over the pool's shared count of failed connects — up to 20 s — and a query handed to that
 * slot waits it out before its connect even starts. db/client.ts keeps the delay short.
 * Twenty refused connects in a row (the latch cleared before each, so each is a real connect):
 * the default backoff grows each slot's wait to seconds (9.3 s for one query); ours is ≤ 0.2 s.
 *
 * Mutation tried: `backoff` removed from getSql()'s options (postgres.js default) → fails at
 * query 19 (17.6 s elapsed, one query 9.3 s); with it the whole loop takes well under 1 s.
 */
describe("reconnect backoff while the server refuses", () => {
  it("a query never waits long for its pool slot's reconnect delay", { timeout: 60_000 }, async () => {
    const saved = process.env.DATABASE_URL!;
    const { closeDb } = await import("./client");
    const { noteDbOk } = await import("./unavailable");
    await closeDb();
    process.env.DATABASE_URL = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    try {
      const started = Date.now();
      let slowest = 0;
      for (let i = 0; i < 20; i++) {
        noteDbOk(); // not latched: this query makes a real connect attempt (refused)
        const t0 = Date.now();
        const err = await getSql()`select 1`.catch((e: unknown) => e);
        slowest = Math.max(slowest, Date.now() - t0);
        expect(isDbUnavailable(err)).toBe(true);
        expect(Date.now() - started, `query ${i + 1}: slowest so far ${slowest} ms`).toBeLessThan(15_000);
      }
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});
