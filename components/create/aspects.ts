/** The four aspect choices, as the create form and the campaign form offer them. */
import type { Aspect } from "./types";

export const ASPECTS: { id: Aspect; label: string; ratio: string; w: number; h: number }[] = [
  { id: "portrait", label: "Portrait", ratio: "9:16", w: 9, h: 16 },
  { id: "landscape", label: "Landscape", ratio: "16:9", w: 16, h: 9 },
  { id: "square", label: "Square", ratio: "1:1", w: 1, h: 1 },
  // Instagram's portrait feed post; only some providers make it (routing skips the others).
  { id: "portrait_4x5", label: "Feed", ratio: "4:5", w: 4, h: 5 },
];
