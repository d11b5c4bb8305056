/**
 * The one create path (dashboard action, REST API, research, campaigns): validate, resolve
 * avatar and template, estimate, reserve budget and insert the row in one transaction, then
 * enqueue. The same idempotency key twice returns the first video and charges nothing more.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { AppError } from "@/lib/errors";
import { findResearchJob } from "@/db/queries/research";
import { videoGenerations, videoAnalyticsEvents } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { reserve } from "@/lib/budget";
import { enqueue } from "@/lib/jobs/runtime";
import { emitVideo } from "./events";
import { resolveAvatar, resolveTemplate } from "./catalog";
import { estimateCandidates, queuedStage } from "./estimate";
import { ASPECT_TO_RATIO, PRIORITY, aspectNameOf, createVideoRequestSchema, storyboardForPlatforms, type CreateVideoInput } from "./input";
import { storyboardScript, type Storyboard } from "@/lib/compose/types";
import { musicFor } from "@/lib/compose/plan";
import { avatarRef } from "./request";
import { assertOwnedMedia } from "@/lib/storage/owned";
import { PROCESS_VIDEO_JOB } from "./job-names";

export interface CreateOptions {
  campaign?: { id: string; budgetCents: number | null };
  researchJobId?: string;
  originalContent?: Record<string, unknown>;
  /**
   * Fingerprint of the API request (lib/http/idempotency). Stored with the row; a later call
   * with the same idempotency key and another fingerprint is refused with 409.
   */
  requestHash?: string;
  /** "clip": a B-roll child generation (issue 14) — estimated, reserved and routed among clip providers only. */
  role?: "clip";
}

export type VideoRow = typeof videoGenerations.$inferSelect;

async function findByIdempotencyKey(workspaceId: string, key: string): Promise<VideoRow | null> {
  const [v] = await getDb()
    .select()
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.idempotencyKey, key)));
  return v ?? null;
}

/** The first video for a reused key, unless the key came with a different request (409). */
function replayOf(existing: VideoRow, hash: string | undefined): { video: VideoRow; created: boolean } {
  if (hash && existing.requestHash && existing.requestHash !== hash) {
    throw new AppError(
      "conflict",
      "This Idempotency-Key was already used with a different request. Use a new key for a new video, or resend the original request unchanged.",
      { videoId: existing.id },
    );
  }
  return { video: existing, created: false };
}

/** Every storage key a storyboard points at: uploaded visuals, made B-roll, an uploaded music bed. */
export function storyboardMediaKeys(board: Storyboard): string[] {
  const keys = new Set<string>();
  for (const scene of board.scenes) {
    if (scene.visual.type === "upload") keys.add(scene.visual.key);
    if (scene.visual.type === "broll" && scene.visual.key) keys.add(scene.visual.key);
  }
  if (typeof board.music.bed === "object") keys.add(board.music.bed.key);
  return [...keys];
}

export async function createVideo(ctx: AuthContext, input: CreateVideoInput | unknown, opts: CreateOptions = {}): Promise<{ video: VideoRow; created: boolean }> {
  const v = createVideoRequestSchema.parse(input);
  const workspaceId = ctx.workspace.id;
  if (v.idempotencyKey) {
    const existing = await findByIdempotencyKey(workspaceId, v.idempotencyKey);
    if (existing) return replayOf(existing, opts.requestHash);
  }
  // A video may only cite research of its own workspace (issue 10: another workspace's job id
  // was accepted from the dashboard's create action).
  if (opts.researchJobId && !(await findResearchJob(getDb(), workspaceId, opts.researchJobId))) {
    throw new AppError("not_found", "Research job not found.");
  }
  const avatar = await resolveAvatar(v.avatarProfileId, ctx.workspace.plan, ctx.workspace.id);
  const template = v.templateId ? await resolveTemplate(workspaceId, v.templateId) : null;
  // A storyboard speaks its own lines and renders one file per aspect, its first the main one.
  // A board that sends no music gets the template's bed and volume, else the planner's default.
  const storyboard = v.storyboard
    ? storyboardForPlatforms({ ...v.storyboard, music: musicFor(v.storyboard.music, template) }, v.targetPlatforms)
    : null;
  const script = storyboard ? storyboardScript(storyboard) : v.script!;
  const aspect = storyboard ? aspectNameOf(storyboard) : (v.aspectRatio ?? template?.aspectRatio ?? "portrait");
  const voiceSpeed = v.voiceSpeed ?? template?.voiceSpeed ?? 1;
  const captions = v.captions ?? template?.captions ?? true;
  const background = v.background ?? template?.background ?? { type: "color" as const, value: "#ffffff" };
  // Media keys are owned: another workspace's key answers exactly like a missing one (hole 2).
  if (background.type === "image" || background.type === "video") await assertOwnedMedia(workspaceId, background.key);
  if (storyboard) for (const key of storyboardMediaKeys(storyboard)) await assertOwnedMedia(workspaceId, key);

  const { candidates, reserveCents, minReserveCents } = await estimateCandidates(
    workspaceId,
    { script, voiceSpeed, aspectRatio: ASPECT_TO_RATIO[aspect], captions, avatar: avatarRef(avatar), ...(opts.role ? { role: opts.role } : {}) },
    v.providerPreference,
    v.allowTextToVideo,
  );

  let video: VideoRow;
  try {
    video = await getDb().transaction(async (tx) => {
      const [row] = await tx
        .insert(videoGenerations)
        .values({
          workspaceId,
          createdBy: ctx.user.id,
          researchJobId: opts.researchJobId,
          campaignId: opts.campaign?.id,
          scriptTitle: v.title,
          scriptContent: script,
          storyboard,
          originalContent: opts.originalContent,
          avatarProfileId: avatar.id,
          templateId: template?.id,
          aspectRatio: aspect,
          voiceSpeed,
          captions,
          background,
          targetPlatforms: v.targetPlatforms,
          providerPreference: v.providerPreference,
          allowTextToVideo: v.allowTextToVideo,
          priority: PRIORITY[v.priority],
          estimatedCostCents: reserveCents,
          reservedCents: reserveCents,
          idempotencyKey: v.idempotencyKey,
          requestHash: v.idempotencyKey ? opts.requestHash : undefined,
          stage: queuedStage(candidates, v.providerPreference),
        })
        .returning();
      // Hold what the provider tried first needs, and up to the dearest fallback if it fits
      // (issue 11, defect 3: a free local-first video must not need the price of HeyGen).
      const held = await reserve(tx, { workspaceId, videoId: row.id, amountCents: minReserveCents, upToCents: reserveCents, campaign: opts.campaign, timezone: ctx.workspace.timezone });
      if (held === row.reservedCents) return row;
      const [updated] = await tx.update(videoGenerations).set({ reservedCents: held, estimatedCostCents: held }).where(eq(videoGenerations.id, row.id)).returning();
      return updated;
    });
  } catch (err) {
    // Two requests racing with one idempotency key: the unique index lets one in; the other
    // returns that video instead of an error.
    if (v.idempotencyKey && /video_generations_idem_key/.test(String((err as { cause?: unknown }).cause ?? err))) {
      const existing = await findByIdempotencyKey(workspaceId, v.idempotencyKey);
      if (existing) return replayOf(existing, opts.requestHash);
    }
    throw err;
  }

  await getDb().insert(videoAnalyticsEvents).values({ workspaceId, videoId: video.id, type: "created", meta: { via: ctx.via } });
  await enqueue(PROCESS_VIDEO_JOB, { videoId: video.id }, { priority: video.priority, singletonKey: video.id });
  await emitVideo(video);
  return { video, created: true };
}
