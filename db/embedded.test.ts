import { describe, it, expect } from "vitest";
import postgres from "postgres";
import { startEmbeddedPostgres } from "./embedded";

describe("embedded PostgreSQL under concurrency", () => {
  it("keeps each connection's extended-protocol exchange and transaction together", async () => {
    const pg = await startEmbeddedPostgres();
    const a = postgres(pg.url, { max: 8, onnotice: () => {} });
    const b = postgres(pg.url, { max: 8, onnotice: () => {} });
    try {
      await a`create table counter (id int primary key, n int not null)`;
      await a`insert into counter values (1, 0)`;
      // Parameterised queries with different shapes from 16 connections at once.
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          i % 2 ? a`select ${i}::int as v, ${"x" + i}::text as s` : b`select ${i}::int as v`,
        ),
      );
      results.forEach((r, i) => expect(r[0].v).toBe(i));
      // Read-modify-write in transactions from two clients: no lost update.
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? a : b).begin(async (tx) => {
            const [row] = await tx`select n from counter where id = 1 for update`;
            await tx`update counter set n = ${row.n + 1} where id = 1`;
          }),
        ),
      );
      expect((await a`select n from counter where id = 1`)[0].n).toBe(40);
      // A failing statement does not wedge the session for everyone else.
      await expect(a`select * from missing_table`).rejects.toThrow(/missing_table/);
      expect((await b`select 1 as one`)[0].one).toBe(1);
    } finally {
      await a.end();
      await b.end();
      await pg.stop();
    }
  });
});
