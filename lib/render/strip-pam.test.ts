/**
 * stripPam (render.ts) writes a caption strip's PAM without composing the strip first; it
 * must be byte-for-byte what toPam(blank strip + blendOnto(caption)) was.
 */
import { describe, expect, it } from "vitest";
import { blank, blendOnto, svgToRgbaAsync, toPam } from "./raster";
import { stripPam } from "./render";

describe("caption strip PAM", () => {
  // Mutation tried: copying each row to x = 0 instead of x0 → the bytes differ.
  it("equals the PAM of the composed strip, centred, clipped on any side", async () => {
    const img = await svgToRgbaAsync(
      `<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect x="2" y="2" width="116" height="36" rx="8" fill="#111827" fill-opacity="0.6"/><text x="60" y="28" font-size="22" text-anchor="middle" fill="#facc15" font-family="Noto Sans">Héllo 42</text></svg>`,
    );
    const rect = { w: 200, h: 60 };
    for (const [x, y] of [[40, 20], [0, 0], [-30, 10], [150, 30], [40, -10]] as const) {
      const strip = blank(rect.w, rect.h);
      blendOnto(strip, img, x, y);
      expect(stripPam(rect, img, x, y).equals(toPam(strip, true)), `at ${x},${y}`).toBe(true);
    }
  });
});
