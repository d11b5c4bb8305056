/**
 * The one create path (dashboard action, REST API, research, campaigns): validate, resolve
 * avatar and template, estimate, reserve budget and insert the row in one transaction, then
 * enqueue. The same idempotency key twice returns the first video and charges nothing more.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { videoGenerations, videoAnalyticsEvents } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { reserve } from "@/lib/budget";
import { enqueue } from "@/lib/jobs/runtime";
import { emitVideo } from "./events";
import { resolveAvatar, resolveTemplate } from "./catalog";
import { estimateCandidates } from "./estimate";
import { ASPECT_TO_RATIO, PRIORITY, createVideoSchema, type CreateVideoInput } from "./input";
import { avatarRef } from "./request";
import { PROCESS_VIDEO_JOB } from "./job-names";

export interface CreateOptions {
  campaign?: { id: string; budgetCents: number | null };
  researchJobId?: string;
  originalContent?: Record<string, unknown>;
}

export type VideoRow = typeof videoGenerations.$inferSelect;

async function findByIdempotencyKey(workspaceId: string, key: string): Promise<VideoRow | null> {
  const [v] = await getDb()
    .select()
    .from(videoGenerations)
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.idempotencyKey, key)));
  return v ?? null;
}

export async function createVideo(ctx: AuthContext, input: CreateVideoInput | unknown, opts: CreateOptions = {}): Promise<{ video: VideoRow; created: boolean }> {
  const v = createVideoSchema.parse(input);
  const workspaceId = ctx.workspace.id;
  if (v.idempotencyKey) {
    const existing = await findByIdempotencyKey(workspaceId, v.idempotencyKey);
    if (existing) return { video: existing, created: false };
  }
  const avatar = await resolveAvatar(v.avatarProfileId, ctx.workspace.plan);
  const template = v.templateId ? await resolveTemplate(workspaceId, v.templateId) : null;
  const aspect = v.aspectRatio ?? template?.aspectRatio ?? "portrait";
  const voiceSpeed = v.voiceSpeed ?? template?.voiceSpeed ?? 1;
  const captions = v.captions ?? template?.captions ?? true;
  const background = v.background ?? template?.background ?? { type: "color" as const, value: "#ffffff" };

  const { candidates, reserveCents } = await estimateCandidates(
    workspaceId,
    { script: v.script, voiceSpeed, aspectRatio: ASPECT_TO_RATIO[aspect], captions, avatar: avatarRef(avatar) },
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
          scriptContent: v.script,
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
          stage: `Queued · ${candidates[0].displayName} first`,
        })
        .returning();
      await reserve(tx, { workspaceId, videoId: row.id, amountCents: reserveCents, campaign: opts.campaign, timezone: ctx.workspace.timezone });
      return row;
    });
  } catch (err) {
    // Two requests racing with one idempotency key: the unique index lets one in; the other
    // returns that video instead of an error.
    if (v.idempotencyKey && /video_generations_idem_key/.test(String((err as { cause?: unknown }).cause ?? err))) {
      const existing = await findByIdempotencyKey(workspaceId, v.idempotencyKey);
      if (existing) return { video: existing, created: false };
    }
    throw err;
  }

  await getDb().insert(videoAnalyticsEvents).values({ workspaceId, videoId: video.id, type: "created", meta: { via: ctx.via } });
  await enqueue(PROCESS_VIDEO_JOB, { videoId: video.id }, { priority: video.priority, singletonKey: video.id });
  await emitVideo(video);
  return { video, created: true };
}
