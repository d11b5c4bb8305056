/**
 * Which providers would render a request, in order, and what it could cost — the one answer
 * used by routing (the worker), the estimate shown to the user and the reservation, so the
 * three cannot disagree (issue 11, defect 3).
 *
 * The user's (or campaign's) provider choice is a `ProviderPreference`:
 *   "auto"                       the workspace's priority order;
 *   "<provider>" / first mode    that provider first, then the rest in priority order;
 *   "only:<provider>" / only     that provider alone, no failover.
 * It is stored in the existing text column (`provider_preference`) as "auto", "<id>" or
 * "only:<id>", so rows written before "only" existed keep their meaning.
 *
 * The hold covers the provider tried first at least, and at most the dearest candidate that
 * may be used; a candidate dearer than the hold is passed over for budget at run time.
 */
import { allProviders, getProvider } from "@/lib/providers/registry";
import { aspectUnavailableMessage, isCapable } from "@/lib/providers/failover";
import { loadProviderSettings } from "@/lib/providers/workspace";
import { type CostEstimate, type GenerationRequest, type ProviderId } from "@/lib/providers/types";
import type { ResolvedProviderSettings } from "@/lib/providers/registry";
import { AppError } from "@/lib/errors";
import { parsePreference } from "./preference";

export { parsePreference, providerPreferenceSchema, type ParsedPreference, type PreferenceMode } from "./preference";

export interface CandidateEstimate {
  provider: ProviderId;
  displayName: string;
  estimate: CostEstimate;
  settings: ResolvedProviderSettings;
}

export function orderCandidates(settings: ResolvedProviderSettings[], preference: string): ResolvedProviderSettings[] {
  const pref = parsePreference(preference);
  const enabled = settings.filter((s) => s.enabled);
  if (pref.provider === "auto") return enabled;
  // The user's choice wins over "enabled" for the chosen provider only when it is enabled:
  // a disabled provider is never used behind the workspace admin's back.
  const chosen = enabled.filter((s) => s.providerId === pref.provider);
  if (pref.mode === "only") return chosen;
  return [...chosen, ...enabled.filter((s) => s.providerId !== pref.provider)];
}

/** The label a queued video shows: names the provider that will really be tried first. */
export function queuedStage(candidates: CandidateEstimate[], preference: string): string {
  const first = candidates[0]?.displayName ?? "No provider";
  return parsePreference(preference).mode === "only" ? `Queued · ${first} only` : `Queued · ${first} first`;
}

export async function estimateCandidates(
  workspaceId: string,
  req: Pick<GenerationRequest, "script" | "voiceSpeed" | "aspectRatio" | "avatar" | "captions"> & Partial<GenerationRequest>,
  preference = "auto",
  allowTextToVideo = true,
): Promise<{ candidates: CandidateEstimate[]; reserveCents: number; minReserveCents: number }> {
  const pref = parsePreference(preference);
  const settings = orderCandidates(await loadProviderSettings(workspaceId), preference);
  const candidates: CandidateEstimate[] = [];
  for (const s of settings) {
    const p = getProvider(s.providerId);
    // A clip request (B-roll child, issue 14) is routed among clip providers only.
    if (!isCapable(p, req as GenerationRequest, { allowTextToVideo, role: req.role }).ok) continue;
    candidates.push({ provider: p.id, displayName: p.displayName, estimate: p.estimateCost(req, s.costModel), settings: s });
  }
  if (!candidates.length) {
    if (pref.mode === "only" && pref.provider !== "auto") {
      throw new AppError(
        "bad_request",
        `${getProvider(pref.provider).displayName} was chosen as the only provider, but it is not enabled or cannot make this video. Enable it in Settings → Providers, or choose "first" instead of "only".`,
      );
    }
    const shape = aspectUnavailableMessage(settings.map((s) => getProvider(s.providerId)), allProviders(), req as GenerationRequest, { allowTextToVideo, role: req.role });
    throw new AppError("bad_request", shape ?? "No enabled provider can render this video. Enable the local studio or add a provider key in Settings → Providers.");
  }
  return {
    candidates,
    reserveCents: Math.max(...candidates.map((c) => c.estimate.cents)),
    minReserveCents: candidates[0].estimate.cents,
  };
}
