/**
 * The seeded presenters, in two illustrated styles: a fixed DiceBear "avataaars" look (no
 * randomness left to the seed), or our own flat geometric art (styles/flat.ts); plus a voice: a Flite voice for the English presenters (female presenters use Flite's only
 * female voice, slt, at different pitches and paces so they stay distinct), eSpeak-NG for the
 * Spanish ones and as the fallback. The DB seed imports PRESENTERS for its defaults.
 */
import { createAvatar } from "@dicebear/core";
import { avataaars } from "@dicebear/collection";
import { AppError } from "@/lib/errors";
import { visemeSvg, type Viseme } from "./visemes";
import { flatPresenterSvg, FLAT_NECK_PIVOT, type FlatLook } from "./styles/flat";
import { speechEngineFor, type SpeechEngine, type VoiceSpec } from "./tts";

export type PresenterTier = "free" | "pro" | "enterprise";
/** A Rhubarb-style mouth shape ("X" idle … "H"); 0/1/2 are the old closed/half/open states. */
export type MouthState = Viseme | 0 | 1 | 2;
/** "raised": eyes open, brows lifted (emphasis, see motion.ts browTrack). */
export type EyeState = "open" | "closed" | "raised";

export interface PresenterLook {
  style?: "avataaars";
  skin: string;
  top: string;
  hair: string;
  clothing: string;
  clothes: string;
  eyebrows: string;
  facialHair?: string;
  accessories?: string;
  /** Card / accent colour behind the presenter. */
  accent: string;
}

export interface PresenterProfile {
  slug: string;
  name: string;
  gender: "female" | "male";
  tier: PresenterTier;
  /** BCP-47 language of the voice. */
  language: string;
  description: string;
  voice: VoiceSpec & { label: string };
  /** Short greeting used for the preview clip, in the voice's language. */
  greeting: string;
  look: PresenterLook | FlatLook;
}

export type { FlatLook };

