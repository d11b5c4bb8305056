import { describe, expect, it } from "vitest";
import { parseReset, parseRetryAfter } from "./http";

const NOW = Date.UTC(2025, 5, 10, 12, 0, 0);

describe("retry header parsing", () => {
  it("Retry-After: seconds or HTTP date", () => {
    expect(parseRetryAfter("7", NOW)).toBe(7000);
    expect(parseRetryAfter(new Date(NOW + 12_000).toUTCString(), NOW)).toBe(12_000);
    expect(parseRetryAfter(new Date(NOW - 5_000).toUTCString(), NOW)).toBe(0);
    expect(parseRetryAfter("soon", NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });

  it("x-ratelimit-reset: Reddit seconds-until vs GitHub epoch", () => {
    expect(parseReset("598", NOW, "seconds")).toBe(598_000);
    expect(parseReset(String(NOW / 1000 + 30), NOW, "epoch")).toBe(30_000);
    expect(parseReset(String(NOW / 1000 + 30), NOW, "auto")).toBe(30_000);
    expect(parseReset("42", NOW, "auto")).toBe(42_000);
    expect(parseReset("x", NOW, "auto")).toBeNull();
  });
});
