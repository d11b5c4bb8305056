/**
 * The workspace's own video templates (issue 14: "templates carry the brand kit; music chosen
 * per template, volume per template"). Built-in templates (workspace_id null) are shared by
 * every workspace and read-only: changing one answers 409 and says to make a copy.
 * Another workspace's template answers 404 exactly like a missing one (ARCHITECTURE §3.1).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { getDb } from "@/db/client";
import { deleteOwnTemplate, findVisibleTemplate, insertTemplate, updateOwnTemplate, type TemplateInsert, type TemplateRow } from "@/db/queries/templates";
import { requireRole, type AuthContext } from "@/lib/auth/context";
import { MUSIC_BEDS } from "@/lib/compose/types";
import { AppError } from "@/lib/errors";
import { safeText } from "@/lib/http/schemas";
import { assertOwnedMedia } from "@/lib/storage/owned";
import { ASPECT_NAMES, backgroundSchema } from "@/lib/videos/input";

/** Who may add, change or delete templates: the same roles as the brand kit they carry. */
export const TEMPLATE_ROLES = ["owner", "admin"] as const;

const fields = {
  name: safeText(80).trim().min(1, "Give the template a name."),
  description: safeText(280).trim(),
  aspectRatio: z.enum(ASPECT_NAMES),
  background: backgroundSchema,
  captions: z.boolean(),
  voiceSpeed: z.number().min(0.5, "Voice speed is between 0.5 and 2.").max(2, "Voice speed is between 0.5 and 2."),
  useBrand: z.boolean(),
  /** A built-in bed, or null: the planner's default bed. */
  musicBed: z.enum(MUSIC_BEDS, { message: `Music bed is one of ${MUSIC_BEDS.join(", ")}, or null for the default.` }).nullable(),
  musicVolumeDb: z.number().int("Music volume is a whole number of dB.").min(-40, "Music volume is between -40 and 0 dB.").max(0, "Music volume is between -40 and 0 dB."),
};

export const templateCreateSchema = z.object({
  name: fields.name,
  description: fields.description.default(""),
  aspectRatio: fields.aspectRatio.default("portrait"),
  background: fields.background.default({ type: "color", value: "#ffffff" }),
  captions: fields.captions.default(true),
  voiceSpeed: fields.voiceSpeed.default(1),
  useBrand: fields.useBrand.default(true),
  musicBed: fields.musicBed.default(null),
  musicVolumeDb: fields.musicVolumeDb.default(-20),
});

export const templatePatchSchema = z
  .object({
    name: fields.name,
    description: fields.description,
    aspectRatio: fields.aspectRatio,
    background: fields.background,
    captions: fields.captions,
    voiceSpeed: fields.voiceSpeed,
    useBrand: fields.useBrand,
    musicBed: fields.musicBed,
    musicVolumeDb: fields.musicVolumeDb,
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "Send at least one field to change (name, aspectRatio, background, captions, voiceSpeed, useBrand, musicBed, musicVolumeDb).");

/** A readable, unique-enough slug: it never collides with a built-in's (those have no suffix). */
function slugFor(name: string): string {
  const base = name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "template";
  return `${base}-${randomBytes(3).toString("hex")}`;
}

async function checkBackground(workspaceId: string, bg: TemplateInsert["background"] | undefined): Promise<void> {
  // An image/video background must be this workspace's own upload (else the same 404 as missing).
  if (bg && (bg.type === "image" || bg.type === "video")) await assertOwnedMedia(workspaceId, bg.key);
}

export async function createTemplate(ctx: AuthContext, input: unknown): Promise<TemplateRow> {
  requireRole(ctx, [...TEMPLATE_ROLES]);
  const v = templateCreateSchema.parse(input);
  await checkBackground(ctx.workspace.id, v.background);
  return insertTemplate(getDb(), ctx.workspace.id, { ...v, slug: slugFor(v.name) });
}

/** The template the caller may change: its own; a built-in is a 409, anything else a 404. */
async function ownTemplate(ctx: AuthContext, id: string): Promise<TemplateRow> {
  const t = await findVisibleTemplate(getDb(), ctx.workspace.id, id);
  if (!t) throw new AppError("not_found", "Template not found.");
  if (t.workspaceId === null) {
    throw new AppError("conflict", `"${t.name}" is a built-in template and can't be changed or deleted. Create your own template (POST /api/v1/templates) with the settings you want.`);
  }
  return t;
}

export async function updateTemplate(ctx: AuthContext, id: string, input: unknown): Promise<TemplateRow> {
  requireRole(ctx, [...TEMPLATE_ROLES]);
  const patch = templatePatchSchema.parse(input);
  await ownTemplate(ctx, id);
  await checkBackground(ctx.workspace.id, patch.background);
  const row = await updateOwnTemplate(getDb(), ctx.workspace.id, id, patch);
  if (!row) throw new AppError("not_found", "Template not found.");
  return row;
}

export async function deleteTemplate(ctx: AuthContext, id: string): Promise<void> {
  requireRole(ctx, [...TEMPLATE_ROLES]);
  await ownTemplate(ctx, id);
  // Videos made with it keep their settings; their template_id is set null (FK on delete).
  if (!(await deleteOwnTemplate(getDb(), ctx.workspace.id, id))) throw new AppError("not_found", "Template not found.");
}
