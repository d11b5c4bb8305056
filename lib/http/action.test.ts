/** The one server-action result: field errors from zod, AppErrors as written, database errors mapped as in routes. */
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { runAction } from "./action";
import { toActionResult } from "@/lib/settings/result";
import { asAction } from "@/lib/research/action-result";

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

  it("the settings and research helpers return the same type, with the older fields mirrored", async () => {
    const bad = () => z.object({ rule: z.object({ field: z.string().min(1, "Name the field.") }) }).parse({ rule: { field: "" } });
    const s = await toActionResult(async () => bad());
    const r = await asAction(async () => bad());
    // Both carry THE error…
    expect(s).toMatchObject({ ok: false, error: { code: "bad_request", message: "Name the field.", fields: { "rule.field": "Name the field." } } });
    expect(r).toMatchObject({ ok: false, error: { code: "bad_request", fields: { "rule.field": "Name the field." } } });
    // …and the fields their forms still read (mutation tried: dropping `errors` from actionFailure fails here).
    expect(s).toMatchObject({ errors: { "rule.field": "Name the field." } });
    expect(r).toMatchObject({ message: "Some fields need attention.", fieldErrors: { "rule.field": "Name the field." } });
    const app = await toActionResult(async () => {
      throw new AppError("forbidden", "Ask an owner.");
    });
    expect(app).toMatchObject({ ok: false, error: { code: "forbidden" }, errors: { form: "Ask an owner." } });
  });
});