export const PRESENTERS = {
  sarah: {
    slug: "sarah", name: "Sarah", gender: "female", tier: "free", language: "en-US",
    description: "Warm, upbeat American English presenter for explainers and product news.",
    voice: { label: "English (US) · female", espeakVoice: "en-us+f3", wpm: 165, pitch: 55, flite: { voice: "slt", f0Mean: 205, f0Std: 30, stretch: 0.95 } },
    greeting: "Hi, I'm Sarah. Let's make your next video together.",
    look: { skin: "edb98a", top: "straight01", hair: "4a312c", clothing: "shirtScoopNeck", clothes: "ff488e", eyebrows: "defaultNatural", accent: "ffd1e3" },
  },
  mike: {
    slug: "mike", name: "Mike", gender: "male", tier: "free", language: "en-US",
    description: "Friendly American English presenter with a relaxed, casual delivery.",
    voice: { label: "English (US) · male", espeakVoice: "en-us+m3", wpm: 160, pitch: 40, flite: { voice: "rms", f0Mean: 110, stretch: 0.97 } },
    greeting: "Hey, I'm Mike. Ready when you are.",
    look: { skin: "d08b5b", top: "shortFlat", hair: "2c1b18", clothing: "hoodie", clothes: "5199e4", eyebrows: "defaultNatural", accent: "cfe6ff" },
  },
  emma: {
    slug: "emma", name: "Emma", gender: "female", tier: "free", language: "en-GB",
    description: "Clear British English presenter for tutorials and how-tos.",
    voice: { label: "English (UK) · female", espeakVoice: "en-gb+f4", wpm: 160, pitch: 70, flite: { voice: "slt", f0Mean: 185, f0Std: 20, stretch: 1.0 } },
    greeting: "Hello, I'm Emma. Let's get started.",
    look: { skin: "ffdbb4", top: "bob", hair: "d6b370", clothing: "collarAndSweater", clothes: "a7ffc4", eyebrows: "raisedExcitedNatural", accent: "d9f7e6" },
  },
  david: {
    slug: "david", name: "David", gender: "male", tier: "pro", language: "en-US",
    description: "Confident American English business presenter.",
    voice: { label: "English (US) · male, deep", espeakVoice: "en-us+m1", wpm: 155, pitch: 32, flite: { voice: "kal16", f0Mean: 95, stretch: 1.0 } },
    greeting: "Hello, I'm David. Let's walk through the numbers.",
    look: { skin: "ae5d29", top: "shortRound", hair: "2c1b18", clothing: "blazerAndShirt", clothes: "262e33", eyebrows: "defaultNatural", facialHair: "beardLight", accent: "e6e6e6" },
  },
  lisa: {
    slug: "lisa", name: "Lisa", gender: "female", tier: "pro", language: "en-US",
    description: "Energetic American English social host for launches and reels.",
    voice: { label: "English (US) · female, energetic", espeakVoice: "en-us+f2", wpm: 170, pitch: 66, flite: { voice: "slt", f0Mean: 235, f0Std: 40, stretch: 0.92 } },
    greeting: "Hey, I'm Lisa! Let's make something people share.",
    look: { skin: "edb98a", top: "curvy", hair: "c93305", clothing: "blazerAndSweater", clothes: "65c9ff", eyebrows: "defaultNatural", accent: "ffe3cc" },
  },
  james: {
    slug: "james", name: "James", gender: "male", tier: "pro", language: "en-GB",
    description: "Measured British English presenter for reports and analysis.",
    voice: { label: "English (UK) · male", espeakVoice: "en-gb+m2", wpm: 155, pitch: 45, flite: { voice: "awb", f0Mean: 110, stretch: 1.02 } },
    greeting: "Good day, I'm James. Here is what you need to know.",
    look: { skin: "ffdbb4", top: "shortWaved", hair: "724133", clothing: "collarAndSweater", clothes: "25557c", eyebrows: "defaultNatural", accessories: "prescription02", accent: "d6e4f0" },
  },
  sophia: {
    slug: "sophia", name: "Sophia", gender: "female", tier: "enterprise", language: "es-ES",
    description: "Presentadora bilingüe en español de España, cercana y clara.",
    voice: { label: "Español (España) · femenina", espeakVoice: "es+f2", wpm: 165, pitch: 62 },
    greeting: "Hola, soy Sofía. ¡Vamos a crear tu vídeo!",
    look: { skin: "614335", top: "longButNotTooLong", hair: "2c1b18", clothing: "blazerAndShirt", clothes: "929598", eyebrows: "defaultNatural", accent: "f3e1c7" },
  },
  alexander: {
    slug: "alexander", name: "Alexander", gender: "male", tier: "enterprise", language: "en-US",
    description: "Calm American English executive voice for keynotes and corporate updates.",
    voice: { label: "English (US) · male, measured", espeakVoice: "en-us+m1", wpm: 150, pitch: 34, flite: { voice: "rms", f0Mean: 95, stretch: 1.08 } },
    greeting: "Hello, I'm Alexander. Let's begin.",
    look: { skin: "edb98a", top: "theCaesarAndSidePart", hair: "e8e1e1", clothing: "blazerAndShirt", clothes: "3c4f5c", eyebrows: "defaultNatural", facialHair: "beardMedium", facialHairColor: "e8e1e1", accent: "dfe3e8" } as PresenterLook,
  },
  // Flat geometric style (styles/flat.ts): bold outlines, five flat colours each.
  nadia: {
    slug: "nadia", name: "Nadia", gender: "female", tier: "free", language: "en-US",
    description: "Bright, flat-illustrated host for explainers, tips and carousels turned into video.",
    voice: { label: "English (US) · female, bright", espeakVoice: "en-us+f5", wpm: 165, pitch: 60, flite: { voice: "slt", f0Mean: 215, f0Std: 26, stretch: 0.98 } },
    greeting: "Hi, I'm Nadia. Let's make this one pop.",
    look: { style: "flat", skin: "a8683f", shade: "8a5232", hair: "1b1f3b", top: "f2a541", collar: "e4572e", accent: "fde7c4", cut: "bob", earrings: "ffd166" },
  },
  theo: {
    slug: "theo", name: "Theo", gender: "male", tier: "pro", language: "en-US",
    description: "Friendly flat-illustrated guide for tech walkthroughs and product tours.",
    voice: { label: "English (US) · male, friendly", espeakVoice: "en-us+m4", wpm: 160, pitch: 45, flite: { voice: "kal16", f0Mean: 118, stretch: 0.96 } },
    greeting: "Hey, I'm Theo. Let me show you around.",
    look: { style: "flat", skin: "f1c7a5", shade: "d9a47f", hair: "b5542a", top: "2a9d8f", collar: "264653", accent: "d3f1ec", cut: "crop", glasses: true },
  },
} satisfies Record<string, PresenterProfile>;

