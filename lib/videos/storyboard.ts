/**
 * Storyboards before render (issue 14): plan one from a research run or a script, and list the
 * research cards the editor may swap a scene's visual for. The composer (lib/compose) renders
 * whatever board the user sends back on create; this module only proposes one.
 */
import { z } from "zod";
import type { AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { idSchema } from "@/lib/http/schemas";
import { cardForItem, planStoryboard } from "@/lib/compose/plan";
import { cardPng } from "@/lib/compose/cards";
import { cardVisualSchema, COMPOSE_ASPECTS, type ComposeAspect, type Scene, type SceneVisual, type Storyboard } from "@/lib/compose/types";
import { PLATFORM_PRESET_IDS } from "@/lib/render/platform";
import { MAX_SCRIPT_CHARS } from "@/lib/render/validate";
import { findJobRow, scriptFromJobRow } from "@/lib/research/service";
import type { ResearchItem } from "@/lib/research/types";
import { sourceLabel } from "@/lib/research/writer";
import { storyboardForPlatforms } from "./input";

export const DEFAULT_ASPECTS: ComposeAspect[] = ["9:16"];

export const planRequestSchema = z
  .object({
    researchJobId: idSchema.optional(),
    insightIds: z.array(z.string().min(1).max(200)).max(20).optional(),
    script: z.string().max(MAX_SCRIPT_CHARS, `Scripts are limited to ${MAX_SCRIPT_CHARS} characters.`).optional(),
    aspects: z.array(z.enum(COMPOSE_ASPECTS, { message: "Aspects are 9:16, 16:9, 1:1 or 4:5." })).min(1).max(4).optional(),
    platforms: z.array(z.enum(PLATFORM_PRESET_IDS as unknown as [string, ...string[]])).max(8).optional(),
  })
  .strict();

/** A research card the editor can put on any scene, with the citation that goes with it. */
export interface CardOption {
  itemId: string;
  label: string;
  title: string;
  visual: Extract<SceneVisual, { type: "card" }>;
  citation: Scene["citation"];
}

export interface PlannedStoryboard {
  title: string | null;
  storyboard: Storyboard;
  cards: CardOption[];
}

const cut = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1).trimEnd()}…` : s);

export function cardOption(item: ResearchItem): CardOption {
  const label = sourceLabel(item);
  return {
    itemId: item.id,
    label,
    title: item.title,
    visual: { type: "card", card: cardForItem(item, label) },
    citation: { label: cut(label, 120), url: item.url && item.url.length <= 2000 && /^https?:\/\//.test(item.url) ? item.url : null },
  };
}

/** A plain script: its paragraphs become presenter scenes (the planner finds no items to show). */
export function storyboardFromScript(script: string, aspects: ComposeAspect[] = DEFAULT_ASPECTS): Storyboard {
  if (!script.trim()) throw new AppError("bad_request", "Write a script first: each paragraph becomes a scene.");
  return planStoryboard({ script }, [], { aspects });
}

function aspectsOf(req: z.infer<typeof planRequestSchema>): ComposeAspect[] {
  const board = storyboardForPlatforms({ version: 1, scenes: [], music: { bed: "none", volumeDb: -18 }, aspects: req.aspects ?? [] }, req.platforms ?? []);
  return board.aspects.length ? board.aspects : DEFAULT_ASPECTS;
}

/**
 * POST /storyboards/plan: a research run (optionally some of its insights) → its written script
 * as scenes; a script → its paragraphs as scenes, matched against the run's items when a run is
 * given too. Either way the run's items come back as cards the editor can swap in.
 */
export async function planStoryboardFor(ctx: AuthContext, body: unknown): Promise<PlannedStoryboard> {
  const req = planRequestSchema.parse(body ?? {});
  const aspects = aspectsOf(req);
  if (req.researchJobId) {
    const row = await findJobRow(ctx.workspace.id, req.researchJobId);
    if (!row) throw new AppError("not_found", "Research job not found.");
    const written = await scriptFromJobRow(ctx.workspace.id, row, req.insightIds);
    const items = (row.items ?? []) as unknown as ResearchItem[];
    const cards = items.slice(0, 40).map(cardOption);
    // The user's own script over a run's items: paragraphs that quote an item show its card.
    if (req.script !== undefined) {
      if (!req.script.trim()) throw new AppError("bad_request", "The script is empty; write at least one paragraph, or leave script out to plan from the research run.");
      return { title: null, storyboard: planStoryboard({ script: req.script }, items, { aspects }), cards };
    }
    // A written script keeps each line's sources, so points get their item's card and citation.
    // (planStoryboard reads only `lines` of a WrittenScript; a research script carries them.)
    const input = written.lines?.length ? Object.assign({ script: written.script }, { lines: written.lines }) : { script: written.script };
    const storyboard = planStoryboard(input, items, { aspects });
    return { title: written.title, storyboard, cards };
  }
  if (req.script === undefined || !req.script.trim()) {
    throw new AppError("bad_request", "Send a researchJobId (to plan from a research run) or a script (each paragraph becomes a scene).");
  }
  return { title: null, storyboard: storyboardFromScript(req.script, aspects), cards: [] };
}

/** Card previews are drawn in the box the composer gives a card in each aspect's split layout. */
const PREVIEW_BOX: Record<ComposeAspect, { width: number; height: number }> = {
  "9:16": { width: 540, height: 480 },
  "16:9": { width: 480, height: 540 },
  "1:1": { width: 540, height: 400 },
  "4:5": { width: 540, height: 440 },
};

export const cardPreviewQuery = z.object({
  card: z
    .string()
    .max(4000, "The card is too long to preview.")
    .transform((raw, ctx) => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "card must be the JSON of a scene visual's card, as POST /storyboards/plan returns it." });
        return z.NEVER;
      }
    })
    .pipe(cardVisualSchema.shape.card),
  aspect: z.enum(COMPOSE_ASPECTS).default("9:16"),
});

export function cardPreviewPng(card: z.output<typeof cardPreviewQuery>["card"], aspect: ComposeAspect): Buffer {
  return cardPng(card, PREVIEW_BOX[aspect]);
}
