import { describe, expect, it } from "vitest";
import { centsToDollarInput, parseDollarsToCents } from "./money";

describe("parseDollarsToCents", () => {
  it.each([
    ["12.50", 1250],
    ["12.5", 1250],
    ["12", 1200],
    ["0", 0],
    ["0.01", 1],
    [".5", 50],
    ["5.", 500],
    ["$5.00", 500],
    [" $ 1,234.56 ", 123456],
    ["1000000", 100_000_000],
    // 0.1 + 0.2 style float traps must be exact.
    ["0.29", 29],
    ["1.15", 115],
    ["4.35", 435],
  ])("%s → %i cents", (input, cents) => {
    expect(parseDollarsToCents(input)).toEqual({ ok: true, cents });
  });

  it("treats empty as no cap", () => {
    expect(parseDollarsToCents("")).toEqual({ ok: true, cents: null });
    expect(parseDollarsToCents("   ")).toEqual({ ok: true, cents: null });
    expect(parseDollarsToCents(null)).toEqual({ ok: true, cents: null });
  });

  it.each([
    ["-1", "zero or more"],
    ["-0.50", "zero or more"],
    ["abc", "like 12.50"],
    ["12abc", "like 12.50"],
    ["1e3", "like 12.50"],
    ["12,34", "like 12.50"],
    ["1.2.3", "like 12.50"],
    [".", "like 12.50"],
    ["$", "like 12.50"],
    ["0x10", "like 12.50"],
    ["12.345", "two decimals"],
    ["1000000.01", "at most $1,000,000"],
    ["99999999999999999999", "at most $1,000,000"],
  ])("refuses %s with a message", (input, fragment) => {
    const r = parseDollarsToCents(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(fragment);
  });

  it("round-trips through the form value", () => {
    for (const c of [0, 1, 99, 100, 1250, 123456]) {
      expect(parseDollarsToCents(centsToDollarInput(c))).toEqual({ ok: true, cents: c });
    }
    expect(centsToDollarInput(null)).toBe("");
    expect(centsToDollarInput(1205)).toBe("12.05");
  });
});
