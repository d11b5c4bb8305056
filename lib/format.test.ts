import { describe, expect, it } from "vitest";
import { formatCents, formatInTimeZone, timeZoneLabel } from "./format";

// One instant, 18:00 UTC on 30 Nov 2026 (winter: Berlin +1, New York -5, Kolkata +5:30).
const AT = new Date("2026-11-30T18:00:00Z");

describe("formatInTimeZone", () => {
  // Mutation tried: dropping `timeZone: validZone(timeZone)` (formatting in the process zone, UTC
  // here) → the Berlin and New York rows fail.
  it.each([
    ["Europe/Berlin", "Mon, Nov 30, 7:00 PM GMT+1"],
    ["America/New_York", "Mon, Nov 30, 1:00 PM EST"],
    ["Asia/Kolkata", "Mon, Nov 30, 11:30 PM GMT+5:30"],
    ["UTC", "Mon, Nov 30, 6:00 PM UTC"],
    // A bad zone must not throw a RangeError into a page render; it falls back to a named UTC.
    ["Mars/Olympus", "Mon, Nov 30, 6:00 PM UTC"],
    [null, "Mon, Nov 30, 6:00 PM UTC"],
  ])("%s", (tz, expected) => {
    expect(formatInTimeZone(AT, tz)).toBe(expected);
  });

  it("crosses the date line with the zone, not the server", () => {
    expect(formatInTimeZone("2026-11-30T23:30:00Z", "Asia/Tokyo")).toBe("Tue, Dec 1, 8:30 AM GMT+9");
  });

  it("accepts ISO strings and numbers; empty and invalid show a dash", () => {
    expect(formatInTimeZone(AT.toISOString(), "UTC", { weekday: false })).toBe("Nov 30, 6:00 PM UTC");
    expect(formatInTimeZone(AT.getTime(), "UTC", { weekday: false, year: true })).toBe("Nov 30, 2026, 6:00 PM UTC");
    expect(formatInTimeZone(null, "UTC")).toBe("—");
    expect(formatInTimeZone("not a date", "UTC")).toBe("—");
  });
});

describe("timeZoneLabel", () => {
  it("names the zone and its offset at that moment (DST aware)", () => {
    expect(timeZoneLabel("Europe/Berlin", AT)).toBe("Europe/Berlin (GMT+1)");
    expect(timeZoneLabel("Europe/Berlin", new Date("2026-07-01T12:00:00Z"))).toBe("Europe/Berlin (GMT+2)");
    expect(timeZoneLabel("UTC", AT)).toBe("UTC");
    expect(timeZoneLabel("Nope/Nope", AT)).toBe("UTC");
  });
});

describe("formatCents", () => {
  it("integer cents, negatives", () => {
    expect(formatCents(123456)).toBe("$1,234.56");
    expect(formatCents(-5)).toBe("-$0.05");
  });
});
