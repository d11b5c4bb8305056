/**
 * Lip-sync from phonemes. Mouth shapes follow Rhubarb Lip Sync's set (github.com/DanielSWolf/
 * rhubarb-lip-sync, README "Mouth shapes", read 2026-11-30): A closed (m b p), B slightly open
 * with clenched teeth (most consonants), C open (eh ae), D wide open (aa), E rounded (ao er),
 * F puckered (uw ow w), G upper teeth on the lower lip (f v), H tongue up (l), X idle.
 * Phones are CMU/Flite (radio) phone names.
 */
export type Viseme = "X" | "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H";
export const VISEMES: readonly Viseme[] = ["X", "A", "B", "C", "D", "E", "F", "G", "H"];

const PHONE_VISEME: Record<string, Viseme> = {
  pau: "X",
  m: "A", b: "A", p: "A",
  f: "G", v: "G",
  l: "H", el: "H",
  uw: "F", uh: "F", ow: "F", w: "F", oy: "F",
  ao: "E", er: "E", r: "E", axr: "E",
  aa: "D", ay: "D", aw: "D", ae: "D",
  eh: "C", ah: "C", ax: "C", ey: "C", ih: "C", hh: "C", y: "C",
  iy: "B", k: "B", g: "B", ng: "B", t: "B", d: "B", n: "B", s: "B", z: "B", sh: "B", zh: "B", ch: "B", jh: "B", th: "B", dh: "B",
};

export function phoneViseme(phone: string): Viseme {
  return PHONE_VISEME[phone] ?? "B";
}

/** How open each shape is, for blending loudness-driven mouths (eSpeak) into the same set. */
const OPENNESS: Record<Viseme, number> = { X: 0, A: 0, G: 1, B: 1, F: 1, H: 2, E: 2, C: 2, D: 3 };

/** The mouth shown while the frame's centre time falls in a phone; the picture leads the sound by ~1 frame. */
export function visemeTrack(phones: { phone: string; startSec: number; endSec: number }[], fps: number, frames: number): Viseme[] {
  const LEAD = 0.03; // mouths move slightly before the sound is heard
  const out = new Array<Viseme>(frames).fill("X");
  let i = 0;
  for (let f = 0; f < frames; f++) {
    const t = (f + 0.5) / fps + LEAD;
    while (i < phones.length && phones[i].endSec <= t) i++;
    const p = phones[i];
    if (p && p.startSec <= t) out[f] = phoneViseme(p.phone);
  }
  // Closures must be seen: a bilabial shorter than a frame still closes the nearest frame.
  for (const p of phones) {
    if (phoneViseme(p.phone) !== "A") continue;
    const f = Math.min(frames - 1, Math.max(0, Math.round(((p.startSec + p.endSec) / 2 - LEAD) * fps - 0.5)));
    out[f] = "A";
  }
  return smooth(out);
}

/**
 * Removes one-frame flickers between two equal shapes (A → C → A reads as noise), except
 * closures, which must stay visible.
 */
function smooth(v: Viseme[]): Viseme[] {
  const out = v.slice();
  for (let f = 1; f < v.length - 1; f++) {
    if (v[f] !== "A" && v[f - 1] === v[f + 1] && v[f] !== v[f - 1] && Math.abs(OPENNESS[v[f]] - OPENNESS[v[f - 1]]) <= 1) out[f] = v[f - 1];
  }
  return out;
}

/** Loudness (0..1 per frame) to mouth shapes, for engines without phone timings. */
export function energyVisemes(energy: Float32Array): Viseme[] {
  const raw: Viseme[] = Array.from(energy, (e) => (e < 0.12 ? "X" : e < 0.3 ? "B" : e < 0.6 ? "C" : "D"));
  return smooth(raw);
}

/** Mouth drawing (in the 280×280 avatar viewBox) per shape, drawn over a neutral avataaars mouth. */
export function visemeSvg(v: Viseme): string {
  const cx = 140;
  const cy = 154;
  const dark = "#5b1a16";
  const teeth = "#ffffff";
  const tongue = "#e4606d";
  const open = (w: number, h: number, extra = "") =>
    `<g><clipPath id="mclip${v}"><ellipse cx="${cx}" cy="${cy + h / 4}" rx="${w / 2}" ry="${h / 2}"/></clipPath>` +
    `<ellipse cx="${cx}" cy="${cy + h / 4}" rx="${w / 2}" ry="${h / 2}" fill="${dark}"/>` +
    `<g clip-path="url(#mclip${v})">${extra}</g></g>`;
  const upperTeeth = (w: number, h: number, th: number) => `<rect x="${cx - w / 2}" y="${cy + h / 4 - h / 2}" width="${w}" height="${th}" fill="${teeth}"/>`;
  const lowerTongue = (w: number, h: number) => `<ellipse cx="${cx}" cy="${cy + h / 4 + h / 2}" rx="${w / 3}" ry="${h / 3}" fill="${tongue}"/>`;
  switch (v) {
    case "X":
      return ""; // the avatar's own relaxed smile
    case "A":
      return `<path d="M${cx - 15} ${cy + 2} Q${cx} ${cy + 5} ${cx + 15} ${cy + 2}" stroke="${dark}" stroke-width="4" stroke-linecap="round" fill="none"/>`;
    case "B":
      return open(34, 9, upperTeeth(34, 9, 4) + `<rect x="${cx - 17}" y="${cy + 4}" width="34" height="3" fill="${teeth}"/>`);
    case "C":
      return open(34, 17, upperTeeth(34, 17, 5) + lowerTongue(34, 17));
    case "D":
      return open(38, 27, upperTeeth(38, 27, 6) + lowerTongue(38, 27));
    case "E":
      return open(26, 20, upperTeeth(26, 20, 4) + lowerTongue(26, 20));
    case "F":
      return open(16, 13, lowerTongue(16, 13));
    case "G":
      return open(32, 9, `<rect x="${cx - 16}" y="${cy - 1}" width="32" height="6" fill="${teeth}"/>`);
    case "H":
      return open(32, 17, upperTeeth(32, 17, 5) + `<ellipse cx="${cx}" cy="${cy + 3}" rx="9" ry="5" fill="${tongue}"/>`);
  }
}
