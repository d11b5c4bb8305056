/** The one server-action result: field errors from zod, AppErrors as written, database errors mapped as in routes. */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { runAction } from "./action";

describe("runAction", () => {
  it("returns data, zod fields, AppErrors and mapped database errors in one shape", async () => {
    expect(await runAction(async () => 42)).toEqual({ ok: true, data: 42 });
    const zod = await runAction(async () => z.object({ title: z.string().min(1, "Give it a title.") }).parse({ title: "" }));
    expect(zod).toMatchObject({ ok: false, error: { code: "bad_request", fields: { title: "Give it a title." } } });
    const app = await runAction(async () => {
      throw new AppError("conflict", "Already there.");
    });
    expect(app).toMatchObject({ ok: false, error: { code: "conflict", message: "Already there." } });
    // Mutation tried: passing `err` straight to describeActionError → "internal" (a 500 in words).
    const db = await runAction(() => getDb().execute(sql`select ${"nope"}::uuid`));
    expect(db).toMatchObject({ ok: false, error: { code: "not_found" } });
  });
});
