import { describe, it, expect } from "vitest";
import { authRedirect, safeCallbackPath } from "./redirect";

/*
 * Mutations tried: dropping the `raw[1] === "/" || "\\"` check lets `//evil.example/x` and
 * `/\evil.example` through (rows 2-3 fail); dropping the origin comparison in authRedirect
 * lets `https://evil.example/` through (last table fails).
 */
describe("safeCallbackPath", () => {
  const table: [string | null, string][] = [
    ["/videos/123?tab=share#top", "/videos/123?tab=share#top"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["/\\/evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/x", "/"],
    ["http://localhost:3000/videos", "/"],
    ["javascript:alert(1)", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    [" /videos", "/"],
    ["videos", "/"],
    ["", "/"],
    [null, "/"],
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/sign-in?callbackUrl=//evil.example", "/sign-in?callbackUrl=//evil.example"],
  ];
  it.each(table)("%j → %j", (input, expected) => {
    expect(safeCallbackPath(input)).toBe(expected);
  });
});

describe("authRedirect (next-auth redirect callback)", () => {
  const base = "http://localhost:3000";
  it.each([
    ["/create", "http://localhost:3000/create"],
    ["http://localhost:3000/videos?x=1", "http://localhost:3000/videos?x=1"],
    ["https://evil.example/", "http://localhost:3000/"],
    ["http://localhost:3001/", "http://localhost:3000/"],
    ["//evil.example/x", "http://localhost:3000/"],
    ["/\\evil.example", "http://localhost:3000/"],
    ["http://localhost:3000//evil.example", "http://localhost:3000/"],
  ])("%j → %j", (url, expected) => {
    expect(authRedirect(url, base)).toBe(expected);
  });
});
