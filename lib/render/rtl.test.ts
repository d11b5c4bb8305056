/**
 * Right-to-left caption lines (scene.ts textLine): resvg ignores `direction`, so without the
 * right-to-left marks an Arabic or Hebrew sentence put its full stop on the right-hand end.
 */
import { describe, expect, it } from "vitest";
import { svgToRgba } from "./raster";
import { rtlLine, textLine } from "./scene";

/** Columns (min, max) holding red ink, and those holding white ink. */
function inkColumns(svg: string, text: string) {
  const img = svgToRgba(svg, { text });
  const red = { min: Infinity, max: -Infinity };
  const white = { min: Infinity, max: -Infinity };
  for (let y = 0; y < img.height; y++)
    for (let x = 0; x < img.width; x++) {
      const i = (y * img.width + x) * 4;
      const [r, g, b, a] = [img.data[i], img.data[i + 1], img.data[i + 2], img.data[i + 3]];
      if (a < 200) continue;
      const box = r > 200 && g < 80 && b < 80 ? red : r > 200 && g > 200 && b > 200 ? white : null;
      if (!box) continue;
      box.min = Math.min(box.min, x);
      box.max = Math.max(box.max, x);
    }
  return { red, white };
}

describe("right-to-left lines", () => {
  it("knows a line by its first letter", () => {
    expect(rtlLine("مرحبا بكم.")).toBe(true);
    expect(rtlLine("42 שלום עולם")).toBe(true);
    expect(rtlLine("Hello مرحبا")).toBe(false);
    expect(rtlLine("🚀 123")).toBe(false);
  });

  // Mutation tried: no right-to-left marks (rlm = "") → the red full stop is drawn to the
  // right of the words, and both Arabic and Hebrew cases fail.
  for (const words of ["مرحبا بكم", "שלום עולם"]) {
    it(`puts the full stop of "${words}." at the left end`, () => {
      const line = textLine([{ text: words }, { text: ".", sep: "", attrs: 'fill="#ff0000"' }], 64, 700);
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="120"><rect width="800" height="120" fill="#000"/>${line.element(400, 84, 'fill="#ffffff"')}</svg>`;
      const { red, white } = inkColumns(svg, `${words}.`);
      expect(red.max).toBeGreaterThan(0);
      expect(red.max).toBeLessThan(white.min + 4);
      // Still centred on x = 400 (the marks have no width).
      expect(Math.abs((Math.min(red.min, white.min) + Math.max(red.max, white.max)) / 2 - 400)).toBeLessThan(6);
    });
  }
});
