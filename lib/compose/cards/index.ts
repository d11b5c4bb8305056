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

/** A brand kit's accent for the cards that have no source colour of their own (quote, number). */
export interface CardTheme {
  accent: string;
}
export const DEFAULT_CARD_THEME: CardTheme = { accent: "#7c3aed" };

export function cardSvg(card: CardSpec, box: Box, theme: CardTheme = DEFAULT_CARD_THEME): string {
  switch (card.kind) {
    case "trend":
      return trendCardSvg(card, box);
    case "quote":
      return quoteCardSvg(card, box, theme.accent);
    case "number":
      return numberCardSvg(card, box, theme.accent);
    default:
      return researchCardSvg(card, box);
  }
}

/** All the text a card draws (to pick fonts: CJK text loads the system's CJK font). */
export function cardText(card: CardSpec): string {
  return Object.values(card).filter((v) => typeof v === "string").join(" ");
}

export function cardPng(card: CardSpec, box: Box, theme?: CardTheme): Buffer {
  return svgToPng(cardSvg(card, { width: Math.round(box.width), height: Math.round(box.height) }, theme), { text: cardText(card) });
}
