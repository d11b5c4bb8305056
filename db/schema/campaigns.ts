import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, index, uniqueIndex, primaryKey } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { avatarProfiles, videoTemplates } from "./avatars";
import { researchConfigurations, researchJobs } from "./research";

export type Frequency = "daily" | "weekly" | "biweekly";

export const videoCampaigns = pgTable(
  "video_campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    kind: text("kind").$type<"research" | "trend_scan">().notNull().default("research"),
    researchConfigId: uuid("research_config_id").references(() => researchConfigurations.id, { onDelete: "set null" }),
    /** Inline sources when no saved configuration is used. */
    sourceConfig: jsonb("source_config").$type<Record<string, unknown>>(),
    avatarProfileId: uuid("avatar_profile_id").notNull().references(() => avatarProfiles.id),
    templateId: uuid("template_id").references(() => videoTemplates.id, { onDelete: "set null" }),
    /** The campaign's own aspect (lib/videos/input ASPECT_NAMES); null = the template's, else portrait 9:16. */
    aspectRatio: text("aspect_ratio").$type<"portrait" | "landscape" | "square" | "portrait_4x5">(),
    frequency: text("frequency").$type<Frequency>().notNull().default("daily"),
    /** Local hour of day (workspace time zone) the campaign runs at. */
    runHour: integer("run_hour").notNull().default(9),
    maxVideosPerDay: integer("max_videos_per_day").notNull().default(3),
    budgetCents: integer("budget_cents"),
    targetPlatforms: text("target_platforms").array().notNull().default([]),
    active: boolean("active").notNull().default(true),
    autoPost: boolean("auto_post").notNull().default(false),
    lastRunAt: timestamp("last_run_at", { withTimezone: true }),
    nextRunAt: timestamp("next_run_at", { withTimezone: true }),
    totalVideosGenerated: integer("total_videos_generated").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("video_campaigns_due_idx").on(t.active, t.nextRunAt)],
);

export const campaignRuns = pgTable(
  "campaign_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    campaignId: uuid("campaign_id").notNull().references(() => videoCampaigns.id, { onDelete: "cascade" }),
    /** The slot this run fills; unique so a retried cron tick never runs a slot twice. */
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }).notNull(),
    status: text("status").$type<"running" | "completed" | "failed" | "skipped">().notNull().default("running"),
    researchJobId: uuid("research_job_id").references(() => researchJobs.id, { onDelete: "set null" }),
    videosCreated: integer("videos_created").notNull().default(0),
    note: text("note"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("campaign_runs_slot_key").on(t.campaignId, t.scheduledFor)],
);

/** Topics a campaign already made a video about, so it never repeats one. */
export const campaignTopics = pgTable(
  "campaign_topics",
  {
    campaignId: uuid("campaign_id").notNull().references(() => videoCampaigns.id, { onDelete: "cascade" }),
    topicKey: text("topic_key").notNull(),
    videoId: uuid("video_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.topicKey] })],
);
