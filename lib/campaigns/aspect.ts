/**
 * A campaign's own aspect (issue 13): the campaign's choice, else its template's, else 9:16.
 * Checked when the campaign is saved, so a run never finds out at 09:00 that no enabled provider
 * can make the shape (4:5 is not on Kling or Runway). The 400 is the create path's own message
 * (lib/providers/failover aspectUnavailableMessage), naming the providers that do make it.
 */
import type { avatarProfiles } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { aspectUnavailableMessage, isCapable } from "@/lib/providers/failover";
import { allProviders, getProvider } from "@/lib/providers/registry";
import type { GenerationRequest } from "@/lib/providers/types";
import { loadProviderSettings } from "@/lib/providers/workspace";
import { ASPECT_TO_RATIO, type AspectName } from "@/lib/videos/input";
import { avatarRef } from "@/lib/videos/request";

export const DEFAULT_CAMPAIGN_ASPECT: AspectName = "portrait";

/** The aspect a campaign's videos get: its own, else its template's, else portrait 9:16. */
export function campaignAspect(own: AspectName | null | undefined, template: { aspectRatio: AspectName } | null | undefined): AspectName {
  return own ?? template?.aspectRatio ?? DEFAULT_CAMPAIGN_ASPECT;
}

/** Campaign scripts are 30 s shorts (process.ts); the probe only has to look like one. */
const PROBE_SCRIPT = "A thirty second campaign short. ".repeat(12).trim();

/**
 * Throws the create path's 400 when every enabled presenter provider is ruled out by the shape
 * alone. Other reasons (no provider enabled at all, …) are left to the run, as before.
 */
export async function assertAspectMakeable(workspaceId: string, avatar: typeof avatarProfiles.$inferSelect, aspect: AspectName): Promise<void> {
  const req = { script: PROBE_SCRIPT, voiceSpeed: 1, aspectRatio: ASPECT_TO_RATIO[aspect], captions: true, avatar: avatarRef(avatar) } as GenerationRequest;
  const enabled = (await loadProviderSettings(workspaceId)).filter((s) => s.enabled).map((s) => getProvider(s.providerId));
  if (enabled.some((p) => isCapable(p, req).ok)) return;
  const message = aspectUnavailableMessage(enabled, allProviders(), req);
  if (message) throw new AppError("bad_request", message, { field: "aspectRatio" });
}
