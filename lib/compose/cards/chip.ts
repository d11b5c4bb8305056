/** The "Source: …" chip shown for the first seconds of a cited scene. */
import { estimateTextWidth } from "@/lib/render/scene";
import { fitText, textBlock } from "./svg";

/** A dark pill sized to its text; `unit` is about 1/40 of the frame's short side. */
export function citationChipSvg(label: string, unit: number, maxWidth: number): { svg: string; width: number; height: number } {
  const size = Math.round(unit * 1.5);
  const padX = Math.round(unit * 1.1);
  const text = fitText(`Source: ${label}`, maxWidth - 2 * padX, size, Math.round(size * 0.75), 1);
  const width = Math.min(maxWidth, Math.ceil(estimateTextWidth(text.lines[0], text.size)) + 2 * padX);
  const height = Math.round(unit * 2.8);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect x="0" y="0" width="${width}" height="${height}" rx="${Math.round(height / 2)}" fill="#0b0f1a" fill-opacity="0.78"/>` +
    textBlock(text.lines, { x: padX, y: Math.round((height - text.size * 1.25) / 2), size: text.size, fill: "#ffffff" }).svg +
    `</svg>`;
  return { svg, width, height };
}
