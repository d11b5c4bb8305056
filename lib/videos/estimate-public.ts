import { z } from "zod";
import { getDb } from "@/db/client";
import type { AuthContext } from "@/lib/auth/context";
import { budgetStatus } from "@/lib/budget";
import { estimateSpeechSeconds } from "@/lib/providers/types";
import { estimateBroll, type BrollEstimate } from "@/lib/compose/broll/estimate";
import { resolveAvatar, resolveTemplate } from "./catalog";
import { estimateCandidates } from "./estimate";
import { ASPECT_TO_RATIO, createVideoSchema } from "./input";
import { avatarRef } from "./request";

/** What POST /estimate reads: the create fields that change the price, and a storyboard's B-roll. */
export const estimateInputSchema = createVideoSchema
  .pick({ script: true, avatarProfileId: true, templateId: true, aspectRatio: true, voiceSpeed: true, captions: true, providerPreference: true })
  .extend({ storyboard: z.preprocess(unwrittenBrollAsNone, createVideoSchema.shape.storyboard) });

/**
 * While the user writes a B-roll prompt it may be empty for a moment: the estimate prices that
 * scene as no clip instead of answering 400 (creating the video still requires the prompt).
 */
function unwrittenBrollAsNone(v: unknown): unknown {
  const b = v as { scenes?: Array<{ visual?: { type?: unknown; prompt?: unknown } }> } | null;
  if (!b || typeof b !== "object" || !Array.isArray(b.scenes)) return v;
  const unwritten = (x: { type?: unknown; prompt?: unknown } | undefined) => x?.type === "broll" && typeof x.prompt === "string" && !x.prompt.trim();
  return { ...b, scenes: b.scenes.map((sc) => (sc && typeof sc === "object" && unwritten(sc.visual) ? { ...sc, visual: { type: "none" } } : sc)) };
}
const estimateInput = estimateInputSchema;

/**
 * What the create form shows before submitting: providers in order, cost, budget left, and for
 * a storyboard video its AI B-roll clips (each a child generation with its own hold; cached
 * prompts are free), which count against the day's and month's budget too.
 */
export async function estimateForForm(ctx: AuthContext, input: unknown) {
  const v = estimateInput.parse(input);
  const avatar = await resolveAvatar(v.avatarProfileId, ctx.workspace.plan, ctx.workspace.id);
  const template = v.templateId ? await resolveTemplate(ctx.workspace.id, v.templateId) : null;
  const aspect = v.aspectRatio ?? template?.aspectRatio ?? "portrait";
  const voiceSpeed = v.voiceSpeed ?? template?.voiceSpeed ?? 1;
  const { candidates, reserveCents, minReserveCents } = await estimateCandidates(
    ctx.workspace.id,
    { script: v.script, voiceSpeed, aspectRatio: ASPECT_TO_RATIO[aspect], captions: v.captions ?? true, avatar: avatarRef(avatar) },
    v.providerPreference,
  );
  const budget = await budgetStatus(getDb(), ctx.workspace.id);
  const broll: BrollEstimate | null = v.storyboard?.scenes.some((s) => s.visual.type === "broll") ? await estimateBroll(ctx.workspace.id, v.storyboard) : null;
  const brollCents = broll?.totalCents ?? 0;
  // Each clip is its own child video: the per-video cap applies to the presenter video (and to
  // each clip on its own), the day's and month's budget to everything this video will spend.
  const fits = (cents: number, left: number | null) => left == null || cents <= left;
  const fitsBudget = fits(minReserveCents, budget.perVideoCents) && fits(minReserveCents + brollCents, budget.leftTodayCents) && fits(minReserveCents + brollCents, budget.leftMonthCents);
  return {
    durationSec: estimateSpeechSeconds(v.script, voiceSpeed),
    // The hold is at least minReserveCents (the provider tried first) and at most reserveCents.
    reserveCents,
    minReserveCents,
    candidates: candidates.map((c) => ({ provider: c.provider, displayName: c.displayName, cents: c.estimate.cents, units: c.estimate.units, unitName: c.estimate.unitName })),
    budget,
    broll,
    /** Presenter (first provider) plus the B-roll clips not cached, integer cents. */
    totalCents: minReserveCents + brollCents,
    fitsBudget,
  };
}
