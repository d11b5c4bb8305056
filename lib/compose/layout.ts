/**
 * Where things go in each aspect, designed per aspect (not crops of one frame):
 *   split   → landscape/square: presenter left, visual right, captions in a band below both;
 *             portrait: visual above presenter, captions on the seam between them
 *   visual  → the visual fills the frame above a bottom band that holds the presenter's corner
 *             bubble and, beside it, the captions
 *   presenter → the presenter fills the frame, captions over the chest
 * 9:16 keeps the bubble, captions, chip and logo clear of the platform UI (TikTok / Reels /
 * Shorts draw buttons over the right ~12 % and their description over the bottom ~20 %).
 * Captions never cover the face (`faceBox`), a card (`visual`), the bubble, the chip or the logo:
 * layout.test in compose.test.ts checks every aspect × layout.
 */
import type { LogoPosition } from "@/lib/brand/types";
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

/** Caption placement, the same shape the studio's caption grouping reads (lib/render/scene). */
export interface CaptionSlot {
  centerX: number;
  /** y of the strip's bottom edge; the text sits on it. */
  bottom: number;
  maxWidth: number;
  fontSize: number;
  minFontSize: number;
  /** Height of the strip (room for two lines). */
  height: number;
}

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
  captions: CaptionSlot;
  /** The brand logo's box (when the kit has a logo), the same in every shot of an aspect. */
  logo: Rect | null;
  /** Where a platform's own UI does not cover the frame. */
  safe: Rect;
}

export interface LayoutBrand {
  /** Logo position and width as a share of the short side; `aspect` = logo width / height. */
  logo?: { position: LogoPosition; scale: number; aspect: number } | null;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);
const rect = (x: number, y: number, w: number, h: number): Rect => ({ x: even(x), y: even(y), w: even(w), h: even(h) });

/** The chip's largest box (its width is at most maxWidth; height 2.8 units, cards/chip.ts). */
export function chipRect(c: ShotLayout["chip"]): Rect {
  return { x: c.x, y: c.y, w: c.maxWidth, h: Math.round(c.unit * 2.8) };
}

/** Where a face can be in a presenter region (coverFace centres it, or it sits at 36 % when the crop is clamped). */
export function faceBox(r: Rect): Rect {
  return { x: r.x + r.w * 0.2, y: r.y + r.h * 0.18, w: r.w * 0.6, h: r.h * 0.44 };
}

export const intersects = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function captionRect(c: CaptionSlot): Rect {
  return { x: Math.round(c.centerX - c.maxWidth / 2), y: Math.round(c.bottom - c.height), w: Math.round(c.maxWidth), h: Math.round(c.height) };
}

interface Frame {
  aspect: ComposeAspect;
  width: number;
  height: number;
  short: number;
  m: number;
  portrait: boolean;
  safe: Rect;
  fontSize: number;
  stripH: number;
}

function frameOf(aspect: ComposeAspect, scale: number): Frame {
  const width = even(COMPOSE_SIZES[aspect].width * scale);
  const height = even(COMPOSE_SIZES[aspect].height * scale);
  const short = Math.min(width, height);
  const m = short * 0.045;
  const portrait = height > width * 1.1;
  const safe = aspect === "9:16" ? { x: m, y: height * 0.06, w: width * 0.88 - m, h: height * 0.8 - height * 0.06 } : { x: m, y: m, w: width - 2 * m, h: height - 2 * m };
  const fontSize = Math.round(short * (portrait ? 0.062 : 0.058));
  const stripH = 2 * Math.round(fontSize * 1.18) + 2 * Math.round(fontSize * 0.3);
  return { aspect, width, height, short, m, portrait, safe, fontSize, stripH };
}

const slot = (f: Frame, centerX: number, bottom: number, maxWidth: number): CaptionSlot => ({
  centerX: Math.round(centerX),
  bottom: Math.round(bottom),
  maxWidth: even(maxWidth),
  fontSize: f.fontSize,
  minFontSize: Math.round(f.fontSize * 0.65),
  height: f.stripH,
});

