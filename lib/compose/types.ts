// NOTE for H14b (from H14a, engine side, 2026-11-30):
// - Column: video_generations.storyboard (jsonb, nullable) — db/schema/videos.ts, migration 0002_storyboard.
// - Planner: planStoryboard(written | {script}, items, { platforms | aspects, music }) in lib/compose/plan.ts.
// - Pipeline: a row with a storyboard is composed after the presenter stage (lib/compose/pipeline.ts,
//   called from lib/videos/postprocess.ts). Renditions gain one entry per aspect keyed by the aspect
//   itself ("9:16", "16:9", "1:1", "4:5") → videos/<ws>/<id>/composed-9x16.mp4 …; the first aspect is
//   also the main file (videoKey). Ticked platforms still get their preset renditions, made from the
//   composed file of the matching aspect. B-roll scenes without a `key` render as presenter scenes.
import { z } from "zod";

/**
 * The storyboard contract (issue 14): the one shape shared by the planner, the composer, the
 * editor UI and the API. A storyboard is made once from a script (and its research sources),
 * edited by the user, stored on the video, and rendered into one rendition per aspect — each
 * aspect laid out on its own from the same scenes, not cropped from one frame.
 *
 * Imports nothing heavy: the client bundle uses these schemas too.
 */

export const SCENE_LAYOUTS = [
  /** The presenter fills the frame; no visual. */
  "presenter",
  /** Presenter and visual share the frame: side by side in landscape, stacked in portrait. */
  "split",
  /** The visual fills the frame; the presenter sits in a corner bubble. */
  "visual",
] as const;
export type SceneLayout = (typeof SCENE_LAYOUTS)[number];

export const COMPOSE_ASPECTS = ["9:16", "16:9", "1:1", "4:5"] as const;
export type ComposeAspect = (typeof COMPOSE_ASPECTS)[number];

const shortText = (max: number) => z.string().trim().max(max);
/** Storage keys of the workspace's own uploads; ownership is checked where they are resolved. */
const mediaKey = z.string().min(1).max(512).regex(/^[A-Za-z0-9._/-]+$/);

/** A research card is drawn offline from the item's own fields (no network at render time). */
export const cardVisualSchema = z.object({
  type: z.literal("card"),
  card: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("reddit"), subreddit: shortText(80), title: shortText(300), score: z.number().int().nullable(), comments: z.number().int().nullable() }),
    z.object({ kind: z.literal("hackernews"), title: shortText(300), points: z.number().int().nullable(), comments: z.number().int().nullable() }),
    z.object({ kind: z.literal("github"), repo: shortText(140), description: shortText(300), stars: z.number().int().nullable(), language: shortText(40).nullable() }),
    z.object({ kind: z.literal("trend"), term: shortText(120), counts: z.array(z.number().nonnegative()).max(60), labels: z.array(shortText(20)).max(60) }),
    z.object({ kind: z.literal("headline"), site: shortText(120), title: shortText(300) }),
    z.object({ kind: z.literal("quote"), text: shortText(280), attribution: shortText(120) }),
    z.object({ kind: z.literal("number"), value: shortText(24), caption: shortText(140) }),
  ]),
});

export const sceneVisualSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("none") }),
  cardVisualSchema,
  /** The user's own image or clip, with gentle motion (Ken Burns for images). */
  z.object({ type: z.literal("upload"), key: mediaKey, kind: z.enum(["image", "video"]) }),
  /** AI B-roll from a clip provider, made from a prompt; `key` is set once it has been made. */
  z.object({ type: z.literal("broll"), prompt: shortText(500).min(1), key: mediaKey.optional() }),
]);
export type SceneVisual = z.infer<typeof sceneVisualSchema>;

export const sceneCitationSchema = z.object({
  /** Shown on screen as "Source: <label>" (e.g. "r/productivity", "Hacker News"). */
  label: shortText(120).min(1),
  url: z.string().url().max(2000).nullable(),
});

export const sceneSchema = z.object({
  id: z.string().min(1).max(64),
  /** What the presenter says in this scene (a sentence or a point). */
  text: shortText(1200).min(1),
  layout: z.enum(SCENE_LAYOUTS),
  visual: sceneVisualSchema,
  citation: sceneCitationSchema.nullable(),
});
export type Scene = z.infer<typeof sceneSchema>;

export const MUSIC_BEDS = ["none", "calm", "upbeat", "focus"] as const;

export const storyboardSchema = z.object({
  version: z.literal(1),
  scenes: z.array(sceneSchema).min(1).max(24),
  music: z.object({
    /** A built-in bed or an upload of the workspace's own. */
    bed: z.union([z.enum(MUSIC_BEDS), z.object({ key: mediaKey })]),
    /** Bed level under speech, dB (ducked further while the presenter speaks). */
    volumeDb: z.number().min(-40).max(0),
  }),
  /** One rendition per aspect, each laid out on its own. The first is the video's main file. */
  aspects: z.array(z.enum(COMPOSE_ASPECTS)).min(1).max(4),
});
export type Storyboard = z.infer<typeof storyboardSchema>;

/** The script a storyboard speaks: its scenes' lines, one paragraph each. */
export function storyboardScript(board: Pick<Storyboard, "scenes">): string {
  return board.scenes.map((s) => s.text.trim()).join("\n\n");
}
