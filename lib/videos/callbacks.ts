/**
 * Provider callbacks (/api/webhooks/<provider>). A callback is only a hint: it is matched to an
 * attempt we made and then the worker is woken to poll the provider itself, which decides.
 *
 * Signatures: per-job callback URLs are not signed by any of our providers (HeyGen signs only
 * deliveries to registered webhook endpoints — heygen-com/heygen-cli gen/webhook.go, read
 * 2026-11-30), so an unsigned callback is accepted as a wake-up: forging one costs us at most an
 * early poll and changes no state. A delivery that carries a signature must verify against the
 * operator's configured secret, or it is refused. Duplicates are harmless (waking twice polls twice).
 */
import { and, eq, isNotNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { generationAttempts } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { getProvider, isProviderId, providerJobId } from "@/lib/providers/registry";
import { loadProviderSettings } from "@/lib/providers/workspace";
import { appUrl } from "@/lib/env";
import type { ProviderId } from "@/lib/providers/types";
import { wakeVideo } from "./wake";

export function callbackUrlFor(provider: ProviderId, videoId: string): string {
  return `${appUrl()}/api/webhooks/${provider}?video=${encodeURIComponent(videoId)}`;
}

export async function handleProviderCallback(
  providerId: string,
  req: Request,
  opts: { crossProcess: boolean },
): Promise<{ accepted: boolean; videoId?: string; verified?: boolean }> {
  if (!isProviderId(providerId) || providerId === "local") throw new AppError("not_found", "Unknown provider.");
  const provider = getProvider(providerId);
  const rawBody = await req.text();
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new AppError("bad_request", "Callback body must be JSON.");
  }
  const event = provider.parseWebhook?.(body) ?? null;
  if (!event) return { accepted: false };
  const hintedVideo = new URL(req.url).searchParams.get("video");
  // Only attempts still waiting on the provider; the callback carries the provider's own job id.
  const waiting = await getDb()
    .select({ videoId: generationAttempts.videoId, workspaceId: generationAttempts.workspaceId, externalId: generationAttempts.externalId })
    .from(generationAttempts)
    .where(
      and(
        eq(generationAttempts.provider, providerId),
        eq(generationAttempts.outcome, "running"),
        isNotNull(generationAttempts.externalId),
        ...(hintedVideo && /^[0-9a-f-]{36}$/i.test(hintedVideo) ? [eq(generationAttempts.videoId, hintedVideo)] : []),
      ),
    )
    .limit(500);
  const attempt = waiting.find((a) => providerJobId(providerId, a.externalId!) === event.externalId);
  if (!attempt) throw new AppError("not_found", "No generation is waiting for this job.");
  const signed = !!provider.verifyWebhook && !!provider.callbackIsSigned?.(req.headers);
  if (signed) {
    const settings = (await loadProviderSettings(attempt.workspaceId)).find((s) => s.providerId === providerId);
    if (!settings?.credentials.webhookSecret || !provider.verifyWebhook!(req.headers, rawBody, settings.credentials)) {
      logger.warn({ provider: providerId, videoId: attempt.videoId }, "provider callback with a bad or unverifiable signature ignored");
      throw new AppError("unauthorized", "Callback signature does not verify. Check the webhook signing secret in Settings → Providers.");
    }
  }
  // Only a wake-up: the worker re-polls the provider and trusts nothing the body claims.
  await wakeVideo(attempt.videoId, opts);
  return { accepted: true, videoId: attempt.videoId, verified: signed };
}
