/** The default catalogue every install starts with (from the product brief). */
import type { BackgroundSetting } from "./schema";
import type { Plan } from "./schema";

export interface SeedAvatar {
  slug: string;
  name: string;
  tier: Plan;
  description: string;
  style: "normal" | "closeup" | "circle";
  language: string;
  voiceName: string;
  avatarType: "avatar" | "talking_photo";
  /** HeyGen stock avatar used when the workspace's HeyGen key renders this presenter. */
  heygenAvatarId: string;
  /** Picks the provider voices below (language from `language`). */
  gender: "female" | "male";
}

/**
 * HeyGen's documented example voice (English, female). Kept for callers that want one fixed id;
 * seeded presenters use seedVoiceIds below.
 */
export const DEFAULT_HEYGEN_VOICE_ID = "1bd001e7e50f421d891986aad5158bc8";

export const SEED_AVATARS: SeedAvatar[] = [
  { slug: "sarah", heygenAvatarId: "Angela-inTshirt-20220820", name: "Sarah", tier: "free", description: "Warm, upbeat explainer", style: "normal", language: "en-US", voiceName: "Sarah · US English (Flite slt)", avatarType: "avatar", gender: "female" },
  { slug: "mike", heygenAvatarId: "Tyler-incasualsuit-20220721", name: "Mike", tier: "free", description: "Friendly tech reviewer", style: "normal", language: "en-US", voiceName: "Mike · US English (Flite rms)", avatarType: "avatar", gender: "male" },
  { slug: "emma", heygenAvatarId: "Anna_public_3_20240108", name: "Emma", tier: "free", description: "Calm news-style presenter", style: "closeup", language: "en-GB", voiceName: "Emma · English, female (Flite slt)", avatarType: "avatar", gender: "female" },
  { slug: "david", heygenAvatarId: "Wayne_20240711", name: "David", tier: "pro", description: "Confident business anchor", style: "normal", language: "en-US", voiceName: "David · US English, deep (Flite kal16)", avatarType: "avatar", gender: "male" },
  { slug: "lisa", heygenAvatarId: "Daisy-inskirt-20220818", name: "Lisa", tier: "pro", description: "Energetic social host", style: "circle", language: "en-US", voiceName: "Lisa · US English, energetic (Flite slt)", avatarType: "avatar", gender: "female" },
  { slug: "james", heygenAvatarId: "josh_lite3_20230714", name: "James", tier: "pro", description: "Relaxed storyteller", style: "closeup", language: "en-GB", voiceName: "James · Scottish English (Flite awb)", avatarType: "avatar", gender: "male" },
  { slug: "sophia", heygenAvatarId: "Kristin_public_2_20240108", name: "Sophia", tier: "enterprise", description: "Bilingual host (Spanish)", style: "normal", language: "es-ES", voiceName: "Sofía · Español (eSpeak-NG)", avatarType: "avatar", gender: "female" },
  { slug: "alexander", heygenAvatarId: "Brandon_expressive_public", name: "Alexander", tier: "enterprise", description: "Executive keynote voice", style: "normal", language: "en-US", voiceName: "Alexander · US English, measured (Flite rms)", avatarType: "avatar", gender: "male" },
  // Flat illustrated style (lib/render/styles/flat.ts). HeyGen has no look-alike stock avatar: the
  // ids below are HeyGen avatars already used above, for workspaces that render through HeyGen.
  { slug: "nadia", heygenAvatarId: "Anna_public_3_20240108", name: "Nadia", tier: "free", description: "Bright illustrated explainer host", style: "normal", language: "en-US", voiceName: "Nadia · US English, bright (Flite slt)", avatarType: "avatar", gender: "female" },
  { slug: "theo", heygenAvatarId: "Wayne_20240711", name: "Theo", tier: "pro", description: "Friendly illustrated product guide", style: "normal", language: "en-US", voiceName: "Theo · US English, friendly (Flite kal16)", avatarType: "avatar", gender: "male" },
];

export interface SeedTemplate {
  slug: string;
  name: string;
  description: string;
  aspectRatio: "portrait" | "landscape" | "square";
  background: BackgroundSetting;
}

export const SEED_TEMPLATES: SeedTemplate[] = [
  { slug: "social_media_portrait", name: "Social Media Portrait", description: "Optimized for TikTok/Instagram", aspectRatio: "portrait", background: { type: "color", value: "#ffffff" } },
  { slug: "youtube_landscape", name: "YouTube Landscape", description: "Professional YouTube format", aspectRatio: "landscape", background: { type: "gradient", colors: ["#667eea", "#764ba2"] } },
  { slug: "square_social", name: "Square Social", description: "Instagram/Facebook square format", aspectRatio: "square", background: { type: "color", value: "#f8f9fa" } },
];

/** BCP-47 language → the language name HeyGen's voice list uses. */
const HEYGEN_LANGUAGE: Record<string, string> = { en: "English", es: "Spanish", fr: "French", de: "German", pt: "Portuguese", it: "Italian", ja: "Japanese", zh: "Chinese", hi: "Hindi" };

/**
 * Provider voices for a seeded presenter, matching its language and gender.
 * HeyGen: "auto:<Language>:<gender>" — the HeyGen adapter resolves it at submit time to the
 * account's first voice of that language and gender (GET /v3/voices?language=&gender=), because
 * no public HeyGen voice ids per language and gender could be verified from HeyGen's material.
 * Kling (English and Chinese TTS only): voice ids from fal's Kling TTS schema enum (2026-08-02).
 */
export function seedVoiceIds(a: Pick<SeedAvatar, "language" | "gender">): Record<string, string> {
  const lang = a.language.toLowerCase().split("-")[0];
  const out: Record<string, string> = { heygen: `auto:${HEYGEN_LANGUAGE[lang] ?? "English"}:${a.gender}` };
  if (lang === "en") out.kling = a.gender === "female" ? "commercial_lady_en_f-v1" : a.language === "en-GB" ? "uk_man2" : "oversea_male1";
  return out;
}
