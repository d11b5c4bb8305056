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
import { isDbUnavailable } from "./unavailable";
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
    } finally {
      await closeDb();
      process.env.DATABASE_URL = saved;
    }
  });
});
