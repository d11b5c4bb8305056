/**
 * Where things go in each aspect, designed per aspect (not crops of one frame):
 *   split   → landscape/square: presenter left, visual right; portrait: visual above presenter
 *   visual  → the visual fills the frame (cards keep a margin), presenter in a corner bubble
 *   presenter → the presenter fills the frame
 * 9:16 keeps the bubble and chip clear of the platform UI (buttons on the right and bottom).
 */
import type { ComposeAspect, SceneLayout } from "./types";

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export const COMPOSE_SIZES: Record<ComposeAspect, { width: number; height: number }> = {
  "9:16": { width: 1080, height: 1920 },
  "16:9": { width: 1920, height: 1080 },
  "1:1": { width: 1080, height: 1080 },
  "4:5": { width: 1080, height: 1350 },
};

export interface ShotLayout {
  width: number;
  height: number;
  /** Where the presenter video is drawn (cover-cropped around the face); null = not shown. */
  presenter: Rect | null;
  /** Corner bubble (a circle of diameter `d`) for the visual layout. */
  bubble: { x: number; y: number; d: number } | null;
  /** Where the visual goes; null for presenter shots. */
  visual: Rect | null;
  /** Top-left of the "Source: …" chip and the unit its text is sized from. */
  chip: { x: number; y: number; unit: number; maxWidth: number };
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const rect = (x: number, y: number, w: number, h: number): Rect => ({ x: even(x), y: even(y), w: even(w), h: even(h) });

/** `scale` shrinks every size (tests render at a quarter size; layout proportions are kept). */
export function shotLayout(aspect: ComposeAspect, layout: SceneLayout, scale = 1): ShotLayout {
  const width = even(COMPOSE_SIZES[aspect].width * scale);
  const height = even(COMPOSE_SIZES[aspect].height * scale);
  const short = Math.min(width, height);
  const m = short * 0.045;
  const portrait = height > width * 1.1;
  const chip = { x: even(m), y: even(portrait ? height * 0.06 : m), unit: short / 40, maxWidth: even(width * 0.7) };
  if (layout === "presenter") return { width, height, presenter: rect(0, 0, width, height), bubble: null, visual: null, chip };
  if (layout === "split") {
    if (portrait) {
      const top = height * (aspect === "9:16" ? 0.5 : 0.52);
      return { width, height, presenter: rect(0, top, width, height - top), bubble: null, visual: rect(m, chip.y + chip.unit * 3, width - 2 * m, top - chip.y - chip.unit * 3 - m * 0.5), chip };
    }
    const left = width * (aspect === "1:1" ? 0.44 : 0.42);
    return { width, height, presenter: rect(0, 0, left, height), bubble: null, visual: rect(left + m * 0.5, m + chip.unit * 3, width - left - m * 1.5, height - 2 * m - chip.unit * 3), chip: { ...chip, x: even(left + m * 0.5) } };
  }
  // visual
  const d = even(short * (portrait ? 0.34 : 0.28));
  const bottomSafe = aspect === "9:16" ? height * 0.2 : m;
  const rightSafe = aspect === "9:16" ? width * 0.12 : m;
  const bubble = { x: even(width - rightSafe - d), y: even(height - bottomSafe - d), d };
  const vTop = chip.y + chip.unit * 3;
  const vis = portrait ? rect(m, vTop, width - 2 * m, bubble.y - vTop - m * 0.5) : rect(m, vTop, width - 2 * m - d * 0.55, height - vTop - m);
  return { width, height, presenter: null, bubble, visual: vis, chip };
}
