/**
 * Which database the tests run on (set by db/test-global-setup.ts). On the embedded PGlite
 * every transaction is serialised, so a test of a concurrency invariant (row locks, slot
 * claims) would pass even with the guard removed: such tests use `it.skipIf(embedded)` and
 * say so in their name, rather than passing for the wrong reason.
 */
export const embedded = process.env.AVS_TEST_DB === "embedded";
export const EMBEDDED_SKIP_REASON = "needs a concurrent PostgreSQL server (embedded PGlite serialises transactions)";