export type PresenterSlug = keyof typeof PRESENTERS;
export const PRESENTER_SLUGS = Object.keys(PRESENTERS) as PresenterSlug[];

export function getPresenter(slug: string): PresenterProfile {
  const p = (PRESENTERS as Record<string, PresenterProfile>)[slug];
  if (!p || !Object.prototype.hasOwnProperty.call(PRESENTERS, slug)) {
    throw new AppError("bad_request", `Unknown avatar "${slug}". Choose one of: ${PRESENTER_SLUGS.join(", ")}.`);
  }
  return p;
}

const LEGACY_MOUTHS: Record<0 | 1 | 2, string> = { 0: "twinkle", 1: "default", 2: "smile" };

/** Largest head tilt the art is made for (degrees); FACE_PATCH covers the features up to it. */
export const MAX_TILT_DEG = 2.5;

/** The point the head turns about (the neck), in the 280×280 viewBox. */
export function neckPivot(slug: string): { x: number; y: number } {
  return isFlat(getPresenter(slug).look) ? FLAT_NECK_PIVOT : AVATAAARS_NECK_PIVOT;
}

function isFlat(look: PresenterLook | FlatLook): look is FlatLook {
  return look.style === "flat";
}

/**
 * SVG (viewBox 0 0 280 280) of the presenter in a given mouth / eye state, transparent
 * background, with the head (not the body) turned `tiltDeg` degrees (clockwise positive) about
 * the neck.
 */
export function presenterSvg(slug: string, mouth: MouthState = 0, eyes: EyeState = "open", tiltDeg = 0): string {
  if (Math.abs(tiltDeg) > MAX_TILT_DEG + 1e-9) throw new Error(`head tilt ${tiltDeg}° is beyond ±${MAX_TILT_DEG}°`);
  const p = getPresenter(slug);
  if (isFlat(p.look)) {
    const v: Viseme = typeof mouth === "string" ? mouth : mouth === 0 ? "X" : mouth === 1 ? "B" : "C";
    return flatPresenterSvg(p.look, v, eyes, tiltDeg);
  }
  // Visemes: the idle shape is the avatar's relaxed smile; the others are drawn over a neutral line.
  const viseme = typeof mouth === "string" ? mouth : null;
  const baseMouth = viseme === null ? LEGACY_MOUTHS[mouth as 0 | 1 | 2] : viseme === "X" ? "twinkle" : "serious";
  const l = p.look as PresenterLook & { facialHairColor?: string };
  const svg = createAvatar(avataaars, {
    seed: p.slug,
    clip: false,
    backgroundColor: ["transparent"],
    skinColor: [l.skin],
    top: [l.top as never],
    topProbability: 100,
    hairColor: [l.hair],
    hatColor: [l.clothes],
    clothing: [l.clothing as never],
    clothesColor: [l.clothes],
    clothingGraphic: ["bear"],
    eyebrows: [l.eyebrows as never],
    eyes: [eyes === "closed" ? "closed" : "default"],
    mouth: [baseMouth as never],
    nose: ["default"],
    facialHair: l.facialHair ? [l.facialHair as never] : ["beardLight"],
    facialHairProbability: l.facialHair ? 100 : 0,
    facialHairColor: [l.facialHairColor ?? l.hair],
    accessories: l.accessories ? [l.accessories as never] : ["round"],
    accessoriesProbability: l.accessories ? 100 : 0,
    accessoriesColor: ["262e33"],
    style: ["default"],
  }).toString();
  const face = eyes === "raised" ? raiseBrows(svg) : svg;
  // The neutral line is painted out with skin so narrow shapes (F, E) do not show its ends.
  const mouthArt = !viseme || viseme === "X" ? "" : `<rect x="118" y="148" width="44" height="12" rx="6" fill="#${l.skin}"/>${visemeSvg(viseme)}`;
  if (!tiltDeg) return face.replace(/<\/svg>\s*$/, `${mouthArt}</svg>`);
  return tiltAvataaars(face, mouthArt, tiltDeg);
}

/** Centre of the neck where it meets the collar (avataaars' skin path, x 132 + its translate(8)). */
const AVATAAARS_NECK_PIVOT = { x: 140, y: 182 } as const;
const AVATAAARS_BODY = '<g transform="translate(8)">';

