/**
 * Frame geometry per aspect ratio and presenter style: where the presenter card, the face
 * patch, the caption box and the title go. Caption areas keep clear of the platform UI
 * (TikTok / Reels / Shorts overlay their buttons on the right and bottom of 9:16 videos).
 */
import { ASPECT_RATIOS, type PresenterStyle } from "@/lib/providers/types";
import { FACE_PATCH } from "./presenters";

/**
 * Aspects the local studio renders: every shared aspect, 4:5 (Instagram's portrait feed post)
 * included. Providers that cannot make one say so in their capabilities and are not routed it.
 */
export const STUDIO_ASPECTS = ASPECT_RATIOS;
export type StudioAspect = (typeof STUDIO_ASPECTS)[number];

export const FRAME_SIZES: Record<StudioAspect, { width: number; height: number }> = {
  "9:16": { width: 1080, height: 1920 },
  "16:9": { width: 1920, height: 1080 },
  "1:1": { width: 1080, height: 1080 },
  "4:5": { width: 1080, height: 1350 },
};

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  aspectRatio: StudioAspect;
  style: PresenterStyle;
  width: number;
  height: number;
  /** The presenter's backdrop: a rounded card, or a disc for "circle". */
  frame: { kind: "card"; rect: Rect; radius: number } | { kind: "circle"; cx: number; cy: number; r: number };
  /** Where the 280×280 avatar viewBox is drawn (square). */
  avatar: { x: number; y: number; size: number };
  /** Torso below the avatar's viewBox continues to the frame bottom (card frames). */
  torso: boolean;
  /** The part of the frame that changes with mouth / eyes (even-aligned for yuv420p). */
  patch: Rect;
  caption: { centerX: number; bottom: number; maxWidth: number; fontSize: number; minFontSize: number };
  title: { centerX: number; centerY: number; maxWidth: number; fontSize: number };
}

const even = (n: number) => Math.round(n / 2) * 2;

export function computeLayout(aspectRatio: StudioAspect, style: PresenterStyle): Layout {
  const { width, height } = FRAME_SIZES[aspectRatio];
  let frame: Layout["frame"];
  let avatar: Layout["avatar"];
  let caption: Layout["caption"];
  let title: Layout["title"];
  // Face centre in the avatar viewBox (between eyes and mouth).
  const faceCy = 130 / 280;

  // Each aspect is designed on its own: the presenter is large, captions sit over the chest
  // (never the face) inside the platform safe areas.
  if (aspectRatio === "9:16") {
    // TikTok / Reels / Shorts draw their buttons over the right ~120 px and the bottom ~380 px.
    title = { centerX: width / 2, centerY: 150, maxWidth: 860, fontSize: 44 };
    caption = { centerX: width / 2 - 30, bottom: height - 400, maxWidth: 820, fontSize: 84, minFontSize: 52 };
    const card = { x: 50, y: 240, w: 980, h: 1260 };
    if (style === "circle") {
      frame = { kind: "circle", cx: width / 2, cy: 760, r: 450 };
    } else frame = { kind: "card", rect: card, radius: 64 };
  } else if (aspectRatio === "16:9") {
    // Landscape: presenter large on the left, title and captions on the right.
    title = { centerX: 1400, centerY: 250, maxWidth: 860, fontSize: 48 };
    caption = { centerX: 1400, bottom: 720, maxWidth: 860, fontSize: 84, minFontSize: 52 };
    const card = { x: 80, y: 60, w: 820, h: 960 };
    if (style === "circle") frame = { kind: "circle", cx: 490, cy: 540, r: 420 };
    else frame = { kind: "card", rect: card, radius: 56 };
  } else if (aspectRatio === "4:5") {
    // Instagram feed portrait: no overlaid buttons, but the profile grid shows a centred 3:4
    // crop (34 px off each side), so text keeps 80 px from the sides. The presenter fills the
    // upper two thirds; captions sit on the chest, below the chin, above a 70 px bottom margin.
    title = { centerX: width / 2, centerY: 66, maxWidth: 900, fontSize: 38 };
    caption = { centerX: width / 2, bottom: height - 70, maxWidth: 920, fontSize: 72, minFontSize: 44 };
    const card = { x: 90, y: 124, w: 900, h: 960 };
    if (style === "circle") frame = { kind: "circle", cx: width / 2, cy: 560, r: 420 };
    else frame = { kind: "card", rect: card, radius: 52 };
  } else {
    title = { centerX: width / 2, centerY: 62, maxWidth: 900, fontSize: 36 };
    caption = { centerX: width / 2, bottom: height - 44, maxWidth: 920, fontSize: 68, minFontSize: 42 };
    const card = { x: 140, y: 116, w: 800, h: 820 };
    if (style === "circle") frame = { kind: "circle", cx: width / 2, cy: 480, r: 370 };
    else frame = { kind: "card", rect: card, radius: 48 };
  }

  // Half-body framing: the card runs off the bottom of the frame and the presenter's torso
  // continues down to it (sceneSvg extends the clothing), so no aspect ends in an empty strip
  // (9:16 used to leave its lower quarter blank). The avatar keeps its place in the old card.
  const portrait = frame.kind === "card" ? frame.rect : null;
  if (frame.kind === "card") frame = { ...frame, rect: { ...frame.rect, h: height - frame.rect.y + frame.radius } };

  if (frame.kind === "circle") {
    const size = frame.r * 2 * 0.98;
    avatar = { x: frame.cx - size / 2, y: frame.cy + frame.r - size, size };
  } else if (style === "closeup") {
    const c = portrait!;
    const size = c.w * 1.6;
    avatar = { x: c.x + c.w / 2 - size / 2, y: c.y + c.h * 0.5 - size * faceCy, size };
  } else {
    const c = portrait!;
    // Portrait zooms in (face larger, shoulders run off the card's sides).
    const size = c.w * (aspectRatio === "9:16" ? 1.3 : aspectRatio === "16:9" ? 1.12 : aspectRatio === "4:5" ? 1.14 : 1.08);
    avatar = { x: c.x + c.w / 2 - size / 2, y: c.y + c.h - size, size };
  }
  avatar = { x: Math.round(avatar.x), y: Math.round(avatar.y), size: Math.round(avatar.size) };

  const k = avatar.size / 280;
  const px = even(avatar.x + FACE_PATCH.x * k) - 2;
  const py = even(avatar.y + FACE_PATCH.y * k) - 2;
  const patch = { x: px, y: py, w: even(FACE_PATCH.w * k) + 4, h: even(FACE_PATCH.h * k) + 4 };
  return { aspectRatio, style, width, height, frame, avatar, torso: frame.kind === "card", patch, caption, title };
}
