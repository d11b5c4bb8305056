/**
 * Live presenter catalog: imports a connected HeyGen account's avatar looks and voices (GET
 * /v3/avatars/looks, GET /v3/voices) into avatar_profiles as workspace-scoped presenters, shown
 * in the carousel next to the built-ins. Re-importing refreshes: new looks are added, changed
 * ones updated, looks gone from the account are hidden (kept for videos that used them).
 */
import { createHash } from "node:crypto";
import { and, eq, notInArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { avatarProfiles } from "@/db/schema";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { AppError } from "@/lib/errors";
import { createHeygenProvider, type HeygenLook, type HeygenVoice } from "@/lib/providers/heygen";
import { loadProviderSettings } from "@/lib/providers/workspace";

/** HeyGen's voice languages are names ("English"); our profiles carry BCP-47-ish tags. */
const LANGUAGE_TAG: Record<string, string> = { english: "en-US", spanish: "es-ES", french: "fr-FR", german: "de-DE", portuguese: "pt-BR", italian: "it-IT", japanese: "ja-JP", chinese: "zh-CN", hindi: "hi-IN" };
export const languageTag = (language: string | undefined) => (language && LANGUAGE_TAG[language.toLowerCase()]) || "en-US";

/** Imported presenters need a paid plan, like the built-in provider-backed ones. */
const IMPORTED_TIER = "pro" as const;

/** Stable, globally unique slug for (workspace, look) — slugs are unique across the table. */
export function importedSlug(workspaceId: string, lookId: string): string {
  return `hg-${createHash("sha256").update(`${workspaceId}:${lookId}`).digest("hex").slice(0, 16)}`;
}

/** The look's own default voice, else an English voice of the same gender, else the first voice. */
export function voiceFor(look: HeygenLook, voices: HeygenVoice[]): HeygenVoice | undefined {
  const own = look.defaultVoiceId ? voices.find((v) => v.id === look.defaultVoiceId) : undefined;
  if (own) return own;
  const g = look.gender?.toLowerCase();
  return voices.find((v) => v.gender?.toLowerCase() === g && v.language?.toLowerCase() === "english") ?? voices.find((v) => v.gender?.toLowerCase() === g) ?? voices[0];
}

export async function importHeygenCatalog(ctx: AuthContext, opts: { provider?: ReturnType<typeof createHeygenProvider> } = {}): Promise<{ imported: number; hidden: number }> {
  requireRole(ctx, ["owner", "admin"]);
  const workspaceId = ctx.workspace.id;
  const s = (await loadProviderSettings(workspaceId)).find((x) => x.providerId === "heygen")!;
  if (!s.configured) throw new AppError("bad_request", "Connect HeyGen first: add its API key in Settings → Providers, then import its presenters.");
  const provider = opts.provider ?? createHeygenProvider();
  const pctx = { credentials: s.credentials, workDir: "/tmp", signal: AbortSignal.timeout(60_000) };
  const [looks, voices] = await Promise.all([provider.listAvatars(pctx), provider.listVoices(pctx)]);
  const db = getDb();
  const now = new Date();
  const slugs: string[] = [];
  for (const [i, look] of looks.entries()) {
    const voice = voiceFor(look, voices);
    if (!voice) continue; // a presenter without a voice cannot speak
    const slug = importedSlug(workspaceId, look.id);
    slugs.push(slug);
    const values = {
      name: look.name.slice(0, 120),
      description: `Imported from HeyGen (${look.type === "talking_photo" ? "photo avatar" : "video avatar"})`,
      avatarType: look.type,
      tier: IMPORTED_TIER,
      language: languageTag(voice.language),
      voiceName: voice.name,
      providerAvatarIds: { heygen: look.id },
      providerVoiceIds: { heygen: voice.id },
      previewImageUrl: look.previewImageUrl ?? null,
      previewVideoUrl: look.previewVideoUrl ?? null,
      previewAudioUrl: voice.previewAudioUrl ?? null,
      active: true,
      sortOrder: 1000 + i,
      importedAt: now,
    };
    await db
      .insert(avatarProfiles)
      .values({ slug, workspaceId, source: "heygen", ...values })
      .onConflictDoUpdate({ target: avatarProfiles.slug, set: values });
  }
  // Looks no longer in the account: hidden from the carousel, kept for the videos that used them.
  const hidden = await db
    .update(avatarProfiles)
    .set({ active: false })
    .where(and(eq(avatarProfiles.workspaceId, workspaceId), eq(avatarProfiles.source, "heygen"), eq(avatarProfiles.active, true), ...(slugs.length ? [notInArray(avatarProfiles.slug, slugs)] : [])))
    .returning({ id: avatarProfiles.id });
  return { imported: slugs.length, hidden: hidden.length };
}