/** End index (after "</g>") of the group whose "<g" starts at `from`. */
function groupEnd(svg: string, from: number): number {
  let depth = 0;
  const re = /<g[\s>]|<\/g>/g;
  re.lastIndex = from;
  for (let m = re.exec(svg); m; m = re.exec(svg)) {
    depth += m[0] === "</g>" ? -1 : 1;
    if (depth === 0) return m.index + 4;
  }
  throw new Error("presenter SVG changed: unbalanced groups");
}

/**
 * avataaars draws head, neck and shoulders as ONE skin path, then the clothes, then the face
 * and hair. To turn the head alone: the skin stays (it is the neck and shoulders), a copy of it
 * clipped above the collar line turns with the face and hair, and the clothes stay on top of
 * the turned skin as in the original order, so collars still overlap the neck.
 */
function tiltAvataaars(svg: string, mouthArt: string, tiltDeg: number): string {
  const start = svg.indexOf(AVATAAARS_BODY);
  if (start < 0) throw new Error("presenter SVG changed: body group not found");
  const end = groupEnd(svg, start);
  const inner = svg.slice(start + AVATAAARS_BODY.length, end - 4);
  const paths = inner.match(/^(<path[^>]*\/>)(<path[^>]*\/>)/);
  if (!paths) throw new Error("presenter SVG changed: skin paths not found");
  const clothesAt = paths[0].length;
  if (!inner.startsWith("<g", clothesAt)) throw new Error("presenter SVG changed: clothes group not found");
  const clothesEnd = groupEnd(inner, clothesAt);
  const [skin, neckShade] = [paths[1], paths[2]];
  const clothes = inner.slice(clothesAt, clothesEnd);
  const features = inner.slice(clothesEnd);
  const P = AVATAAARS_NECK_PIVOT;
  const turn = `rotate(${tiltDeg} ${P.x} ${P.y})`;
  const clip = `<clipPath id="headAbove"><rect x="-200" y="-200" width="680" height="${200 + P.y}"/></clipPath>`;
  const body =
    `${AVATAAARS_BODY}${skin}</g>` +
    `<g transform="${turn}">${AVATAAARS_BODY}<g clip-path="url(#headAbove)">${skin}</g>${neckShade}</g></g>` +
    `${AVATAAARS_BODY}${clothes}</g>` +
    `<g transform="${turn}">${AVATAAARS_BODY}${features}</g>${mouthArt}</g>`;
  return `${svg.slice(0, start)}<defs>${clip}</defs>${body}${svg.slice(end)}`;
}

/** avataaars places the eyebrows group at (76, 82); lifting it 6 units reads as raised brows. */
const BROWS_AT = '<g transform="translate(76 82)">';
export const BROW_LIFT = 6;
function raiseBrows(svg: string): string {
  if (!svg.includes(BROWS_AT)) throw new Error("presenter SVG changed: eyebrows group not found");
  return svg.replace(BROWS_AT, `<g transform="translate(76 ${82 - BROW_LIFT})">`);
}

/**
 * Region (in the 280×280 avatar viewBox) that changes between mouth / eye states. Everything
 * outside it is identical across states, which lets the renderer overlay only this patch.
 * It is wider than the features (brows span x 95–186) so they stay inside with the head turned
 * by ±MAX_TILT_DEG about the neck (the brow ends move ~5 units sideways).
 */
export const FACE_PATCH = { x: 88, y: 72, w: 104, h: 104 } as const;

export interface PresenterVoiceInfo {
  slug: string;
  engine: SpeechEngine;
  /** Engine voice id, e.g. "slt" (Flite) or "es+f2" (eSpeak-NG). */
  voice: string;
  /** What to show in Settings / the create page, e.g. "Flite · slt (US English, female)". */
  label: string;
}

const FLITE_VOICE_LABELS: Record<string, string> = {
  slt: "US English, female",
  rms: "US English, male",
  awb: "Scottish English, male",
  kal16: "US English, male, deep",
};

/** Which speech engine and voice a presenter uses on this machine (Flite if installed, else eSpeak-NG). */
export async function presenterVoiceInfo(slug: string): Promise<PresenterVoiceInfo> {
  const p = getPresenter(slug);
  const used = await speechEngineFor(p.voice);
  const label =
    used.engine === "flite" ? `Flite · ${used.voice} (${FLITE_VOICE_LABELS[used.voice] ?? p.voice.label})` : `eSpeak-NG · ${used.voice} (${p.voice.label})`;
  return { slug: p.slug, engine: used.engine, voice: used.voice, label };
}
