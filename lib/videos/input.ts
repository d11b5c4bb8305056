import { z } from "zod";
import { providerPreferenceSchema } from "./preference";
import { MAX_SCRIPT_CHARS, MAX_TITLE_CHARS } from "@/lib/render/validate";
import { PLATFORM_PRESET_IDS, PLATFORM_PRESETS, type PlatformPresetId } from "@/lib/render/platform";
import { storyboardSchema, storyboardScript, type ComposeAspect, type Storyboard } from "@/lib/compose/types";

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

/** "portrait_4x5" is Instagram's portrait feed post (1080×1350); "portrait" is the 9:16 vertical. */
export const ASPECT_NAMES = ["portrait", "landscape", "square", "portrait_4x5"] as const;
export type AspectName = (typeof ASPECT_NAMES)[number];
export const ASPECT_TO_RATIO = { portrait: "9:16", landscape: "16:9", square: "1:1", portrait_4x5: "4:5" } as const satisfies Record<AspectName, string>;

export const PRIORITY = { high: 20, normal: 10, low: 0 } as const;

export const createVideoSchema = z.object({
  title: z.string().trim().min(1, "Give the video a title.").max(MAX_TITLE_CHARS, `Titles are limited to ${MAX_TITLE_CHARS} characters.`),
  script: z
    .string()
    .refine((s) => s.trim().length > 0, "Write a script: it is what the presenter says.")
    .refine((s) => s.length <= MAX_SCRIPT_CHARS, `Scripts are limited to ${MAX_SCRIPT_CHARS} characters; shorten it or split it into two videos.`),
  avatarProfileId: z.string().trim().min(1, "Pick a presenter."),
  templateId: z.string().trim().min(1).optional(),
  aspectRatio: z.enum(ASPECT_NAMES, { message: "Aspect ratio must be portrait (9:16), landscape (16:9), square (1:1) or portrait_4x5 (4:5)." }).optional(),
  voiceSpeed: z.number().min(0.5, "Voice speed must be between 0.5 and 2.0.").max(2, "Voice speed must be between 0.5 and 2.0.").optional(),
  captions: z.boolean().optional(),
  background: backgroundSchema.optional(),
  targetPlatforms: z.array(z.enum(PLATFORM_PRESET_IDS as unknown as [string, ...string[]])).max(8).default([]),
  priority: z.enum(["high", "normal", "low"]).default("normal"),
  // "auto" | "<provider>" (first) | "only:<provider>" | { provider, mode: "first" | "only" } (issue 11, defect 3).
  providerPreference: providerPreferenceSchema.default("auto"),
  allowTextToVideo: z.boolean().default(true),
  idempotencyKey: z.string().trim().min(1).max(200).optional(),
  // A composed short (issue 14): scenes, music and aspects; its lines become the script. Without
  // `music`, the template's bed and volume apply (else the planner's default): see createVideo.
  storyboard: storyboardSchema.extend({ music: storyboardSchema.shape.music.optional() }).optional(),
});

/**
 * What a create request may send: a script, or a storyboard whose lines are the script (one
 * paragraph per scene). createVideoSchema stays a plain object (the estimate and research
 * schemas pick/omit from it, which zod refuses on refined objects).
 */
export const createVideoRequestSchema = createVideoSchema
  .extend({ script: createVideoSchema.shape.script.optional() })
  .superRefine((v, ctx) => {
    if (v.storyboard) {
      const script = storyboardScript(v.storyboard);
      if (script.length > MAX_SCRIPT_CHARS) {
        ctx.addIssue({ code: "custom", path: ["storyboard", "scenes"], message: `The storyboard's lines add up to ${script.length} characters; scripts are limited to ${MAX_SCRIPT_CHARS}. Shorten some lines or remove a scene.` });
      }
    } else if (v.script === undefined) {
      ctx.addIssue({ code: "custom", path: ["script"], message: "Write a script: it is what the presenter says." });
    }
  });

export type CreateVideoInput = z.input<typeof createVideoRequestSchema>;
export type CreateVideoParsed = z.output<typeof createVideoRequestSchema>;

const ASPECT_NAME_OF: Record<ComposeAspect, AspectName> = { "9:16": "portrait", "16:9": "landscape", "1:1": "square", "4:5": "portrait_4x5" };

/**
 * The storyboard as stored: its own aspects first (the first is the main file), then one for
 * every ticked platform it does not cover yet, so one job yields every rendition asked for.
 */
export function storyboardForPlatforms(board: Storyboard, platforms: readonly string[]): Storyboard {
  const aspects: ComposeAspect[] = [...board.aspects];
  for (const id of platforms) {
    const aspect = PLATFORM_PRESETS[id as PlatformPresetId]?.aspect;
    if (aspect && !aspects.includes(aspect)) aspects.push(aspect);
  }
  return { ...board, aspects };
}

/** The row's aspect ratio name for a storyboard (its first aspect). */
export function aspectNameOf(board: Storyboard): AspectName {
  return ASPECT_NAME_OF[board.aspects[0]];
}
