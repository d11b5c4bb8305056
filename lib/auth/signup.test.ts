import { describe, it, expect } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { users } from "@/db/schema";
import { listMemberships } from "@/db/queries/accounts";
import { signUp } from "./signup";
import { verifyPassword } from "./password";

const email = (t: string) => `${t}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`;

describe("signUp", () => {
  it("creates the user with a hashed password and a personal workspace they own", async () => {
    const e = email("ok");
    const r = await signUp({ name: "Grace Hopper", email: e.toUpperCase(), password: "hunter2hunter2" });
    expect(r.ok).toBe(true);
    const [u] = await getDb().select().from(users).where(eq(users.email, e));
    expect(u.passwordHash).toMatch(/^scrypt\$/);
    expect(await verifyPassword("hunter2hunter2", u.passwordHash!)).toBe(true);
    expect(await verifyPassword("wrong", u.passwordHash!)).toBe(false);
    const ms = await listMemberships(getDb(), u.id);
    expect(ms).toHaveLength(1);
    expect(ms[0].role).toBe("owner");
    expect(ms[0].workspace.plan).toBe("free");
  });

  it("refuses an invalid email and a short password with clear messages and creates nothing", async () => {
    const r = await signUp({ name: "X", email: "nope", password: "short" });
    expect(r).toEqual({
      ok: false,
      errors: { email: "Enter a valid email address, like name@example.com.", password: "Use at least 8 characters for your password." },
    });
    expect(await getDb().select().from(users).where(eq(users.email, "nope"))).toHaveLength(0);
  });

  it("refuses a duplicate email and keeps the first account untouched", async () => {
    const e = email("dup");
    expect((await signUp({ name: "First", email: e, password: "password-one" })).ok).toBe(true);
    const r = await signUp({ name: "Second", email: e, password: "password-two" });
    expect(r).toEqual({ ok: false, errors: { email: "An account with this email already exists. Sign in instead." } });
    const rows = await getDb().select().from(users).where(eq(users.email, e));
    expect(rows).toHaveLength(1);
    expect(rows[0].name).toBe("First");
  });
});
