/**
 * The seeded presenters: each is a fixed DiceBear "avataaars" look (no randomness left to the
 * seed) plus an eSpeak voice. The DB seed imports PRESENTERS for its defaults.
 */
import { createAvatar } from "@dicebear/core";
import { avataaars } from "@dicebear/collection";
import { AppError } from "@/lib/errors";
import type { VoiceSpec } from "./tts";

export type PresenterTier = "free" | "pro" | "enterprise";
export type MouthState = 0 | 1 | 2;
export type EyeState = "open" | "closed";

export interface PresenterLook {
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
  look: PresenterLook;
}

export const PRESENTERS = {
  sarah: {
    slug: "sarah", name: "Sarah", gender: "female", tier: "free", language: "en-US",
    description: "Warm, upbeat American English presenter for explainers and product news.",
    voice: { label: "English (US) · female", espeakVoice: "en-us+f3", wpm: 165, pitch: 55 },
    greeting: "Hi, I'm Sarah. Let's make your next video together.",
    look: { skin: "edb98a", top: "straight01", hair: "4a312c", clothing: "shirtScoopNeck", clothes: "ff488e", eyebrows: "defaultNatural", accent: "ffd1e3" },
  },
  mike: {
    slug: "mike", name: "Mike", gender: "male", tier: "free", language: "en-US",
    description: "Friendly American English presenter with a relaxed, casual delivery.",
    voice: { label: "English (US) · male", espeakVoice: "en-us+m3", wpm: 160, pitch: 40 },
    greeting: "Hey, I'm Mike. Ready when you are.",
    look: { skin: "d08b5b", top: "shortFlat", hair: "2c1b18", clothing: "hoodie", clothes: "5199e4", eyebrows: "defaultNatural", accent: "cfe6ff" },
  },
  emma: {
    slug: "emma", name: "Emma", gender: "female", tier: "free", language: "en-GB",
    description: "Clear British English presenter for tutorials and how-tos.",
    voice: { label: "English (UK) · female", espeakVoice: "en-gb+f4", wpm: 160, pitch: 60 },
    greeting: "Hello, I'm Emma. Let's get started.",
    look: { skin: "ffdbb4", top: "bob", hair: "d6b370", clothing: "collarAndSweater", clothes: "a7ffc4", eyebrows: "raisedExcitedNatural", accent: "d9f7e6" },
  },
  david: {
    slug: "david", name: "David", gender: "male", tier: "pro", language: "en-US",
    description: "Confident American English business presenter.",
    voice: { label: "English (US) · male, deep", espeakVoice: "en-us+m1", wpm: 155, pitch: 32 },
    greeting: "Hello, I'm David. Let's walk through the numbers.",
    look: { skin: "ae5d29", top: "shortRound", hair: "2c1b18", clothing: "blazerAndShirt", clothes: "262e33", eyebrows: "defaultNatural", facialHair: "beardLight", accent: "e6e6e6" },
  },
  lisa: {
    slug: "lisa", name: "Lisa", gender: "female", tier: "pro", language: "es-ES",
    description: "Presentadora en español de España, cercana y enérgica.",
    voice: { label: "Español (España) · femenina", espeakVoice: "es+f2", wpm: 165, pitch: 58 },
    greeting: "Hola, soy Lisa. ¡Vamos a crear tu vídeo!",
    look: { skin: "edb98a", top: "curvy", hair: "c93305", clothing: "blazerAndSweater", clothes: "65c9ff", eyebrows: "defaultNatural", accent: "ffe3cc" },
  },
  james: {
    slug: "james", name: "James", gender: "male", tier: "pro", language: "en-GB",
    description: "Measured British English presenter for reports and analysis.",
    voice: { label: "English (UK) · male", espeakVoice: "en-gb+m2", wpm: 155, pitch: 45 },
    greeting: "Good day, I'm James. Here is what you need to know.",
    look: { skin: "ffdbb4", top: "shortWaved", hair: "724133", clothing: "collarAndSweater", clothes: "25557c", eyebrows: "defaultNatural", accessories: "prescription02", accent: "d6e4f0" },
  },
  sophia: {
    slug: "sophia", name: "Sophia", gender: "female", tier: "enterprise", language: "en-US",
    description: "Polished American English presenter for brand and corporate videos.",
    voice: { label: "English (US) · female, bright", espeakVoice: "en-us+f5", wpm: 160, pitch: 62 },
    greeting: "Hi, I'm Sophia. Let's tell your story.",
    look: { skin: "614335", top: "longButNotTooLong", hair: "2c1b18", clothing: "blazerAndShirt", clothes: "929598", eyebrows: "defaultNatural", accent: "f3e1c7" },
  },
  alexander: {
    slug: "alexander", name: "Alexander", gender: "male", tier: "enterprise", language: "es-ES",
    description: "Presentador sereno en español de España para contenidos corporativos.",
    voice: { label: "Español (España) · masculina", espeakVoice: "es+m3", wpm: 155, pitch: 36 },
    greeting: "Hola, soy Alexander. Empecemos.",
    look: { skin: "edb98a", top: "theCaesarAndSidePart", hair: "e8e1e1", clothing: "blazerAndShirt", clothes: "3c4f5c", eyebrows: "defaultNatural", facialHair: "beardMedium", facialHairColor: "e8e1e1", accent: "dfe3e8" } as PresenterLook,
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

const MOUTHS: Record<MouthState, string> = { 0: "twinkle", 1: "default", 2: "smile" };

/** SVG (viewBox 0 0 280 280) of the presenter in a given mouth / eye state, transparent background. */
export function presenterSvg(slug: string, mouth: MouthState = 0, eyes: EyeState = "open"): string {
  const p = getPresenter(slug);
  const l = p.look as PresenterLook & { facialHairColor?: string };
  return createAvatar(avataaars, {
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
    mouth: [MOUTHS[mouth] as never],
    nose: ["default"],
    facialHair: l.facialHair ? [l.facialHair as never] : ["beardLight"],
    facialHairProbability: l.facialHair ? 100 : 0,
    facialHairColor: [l.facialHairColor ?? l.hair],
    accessories: l.accessories ? [l.accessories as never] : ["round"],
    accessoriesProbability: l.accessories ? 100 : 0,
    accessoriesColor: ["262e33"],
    style: ["default"],
  }).toString();
}

/**
 * Region (in the 280×280 avatar viewBox) that changes between mouth / eye states. Everything
 * outside it is identical across states, which lets the renderer overlay only this patch.
 */
export const FACE_PATCH = { x: 94, y: 98, w: 92, h: 78 } as const;
