import { describe, expect, it } from "vitest";
import { parseRetryAfter, scrub } from "@/lib/providers/http";

describe("http helpers", () => {
  it("parses Retry-After seconds and HTTP-date", () => {
    expect(parseRetryAfter("7")).toBe(7000);
    expect(parseRetryAfter("1.5")).toBe(1500);
    const now = Date.parse("2026-11-21T10:00:00Z");
    expect(parseRetryAfter("Sat, 21 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 21 Nov 2026 09:00:30 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
  it("scrubs secrets, bearer tokens and JWTs", () => {
    const s = scrub("key SECRET-123456 Bearer abcdefghijkl and eyJhbGciOi.eyJpc3MiOi.c2lnbmF0dXJl", ["SECRET-123456"]);
    expect(s).not.toContain("SECRET-123456");
    expect(s).not.toContain("abcdefghijkl");
    expect(s).not.toContain("eyJhbGciOi");
  });
});
