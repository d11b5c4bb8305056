/**
 * Which providers would render a request, in order, and what it could cost. The reservation
 * is the most expensive candidate's estimate: failover may land on any of them, and money is
 * held before the first one is called.
 */
import { getProvider } from "@/lib/providers/registry";
import { isCapable } from "@/lib/providers/failover";
import { loadProviderSettings } from "@/lib/providers/workspace";
import type { CostEstimate, GenerationRequest, ProviderId } from "@/lib/providers/types";
import type { ResolvedProviderSettings } from "@/lib/providers/registry";
import { AppError } from "@/lib/errors";

export interface CandidateEstimate {
  provider: ProviderId;
  displayName: string;
  estimate: CostEstimate;
  settings: ResolvedProviderSettings;
}

export function orderCandidates(settings: ResolvedProviderSettings[], preference: string): ResolvedProviderSettings[] {
  const enabled = settings.filter((s) => s.enabled);
  if (preference === "auto") return enabled;
  const first = enabled.filter((s) => s.providerId === preference);
  return [...first, ...enabled.filter((s) => s.providerId !== preference)];
}

export async function estimateCandidates(
  workspaceId: string,
  req: Pick<GenerationRequest, "script" | "voiceSpeed" | "aspectRatio" | "avatar" | "captions"> & Partial<GenerationRequest>,
  preference = "auto",
  allowTextToVideo = true,
): Promise<{ candidates: CandidateEstimate[]; reserveCents: number }> {
  const settings = orderCandidates(await loadProviderSettings(workspaceId), preference);
  const candidates: CandidateEstimate[] = [];
  for (const s of settings) {
    const p = getProvider(s.providerId);
    if (p.id !== "local" && !isCapable(p, req as GenerationRequest, { allowTextToVideo }).ok) continue;
    candidates.push({ provider: p.id, displayName: p.displayName, estimate: p.estimateCost(req, s.costModel), settings: s });
  }
  if (!candidates.length) {
    throw new AppError("bad_request", "No enabled provider can render this video. Enable the local studio or add a provider key in Settings → Providers.");
  }
  return { candidates, reserveCents: Math.max(...candidates.map((c) => c.estimate.cents)) };
}
