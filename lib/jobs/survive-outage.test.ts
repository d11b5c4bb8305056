/**
 * Issue 11 chaos run: both workers died within a second of a PostgreSQL restart. These are the
 * two errors that escaped (copied from the workers' stderr) and a bug that must still end the
 * process.
 *
 * Mutation tried: isOutageNoise without the postgres.js connection.js TypeError branch → the
 * "dropped socket" case fails (the worker would exit again).
 */
import { describe, it, expect } from "vitest";
import { isOutageNoise } from "./survive-outage";

describe("isOutageNoise", () => {
  it("is true for pg-boss's escaped ECONNREFUSED (AggregateError of a dual-stack connect too)", () => {
    expect(isOutageNoise(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:44893"), { errno: -111, code: "ECONNREFUSED", syscall: "connect" }))).toBe(true);
    expect(isOutageNoise(Object.assign(new AggregateError([Object.assign(new Error("refused"), { code: "ECONNREFUSED" })]), {}))).toBe(true);
  });

  it("is true for postgres.js writing to a socket it just dropped", () => {
    const e = new TypeError("Cannot read properties of null (reading 'write')");
    e.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at Immediate.nextWrite (file:///app/node_modules/postgres/src/connection.js:255:22)\n    at process.processImmediate (node:internal/timers:483:21)`;
    expect(isOutageNoise(e)).toBe(true);
  });

  it("is false for our own bugs (the process still exits on those)", () => {
    const e = new TypeError("Cannot read properties of null (reading 'write')");
    e.stack = `TypeError: Cannot read properties of null (reading 'write')\n    at render (/app/lib/render/ffmpeg.ts:10:1)`;
    expect(isOutageNoise(e)).toBe(false);
    expect(isOutageNoise(new Error("boom"))).toBe(false);
    expect(isOutageNoise(undefined)).toBe(false);
  });
});
