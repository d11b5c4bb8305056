/**
 * What a storyboard's AI B-roll would cost (issue 14), per scene and in total, from the same
 * estimate the child clip generation reserves with (lib/videos/estimate.ts, role "clip"), so
 * the editor, the API and the hold agree. A prompt already in the workspace's cache is free.
 */
import { z } from "zod";
import { getDb } from "@/db/client";
import { findComposeSettings } from "@/db/queries/brand";
import { AppError } from "@/lib/errors";
import { clipRequest } from "@/lib/providers/clip-request";
import { estimateCandidates } from "@/lib/videos/estimate";
import { proposeBroll } from "../plan";
import type { Storyboard } from "../types";
import { clipAspectOf } from "./cache";
import { cacheKeysFor, clipProviders, usableCachedClip } from "./index";

export interface BrollSceneEstimate {
  sceneId: string;
  /** What the first clip provider in the workspace's order charges; 0 when cached or made. */
  cents: number;
  /** The dearest provider it may fail over to (what is held from the budget). */
  maxCents: number;
  cached: boolean;
  /** The provider tried first. */
  provider: string | null;
  /** Why no clip would be made (the scene then shows the presenter). */
  reason: string | null;
}

export interface BrollEstimate {
  enabled: boolean;
  /**
   * Whether a scene set to AI B-roll would get a clip: the workspace switch is on and a clip
   * provider is enabled for the board's first aspect. The editor disables its "AI B-roll"
   * option with `unavailableReason` and a link to `settingsHref` when not.
   */
  available: boolean;
  unavailableReason: string | null;
  settingsHref: string | null;
  scenes: BrollSceneEstimate[];
  /** Scenes that would get a clip (priced or cached) and, of those, the cached (free) ones. */
  clips: number;
  cachedClips: number;
  totalCents: number;
  maxTotalCents: number;
}

export const BROLL_OFF_REASON = "AI B-roll is off for this workspace: switch it on in Settings → Brand.";
export const BROLL_NO_PROVIDER_REASON = "No clip provider key: add a Kling, Pika or Runway key in Settings → Providers.";

export async function estimateBroll(workspaceId: string, board: Pick<Storyboard, "scenes" | "aspects">): Promise<BrollEstimate> {
  const { aiBroll } = await findComposeSettings(getDb(), workspaceId);
  const aspect = clipAspectOf(board.aspects[0] ?? "9:16");
  const providers = aiBroll ? await clipProviders(workspaceId, aspect) : [];
  const available = aiBroll && providers.length > 0;
  const unavailableReason = !aiBroll ? BROLL_OFF_REASON : providers.length ? null : BROLL_NO_PROVIDER_REASON;
  const scenes: BrollSceneEstimate[] = [];
  for (const s of board.scenes) {
    if (s.visual.type !== "broll") continue;
    const base = { sceneId: s.id, cents: 0, maxCents: 0, cached: false, provider: null, reason: null };
    if (s.visual.key) {
      scenes.push({ ...base, cached: true });
      continue;
    }
    if (!aiBroll) {
      scenes.push({ ...base, reason: "AI B-roll is off for this workspace (Settings → Brand); the scene shows the presenter." });
      continue;
    }
    if (await usableCachedClip(workspaceId, cacheKeysFor(s.visual.prompt, aspect, providers))) {
      scenes.push({ ...base, cached: true });
      continue;
    }
    try {
      const req = clipRequest({ generationId: "estimate", prompt: s.visual.prompt, aspectRatio: aspect });
      const { candidates, reserveCents, minReserveCents } = await estimateCandidates(workspaceId, req, "auto", true);
      scenes.push({ ...base, cents: minReserveCents, maxCents: reserveCents, provider: candidates[0].provider });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      scenes.push({ ...base, reason: "No clip provider (Kling, Pika, Runway) is enabled for this format; add a key in Settings → Providers. The scene shows the presenter." });
    }
  }
  return {
    enabled: aiBroll,
    available,
    unavailableReason,
    settingsHref: !aiBroll ? "/settings/brand" : providers.length ? null : "/settings/providers",
    scenes,
    clips: scenes.filter((s) => !s.reason).length,
    cachedClips: scenes.filter((s) => s.cached).length,
    totalCents: scenes.reduce((n, s) => n + s.cents, 0),
    maxTotalCents: scenes.reduce((n, s) => n + s.maxCents, 0),
  };
}

/**
 * A planned board with AI B-roll proposed when the workspace can make it (switch on and a clip
 * provider for its aspect), and that board's estimate, so POST /storyboards/plan answers with
 * what the editor shows and the hold will reserve. Otherwise the board is unchanged.
 */
export async function withProposedBroll(workspaceId: string, board: Storyboard): Promise<{ storyboard: Storyboard; broll: BrollEstimate }> {
  const before = await estimateBroll(workspaceId, board);
  if (!before.available) return { storyboard: board, broll: before };
  const storyboard = proposeBroll(board);
  return { storyboard, broll: storyboard === board ? before : await estimateBroll(workspaceId, storyboard) };
}

/** The answer's shape, for the OpenAPI document (both storyboard routes return it). */
export const brollEstimateSchema = z.object({
  enabled: z.boolean(),
  available: z.boolean(),
  unavailableReason: z.string().nullable(),
  settingsHref: z.string().nullable(),
  scenes: z.array(
    z.object({ sceneId: z.string(), cents: z.number().int(), maxCents: z.number().int(), cached: z.boolean(), provider: z.string().nullable(), reason: z.string().nullable() }),
  ),
  clips: z.number().int(),
  cachedClips: z.number().int(),
  totalCents: z.number().int().describe("Cents charged by the first clip provider for the clips not cached"),
  maxTotalCents: z.number().int().describe("Cents held from the budget (the dearest failover provider)"),
});
