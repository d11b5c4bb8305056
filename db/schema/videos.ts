import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, real, bigint, index, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { users } from "./auth";
import { avatarProfiles, videoTemplates, type BackgroundSetting } from "./avatars";
import { researchJobs } from "./research";
import { videoCampaigns } from "./campaigns";
import type { Storyboard } from "../../lib/compose/types";

export type VideoStatus =
  | "queued"
  | "submitting"
  | "rendering"
  | "processing"
  | "completed"
  | "failed"
  | "timeout"
  | "cancelled";

export const FINAL_STATUSES: readonly VideoStatus[] = ["completed", "failed", "timeout", "cancelled"];

export const videoGenerations = pgTable(
  "video_generations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    researchJobId: uuid("research_job_id").references(() => researchJobs.id, { onDelete: "set null" }),
    campaignId: uuid("campaign_id").references(() => videoCampaigns.id, { onDelete: "set null" }),
    scriptTitle: text("script_title").notNull(),
    scriptContent: text("script_content").notNull(),
    originalContent: jsonb("original_content").$type<Record<string, unknown>>(),
    avatarProfileId: uuid("avatar_profile_id").notNull().references(() => avatarProfiles.id),
    templateId: uuid("template_id").references(() => videoTemplates.id, { onDelete: "set null" }),
    aspectRatio: text("aspect_ratio").$type<"portrait" | "landscape" | "square" | "portrait_4x5">().notNull().default("portrait"),
    voiceSpeed: real("voice_speed").notNull().default(1),
    captions: boolean("captions").notNull().default(true),
    background: jsonb("background").$type<BackgroundSetting>().notNull(),
    targetPlatforms: text("target_platforms").array().notNull().default([]),
    /** "auto" = workspace failover order; otherwise a provider id to try first. */
    providerPreference: text("provider_preference").notNull().default("auto"),
    priority: integer("priority").notNull().default(10),
    /** Failover may use text/image-to-video providers (Kling, Pika, Runway) when presenters fail. */
    allowTextToVideo: boolean("allow_text_to_video").notNull().default(true),
    status: text("status").$type<VideoStatus>().notNull().default("queued"),
    stage: text("stage").notNull().default("Queued"),
    progress: integer("progress").notNull().default(0),
    etaSeconds: integer("eta_seconds"),
    provider: text("provider"),
    externalId: text("external_id"),
    videoKey: text("video_key"),
    thumbnailKey: text("thumbnail_key"),
    /** Per-platform optimised renditions: { instagram_reels: "key", ... }. */
    renditions: jsonb("renditions").$type<Record<string, string>>().notNull().default({}),
    /** Presets the video could not meet, with the reason: { instagram_reels: "Video is 120 s; ..." }. */
    renditionErrors: jsonb("rendition_errors").$type<Record<string, string>>().notNull().default({}),
    /** Composed short (issue 14): scenes/music/aspects; null = a plain presenter video. Validated by lib/compose/types.ts. */
    storyboard: jsonb("storyboard").$type<Storyboard>(),
    durationSeconds: real("duration_seconds"),
    sizeBytes: bigint("size_bytes", { mode: "number" }),
    estimatedCostCents: integer("estimated_cost_cents").notNull().default(0),
    reservedCents: integer("reserved_cents").notNull().default(0),
    costCents: integer("cost_cents"),
    error: text("error"),
    errorCode: text("error_code"),
    idempotencyKey: text("idempotency_key"),
    /** sha256 of the API request that carried `idempotencyKey`: the same key with another body is a 409. */
    requestHash: text("request_hash"),
    cancelRequestedAt: timestamp("cancel_requested_at", { withTimezone: true }),
    /** Which worker is processing the video, until when; renewed while it works (see lib/videos/lease.ts). */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("video_generations_idem_key").on(t.workspaceId, t.idempotencyKey),
    index("video_generations_ws_created_idx").on(t.workspaceId, t.createdAt),
    index("video_generations_status_idx").on(t.status),
  ],
);

export type AttemptOutcome = "running" | "succeeded" | "failed" | "timeout" | "skipped" | "cancelled";

/** One row per provider try; the failover history users see on the video page. */
export const generationAttempts = pgTable(
  "generation_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id").notNull().references(() => videoGenerations.id, { onDelete: "cascade" }),
    attemptNumber: integer("attempt_number").notNull(),
    provider: text("provider").notNull(),
    externalId: text("external_id"),
    outcome: text("outcome").$type<AttemptOutcome>().notNull().default("running"),
    error: text("error"),
    estimatedCostCents: integer("estimated_cost_cents").notNull().default(0),
    costCents: integer("cost_cents").notNull().default(0),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("generation_attempts_video_n_key").on(t.videoId, t.attemptNumber),
    index("generation_attempts_ws_provider_idx").on(t.workspaceId, t.provider),
  ],
);

export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id").notNull().references(() => videoGenerations.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("share_links_video_idx").on(t.videoId)],
);

export const videoAnalyticsEvents = pgTable(
  "video_analytics_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id").references(() => videoGenerations.id, { onDelete: "cascade" }),
    type: text("type").$type<"view" | "download" | "share" | "share_view" | "created" | "completed" | "failed">().notNull(),
    platform: text("platform"),
    meta: jsonb("meta").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("video_analytics_events_ws_idx").on(t.workspaceId, t.createdAt)],
);
