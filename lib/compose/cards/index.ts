/**
 * Research cards drawn offline: SVG (all text escaped) → PNG with resvg and our shipped fonts.
 * No network at render time; a card is a function of its fields and its box.
 */
import { svgToPng } from "@/lib/render/raster";
import type { SceneVisual } from "../types";
import { numberCardSvg, quoteCardSvg, trendCardSvg } from "./figures";
import { researchCardSvg } from "./research";
import type { Box } from "./svg";

export type CardSpec = Extract<SceneVisual, { type: "card" }>["card"];
export { citationChipSvg } from "./chip";

export function cardSvg(card: CardSpec, box: Box): string {
  switch (card.kind) {
    case "trend":
      return trendCardSvg(card, box);
    case "quote":
      return quoteCardSvg(card, box);
    case "number":
      return numberCardSvg(card, box);
    default:
      return researchCardSvg(card, box);
  }
}

/** All the text a card draws (to pick fonts: CJK text loads the system's CJK font). */
export function cardText(card: CardSpec): string {
  return Object.values(card).filter((v) => typeof v === "string").join(" ");
}

export function cardPng(card: CardSpec, box: Box): Buffer {
  return svgToPng(cardSvg(card, { width: Math.round(box.width), height: Math.round(box.height) }), { text: cardText(card) });
}
