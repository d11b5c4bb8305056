import { z } from "zod";
import { providerPreferenceSchema } from "./preference";
import { MAX_SCRIPT_CHARS, MAX_TITLE_CHARS } from "@/lib/render/validate";
import { PLATFORM_PRESET_IDS } from "@/lib/render/platform";

const hex = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colours are hex like #667eea.");

const mediaKey = z
  .string()
  .min(1, "Upload a file first and use the key it returns.")
  .max(512, "Media keys are at most 512 characters.")
  .regex(/^[A-Za-z0-9._/-]+$/, "Use the key returned by the upload (letters, digits, . _ / - only).");

export const backgroundSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("color"), value: hex }),
  z.object({ type: z.literal("gradient"), colors: z.tuple([hex, hex]) }),
  // Keys are checked for ownership when the video is created and when it renders (lib/storage/owned).
  z.object({ type: z.literal("image"), key: mediaKey }),
  z.object({ type: z.literal("video"), key: mediaKey }),
]);

export const ASPECT_NAMES = ["portrait", "landscape", "square"] as const;
export type AspectName = (typeof ASPECT_NAMES)[number];
export const ASPECT_TO_RATIO = { portrait: "9:16", landscape: "16:9", square: "1:1" } as const;

export const PRIORITY = { high: 20, normal: 10, low: 0 } as const;

export const createVideoSchema = z.object({
  title: z.string().trim().min(1, "Give the video a title.").max(MAX_TITLE_CHARS, `Titles are limited to ${MAX_TITLE_CHARS} characters.`),
  script: z
    .string()
    .refine((s) => s.trim().length > 0, "Write a script: it is what the presenter says.")
    .refine((s) => s.length <= MAX_SCRIPT_CHARS, `Scripts are limited to ${MAX_SCRIPT_CHARS} characters; shorten it or split it into two videos.`),
  avatarProfileId: z.string().trim().min(1, "Pick a presenter."),
  templateId: z.string().trim().min(1).optional(),
  aspectRatio: z.enum(ASPECT_NAMES, { message: "Aspect ratio must be portrait, landscape or square." }).optional(),
  voiceSpeed: z.number().min(0.5, "Voice speed must be between 0.5 and 2.0.").max(2, "Voice speed must be between 0.5 and 2.0.").optional(),
  captions: z.boolean().optional(),
  background: backgroundSchema.optional(),
  targetPlatforms: z.array(z.enum(PLATFORM_PRESET_IDS as unknown as [string, ...string[]])).max(8).default([]),
  priority: z.enum(["high", "normal", "low"]).default("normal"),
  // "auto" | "<provider>" (first) | "only:<provider>" | { provider, mode: "first" | "only" } (issue 11, defect 3).
  providerPreference: providerPreferenceSchema.default("auto"),
  allowTextToVideo: z.boolean().default(true),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
});

export type CreateVideoInput = z.input<typeof createVideoSchema>;
export type CreateVideoParsed = z.output<typeof createVideoSchema>;
