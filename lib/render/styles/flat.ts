/**
 * "Flat geometric" presenters: our own art, drawn here, not DiceBear's. Thick ink outlines over
 * flat fills from a five-colour palette per presenter (skin, hair, top, collar, accent), round
 * and straight shapes only, no gradients — a second illustrated style next to avataaars.
 *
 * Contract with the renderer (same as the avataaars presenters, see presenters.ts):
 * - viewBox 0 0 280 280; everything that changes with mouth / eyes / brows lies inside
 *   FACE_PATCH, even with the head tilted by up to ±MAX_TILT_DEG (motion.test.ts checks);
 * - the mouth sits where visemeSvg draws (centre 140, 154), so the viseme set is shared;
 * - rows y 274–278 are the same all the way down (the torso is stretched from them);
 * - the head (hair, ears, face) turns about FLAT_NECK_PIVOT; the body never turns.
 */
import { visemeSvg, type Viseme } from "../visemes";

export interface FlatLook {
  style: "flat";
  skin: string;
  /** Neck and inner-ear shade. */
  shade: string;
  hair: string;
  top: string;
  collar: string;
  /** Card / accent colour behind the presenter. */
  accent: string;
  /** Hair shape and extras. */
  cut: "bob" | "crop";
  glasses?: boolean;
  earrings?: string;
}

export const FLAT_NECK_PIVOT = { x: 140, y: 186 } as const;
const INK = "#1d2235";
/** Lift of the brows on emphasis (viewBox units), as for the avataaars presenters. */
const BROW_LIFT = 6;

type Eyes = "open" | "closed" | "raised";

const SHOULDERS = "M36 300V248C36 222 60 206 98 200L121 196H159L182 200C220 206 244 222 244 248";

function body(l: FlatLook): string {
  // Shoulders with vertical sides below y 248 and no outline along the bottom (the scene draws
  // the avatar unclipped over its stretched torso rows 274–278, so a bottom edge would show).
  return (
    `<rect x="123" y="150" width="34" height="60" fill="#${l.shade}"/>` +
    `<path d="${SHOULDERS}V300Z" fill="#${l.top}"/><path d="${SHOULDERS}V300" fill="none" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>` +
    // Geometric collar: two triangles meeting at the neck, and the neck's V.
    `<path d="M121 196L140 222L159 196Z" fill="#${l.shade}" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>` +
    `<path d="M121 196L140 222L124 232L110 200Z" fill="#${l.collar}" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>` +
    `<path d="M159 196L140 222L156 232L170 200Z" fill="#${l.collar}" stroke="${INK}" stroke-width="3" stroke-linejoin="round"/>` +
    // A pocket square of the accent colour: the one asymmetric detail.
    `<path d="M184 236H206V244H184Z" fill="#${l.collar}" stroke="${INK}" stroke-width="2.5" stroke-linejoin="round"/>`
  );
}

function hairBack(l: FlatLook): string {
  if (l.cut !== "bob") return "";
  return `<path d="M78 114C78 64 106 42 140 42C174 42 202 64 202 114V178C202 186 196 190 188 190H92C84 190 78 186 78 178Z" fill="#${l.hair}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>`;
}

/** One flat highlight arc on the hair (the style's only "light"). */
const SHINE = `<path d="M108 70Q122 60 140 59" stroke="#ffffff" stroke-opacity="0.3" stroke-width="5" stroke-linecap="round" fill="none"/>`;

function hairFront(l: FlatLook): string {
  if (l.cut === "bob") {
    // A blunt, slightly slanted fringe.
    return `<path d="M90 112C90 72 112 54 140 54C170 54 190 72 190 108C176 98 160 92 120 94C106 96 96 102 90 112Z" fill="#${l.hair}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>${SHINE}`;
  }
  // Short crop with a geometric quiff.
  return `<path d="M90 110C86 72 106 50 136 48L150 40L152 50C176 54 194 74 190 110C184 96 176 88 164 86C150 94 120 92 104 88C96 94 92 100 90 110Z" fill="#${l.hair}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>${SHINE}`;
}

function eyes(state: Eyes): string {
  if (state === "closed") {
    return `<path d="M114 126Q122 132 130 126M150 126Q158 132 166 126" stroke="${INK}" stroke-width="3.5" stroke-linecap="round" fill="none"/>`;
  }
  return (
    `<ellipse cx="122" cy="125" rx="5.5" ry="7" fill="${INK}"/><ellipse cx="158" cy="125" rx="5.5" ry="7" fill="${INK}"/>` +
    `<circle cx="124" cy="122" r="1.8" fill="#fff"/><circle cx="160" cy="122" r="1.8" fill="#fff"/>`
  );
}

function brows(l: FlatLook, state: Eyes): string {
  const lift = state === "raised" ? BROW_LIFT : 0;
  const w = l.cut === "bob" ? 3.5 : 4.5;
  return `<g transform="translate(0 ${-lift})"><path d="M111 108Q121 102 132 106M148 106Q159 102 169 108" stroke="${INK}" stroke-width="${w}" stroke-linecap="round" fill="none"/></g>`;
}

function mouth(v: Viseme): string {
  if (v === "X") return `<path d="M128 151Q140 161 152 151" stroke="${INK}" stroke-width="3.5" stroke-linecap="round" fill="none"/>`;
  return visemeSvg(v);
}

/** The whole presenter, head turned by `tiltDeg` (clockwise positive) about the neck. */
export function flatPresenterSvg(l: FlatLook, v: Viseme, state: Eyes, tiltDeg = 0): string {
  const face =
    `<circle cx="92" cy="128" r="11" fill="#${l.skin}" stroke="${INK}" stroke-width="3.5"/>` +
    `<circle cx="188" cy="128" r="11" fill="#${l.skin}" stroke="${INK}" stroke-width="3.5"/>` +
    (l.earrings ? `<circle cx="90" cy="145" r="4.5" fill="#${l.earrings}" stroke="${INK}" stroke-width="2"/><circle cx="190" cy="145" r="4.5" fill="#${l.earrings}" stroke="${INK}" stroke-width="2"/>` : "") +
    `<path d="M92 110C92 78 114 60 140 60C166 60 188 78 188 110V128C188 158 166 178 140 178C114 178 92 158 92 128Z" fill="#${l.skin}" stroke="${INK}" stroke-width="3.5" stroke-linejoin="round"/>` +
    `<circle cx="111" cy="145" r="7" fill="#ff7a7a" fill-opacity="0.35"/><circle cx="169" cy="145" r="7" fill="#ff7a7a" fill-opacity="0.35"/>` +
    `<path d="M141 128L135 143H145" stroke="${INK}" stroke-width="3" stroke-linecap="round" stroke-linejoin="round" fill="none"/>` +
    eyes(state) +
    (l.glasses
      ? `<circle cx="122" cy="125" r="14" fill="#fff" fill-opacity="0.12" stroke="${INK}" stroke-width="3"/><circle cx="158" cy="125" r="14" fill="#fff" fill-opacity="0.12" stroke="${INK}" stroke-width="3"/><path d="M136 124Q140 120 144 124" stroke="${INK}" stroke-width="3" fill="none"/>`
      : "") +
    brows(l, state) +
    mouth(v);
  const head = hairBack(l) + face + hairFront(l);
  const turned = tiltDeg ? `<g transform="rotate(${tiltDeg} ${FLAT_NECK_PIVOT.x} ${FLAT_NECK_PIVOT.y})">${head}</g>` : head;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 280 280" fill="none">${body(l)}${turned}</svg>`;
}