/** The layout without the logo; `chipTop` moves the chip (and what hangs under it) down. */
function baseLayout(f: Frame, layout: SceneLayout, chipTop: number): Omit<ShotLayout, "logo"> {
  const { width, height, m, portrait, safe } = f;
  const unit = portrait ? f.short / 40 : f.short / 30;
  const chip = { x: even(m), y: even(chipTop), unit, maxWidth: even(width * 0.7) };
  const vTop = chip.y + chip.unit * 3;
  const safeBottom = safe.y + safe.h;
  const safeRight = safe.x + safe.w;
  if (layout === "presenter") {
    const captions = slot(f, (safe.x + safeRight) / 2, safeBottom - m * 0.5, safe.w - m);
    return { width, height, presenter: rect(0, 0, width, height), bubble: null, visual: null, chip, captions, safe };
  }
  if (layout === "split") {
    if (portrait) {
      const top = height * (f.aspect === "9:16" ? 0.5 : 0.52);
      // The caption strip straddles the seam: its upper half is the band under the card, its
      // lower half the space above the presenter's head.
      const captions = slot(f, (safe.x + safeRight) / 2, top + f.stripH / 2, safe.w - m);
      const visual = rect(m, vTop, width - 2 * m, top - f.stripH / 2 - m * 0.3 - vTop);
      return { width, height, presenter: rect(0, top, width, height - top), bubble: null, visual, chip, captions, safe };
    }
    const left = width * (f.aspect === "1:1" ? 0.44 : 0.42);
    const captions = slot(f, width / 2, safeBottom, width - 2 * m);
    const visual = rect(left + m * 0.5, vTop, width - left - m * 1.5, captions.bottom - f.stripH - m * 0.5 - vTop);
    return { width, height, presenter: rect(0, 0, left, height), bubble: null, visual, chip: { ...chip, x: even(left + m * 0.5), maxWidth: even(Math.min(chip.maxWidth, width - m - (left + m * 0.5))) }, captions, safe };
  }
  // visual: a bottom band holds the bubble (right) and the captions (left of it).
  const d = even(f.short * (portrait ? 0.34 : 0.28));
  const bubble = { x: even(safeRight - d), y: even(safeBottom - d), d };
  const captions = slot(f, (safe.x + bubble.x - m * 0.5) / 2, safeBottom, bubble.x - m * 0.5 - safe.x);
  const top = Math.min(bubble.y, captions.bottom - f.stripH) - m * 0.5;
  const h = top - vTop;
  // Landscape cards are kept from becoming long strips: at most twice as wide as tall, centred.
  const w = portrait ? width - 2 * m : Math.min(width - 2 * m, h * 2);
  return { width, height, presenter: null, bubble, visual: rect((width - w) / 2, vTop, w, h), chip, captions, safe };
}

const LAYOUTS: SceneLayout[] = ["presenter", "split", "visual"];

/** The logo's box for an aspect: at its corner, clear of the chip, captions and bubble of every layout. */
function logoRect(f: Frame, logo: NonNullable<LayoutBrand["logo"]>): Rect {
  const w = f.short * logo.scale;
  const h = w / Math.max(0.1, logo.aspect);
  const right = logo.position.endsWith("right");
  const x = right ? f.safe.x + f.safe.w - w : f.safe.x;
  if (logo.position.startsWith("top")) return rect(x, f.safe.y, w, h);
  // Bottom corners: above everything that lives in the bottom band of any layout on that side.
  let bottom = f.safe.y + f.safe.h;
  const box = { x, y: 0, w, h: f.height };
  for (const l of LAYOUTS) {
    const b = baseLayout(f, l, f.safe.y);
    const cap = captionRect(b.captions);
    if (intersects(box, cap)) bottom = Math.min(bottom, cap.y);
    if (b.bubble && intersects(box, { x: b.bubble.x, y: b.bubble.y, w: b.bubble.d, h: b.bubble.d })) bottom = Math.min(bottom, b.bubble.y);
  }
  return rect(x, bottom - f.m * 0.5 - h, w, h);
}

/** `scale` shrinks every size (tests render at a quarter size; layout proportions are kept). */
export function shotLayout(aspect: ComposeAspect, layout: SceneLayout, scale = 1, brand: LayoutBrand = {}): ShotLayout {
  const f = frameOf(aspect, scale);
  const logo = brand.logo ? logoRect(f, brand.logo) : null;
  // A top-left logo pushes the chip (and the card under it) down.
  const below = logo ? logo.y + logo.h + f.m * 0.4 : f.safe.y;
  let base = baseLayout(f, layout, logo && brand.logo!.position === "top-left" ? below : f.safe.y);
  if (logo && brand.logo!.position === "top-right") {
    // A top-right logo shortens the chip's row so a long label stops before it; when too little
    // row is left (the split layout's chip starts mid-frame) the chip moves under the logo.
    const room = logo.x - f.m * 0.5 - base.chip.x;
    if (room < f.width * 0.45) base = baseLayout(f, layout, below);
    else base.chip.maxWidth = even(Math.min(base.chip.maxWidth, room));
  }
  return { ...base, logo };
}
