import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, real, uniqueIndex, index } from "drizzle-orm/pg-core";
import type { Plan } from "./workspaces";
import { workspaces } from "./workspaces";

export type BackgroundSetting =
  | { type: "color"; value: string }
  | { type: "gradient"; colors: [string, string] }
  | { type: "image"; key: string }
  | { type: "video"; key: string };

export const avatarProfiles = pgTable(
  "avatar_profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Stable key of the profile ("sarah"); the local studio draws the presenter from it. */
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    avatarType: text("avatar_type").$type<"avatar" | "talking_photo">().notNull().default("avatar"),
    tier: text("tier").$type<Plan>().notNull().default("free"),
    style: text("style").$type<"normal" | "closeup" | "circle">().notNull().default("normal"),
    language: text("language").notNull().default("en-US"),
    voiceName: text("voice_name").notNull().default(""),
    providerAvatarIds: jsonb("provider_avatar_ids").$type<Record<string, string>>().notNull().default({}),
    providerVoiceIds: jsonb("provider_voice_ids").$type<Record<string, string>>().notNull().default({}),
    previewImageKey: text("preview_image_key"),
    previewVideoKey: text("preview_video_key"),
    active: boolean("active").notNull().default(true),
    sortOrder: integer("sort_order").notNull().default(0),
    /** Null for the built-in presenters; set for presenters imported from a workspace's provider account. */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    /** "builtin", or the provider the presenter was imported from ("heygen"). */
    source: text("source").notNull().default("builtin"),
    /** Provider-hosted previews of imported presenters (built-ins use previewImageKey/VideoKey). */
    previewImageUrl: text("preview_image_url"),
    previewVideoUrl: text("preview_video_url"),
    previewAudioUrl: text("preview_audio_url"),
    importedAt: timestamp("imported_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("avatar_profiles_slug_key").on(t.slug), index("avatar_profiles_workspace_idx").on(t.workspaceId)],
);

export const videoTemplates = pgTable(
  "video_templates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Null for the built-in templates every workspace sees. */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    aspectRatio: text("aspect_ratio").$type<"portrait" | "landscape" | "square" | "portrait_4x5">().notNull(),
    background: jsonb("background").$type<BackgroundSetting>().notNull(),
    captions: boolean("captions").notNull().default(true),
    voiceSpeed: real("voice_speed").notNull().default(1),
    /** Issue 14: composed shorts from this template carry the workspace's brand kit, when it has one. */
    useBrand: boolean("use_brand").notNull().default(true),
    /**
     * Issue 14: the music bed a composed short from this template gets when its storyboard does
     * not choose one (a MUSIC_BEDS name; null = the planner's default), and its level in dB.
     */
    musicBed: text("music_bed").$type<"none" | "calm" | "upbeat" | "focus">(),
    musicVolumeDb: integer("music_volume_db").notNull().default(-20),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("video_templates_ws_slug_key").on(t.workspaceId, t.slug)],
);
