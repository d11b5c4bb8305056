/** The "Source: …" chip shown for the first seconds of a cited scene. */
import { hasDevanagari } from "@/lib/render/devanagari-runs";
import { FONT_FAMILY, svgContentWidth, textMarkup } from "@/lib/render/raster";
import { fitText, runLineWidth, textBlock } from "./svg";

/** A dark pill sized to its text; `unit` is about 1/40 of the frame's short side. */
export function citationChipSvg(
  label: string,
  unit: number,
  maxWidth: number,
  colours: { fill: string; text: string; accent?: string } = { fill: "#0b0f1a", text: "#ffffff" },
): { svg: string; width: number; height: number } {
  const size = Math.round(unit * 1.5);
  const padX = Math.round(unit * 1.1);
  const text = fitText(`Source: ${label}`, maxWidth - 2 * padX, size, Math.round(size * 0.75), 1);
  // Sized from the real font's width (the estimate runs short on bold capitals): a line still
  // too wide after fitting is drawn smaller.
  // A line with Devanagari is drawn as script runs (textBlock → runLine): measured as drawn.
  const measured = hasDevanagari(text.lines[0])
    ? runLineWidth(text.lines[0], text.size, 700)
    : svgContentWidth(
        `<svg xmlns="http://www.w3.org/2000/svg" width="8000" height="400"><text x="10" y="200" font-family="${FONT_FAMILY}" font-weight="700" font-size="${text.size}">${textMarkup(text.lines[0])}</text></svg>`,
        text.lines[0],
      );
  const avail = maxWidth - 2 * padX;
  if (measured > avail) text.size = Math.floor((text.size * avail) / measured);
  const width = Math.min(maxWidth, Math.ceil(Math.min(measured, avail)) + 2 * padX);
  const height = Math.round(unit * 2.8);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect x="0" y="0" width="${width}" height="${height}" rx="${Math.round(height / 2)}" fill="${colours.fill}" fill-opacity="0.82"${colours.accent ? ` stroke="${colours.accent}" stroke-width="${Math.max(2, Math.round(unit * 0.15))}"` : ""}/>` +
    textBlock(text.lines, { x: padX, y: Math.round((height - text.size * 1.25) / 2), size: text.size, fill: colours.text }).svg +
    `</svg>`;
  return { svg, width, height };
}
