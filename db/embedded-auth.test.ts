import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded";

describe("embedded PostgreSQL authentication", () => {
  /*
   * Issue 10 #9: the embedded database accepted any password. Mutation tried: making the
   * gate skip the comparison (stage = "done" for any password) → the wrong-password client
   * connects and this test fails.
   */
  // Creating a PGlite takes long on a loaded machine; the work itself is a few round trips.
  it("listens on loopback, accepts its generated password and refuses a wrong or missing one", { timeout: 300_000 }, async () => {
    const pg = await startEmbeddedPostgres();
    const url = new URL(pg.url);
    expect(url.hostname).toBe("127.0.0.1");
    expect(url.password.length).toBeGreaterThanOrEqual(24);
    const ok = postgres(pg.url, { max: 1, onnotice: () => {} });
    const wrongUrl = new URL(pg.url);
    wrongUrl.password = "postgres";
    const wrong = postgres(wrongUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 30 /* seconds (postgres.js) */ });
    const noneUrl = new URL(pg.url);
    noneUrl.password = "";
    const none = postgres(noneUrl.toString(), { max: 1, onnotice: () => {}, connect_timeout: 30 /* seconds (postgres.js) */ });
    try {
      expect((await ok`select 1 as one`)[0].one).toBe(1);
      await expect(wrong`select 1`).rejects.toThrow(/password authentication failed/);
      await expect(none`select 1`).rejects.toThrow();
    } finally {
      await Promise.all([ok.end(), wrong.end(), none.end()]);
      await pg.stop();
    }
  });
});
