import { getDb } from "@/db/client";
import type { AuthContext } from "@/lib/auth/context";
import { budgetStatus } from "@/lib/budget";
import { estimateSpeechSeconds } from "@/lib/providers/types";
import { resolveAvatar, resolveTemplate } from "./catalog";
import { estimateCandidates } from "./estimate";
import { ASPECT_TO_RATIO, createVideoSchema } from "./input";
import { avatarRef } from "./request";

const estimateInput = createVideoSchema.pick({ script: true, avatarProfileId: true, templateId: true, aspectRatio: true, voiceSpeed: true, captions: true, providerPreference: true });

/** What the create form shows before submitting: providers in order, cost, budget left. */
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
  const left = [budget.perVideoCents, budget.leftTodayCents, budget.leftMonthCents].filter((x): x is number => x != null);
  return {
    durationSec: estimateSpeechSeconds(v.script, voiceSpeed),
    // The hold is at least minReserveCents (the provider tried first) and at most reserveCents.
    reserveCents,
    minReserveCents,
    candidates: candidates.map((c) => ({ provider: c.provider, displayName: c.displayName, cents: c.estimate.cents, units: c.estimate.units, unitName: c.estimate.unitName })),
    budget,
    fitsBudget: left.every((l) => minReserveCents <= l),
  };
}
