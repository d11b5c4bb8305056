/**
 * The workspace's brand kit (issue 14): read, validated write, and resolution for the composer.
 * One kit per workspace (db/schema/brand.ts); the logo is an upload of the workspace's own,
 * checked for ownership when the kit is saved AND when it is resolved for a render — another
 * workspace's key answers exactly like a missing one (404).
 */
import { getDb } from "@/db/client";
import { findBrandKit, findComposeSettings, upsertBrandKit, upsertComposeSettings } from "@/db/queries/brand";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { assertOwnedMedia, resolveOwnedKey } from "@/lib/storage/owned";
import { logger } from "@/lib/logger";
import { z } from "zod";
import { brandKitSchema, type BrandKit, type ResolvedBrandKit } from "./types";

export interface BrandKitView {
  /** null: the workspace has no kit yet (templates then render without brand). */
  kit: BrandKit | null;
  updatedAt: string | null;
  /** AI B-roll (paid clips from Kling, Pika, Runway) for composed shorts; off by default. */
  aiBroll: boolean;
}

/** The stored kit, or null when there is none or it no longer parses (an older shape). */
export async function loadBrandKit(workspaceId: string): Promise<{ kit: BrandKit; updatedAt: Date } | null> {
  const row = await findBrandKit(getDb(), workspaceId);
  if (!row) return null;
  const parsed = brandKitSchema.safeParse(row.kit);
  if (!parsed.success) {
    logger.warn({ workspaceId, issue: parsed.error.issues[0]?.message }, "stored brand kit does not parse; ignored");
    return null;
  }
  return { kit: parsed.data, updatedAt: row.updatedAt };
}

export async function getBrandKit(ctx: AuthContext): Promise<BrandKitView> {
  const [k, s] = await Promise.all([loadBrandKit(ctx.workspace.id), findComposeSettings(getDb(), ctx.workspace.id)]);
  return { kit: k?.kit ?? null, updatedAt: k?.updatedAt.toISOString() ?? null, aiBroll: s.aiBroll };
}

/** PUT body: the kit, and optionally the AI B-roll switch (kept beside it in Settings → Brand). */
export const brandPutSchema = brandKitSchema.extend({ aiBroll: z.boolean().optional() });

export async function saveBrandKit(ctx: AuthContext, input: unknown): Promise<BrandKitView> {
  requireRole(ctx, ["owner", "admin"]);
  const { aiBroll, ...kit } = brandPutSchema.parse(input);
  // A logo key must be an upload of this workspace that exists (else the same 404 as missing).
  if (kit.logo) await assertOwnedMedia(ctx.workspace.id, kit.logo.key);
  const saved = await upsertBrandKit(getDb(), ctx.workspace.id, kit);
  const s = aiBroll === undefined ? await findComposeSettings(getDb(), ctx.workspace.id) : await upsertComposeSettings(getDb(), ctx.workspace.id, { aiBroll });
  return { kit: saved.kit, updatedAt: saved.updatedAt.toISOString(), aiBroll: s.aiBroll };
}

/** Turns AI B-roll on or off on its own (the Settings switch). */
export async function setAiBroll(ctx: AuthContext, on: boolean): Promise<{ aiBroll: boolean }> {
  requireRole(ctx, ["owner", "admin"]);
  return upsertComposeSettings(getDb(), ctx.workspace.id, { aiBroll: on });
}

/**
 * The kit for the composer: the logo resolved to a local file through the ownership-checked
 * resolver. A logo deleted since the kit was saved drops the logo, not the video.
 */
export async function resolveBrandKit(workspaceId: string, kit: BrandKit): Promise<ResolvedBrandKit> {
  let logo: ResolvedBrandKit["logo"] = null;
  if (kit.logo) {
    try {
      logo = { path: await resolveOwnedKey(workspaceId, kit.logo.key), position: kit.logo.position, scale: kit.logo.scale };
    } catch (err) {
      logger.warn({ err, workspaceId }, "brand logo could not be resolved; rendering without it");
    }
  }
  return { ...kit, logo };
}
