/**
 * What a storyboard's AI B-roll would cost (issue 14), per scene and in total, from the same
 * estimate the child clip generation reserves with (lib/videos/estimate.ts, role "clip"), so
 * the editor, the API and the hold agree. A prompt already in the workspace's cache is free.
 */
import { getDb } from "@/db/client";
import { findComposeSettings } from "@/db/queries/brand";
import { AppError } from "@/lib/errors";
import { clipRequest } from "@/lib/providers/clip-request";
import { estimateCandidates } from "@/lib/videos/estimate";
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
  scenes: BrollSceneEstimate[];
  totalCents: number;
  maxTotalCents: number;
}

export async function estimateBroll(workspaceId: string, board: Pick<Storyboard, "scenes" | "aspects">): Promise<BrollEstimate> {
  const { aiBroll } = await findComposeSettings(getDb(), workspaceId);
  const aspect = clipAspectOf(board.aspects[0] ?? "9:16");
  const providers = aiBroll ? await clipProviders(workspaceId, aspect) : [];
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
    scenes,
    totalCents: scenes.reduce((n, s) => n + s.cents, 0),
    maxTotalCents: scenes.reduce((n, s) => n + s.maxCents, 0),
  };
}
