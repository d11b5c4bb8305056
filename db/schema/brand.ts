/**
 * Issue 14: the workspace's brand kit, its compose settings (AI B-roll on/off) and the AI B-roll
 * bookkeeping. A B-roll clip is made as a child clip generation (an ordinary video_generations
 * row, so reservation, failover, resume and charge are the ones every video uses); these tables
 * only link a storyboard scene to its child and remember finished clips by prompt for reuse.
 */
import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, primaryKey, uniqueIndex, index } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { videoGenerations } from "./videos";
import type { BrandKit } from "../../lib/brand/types";

/** One kit per workspace; `kit` is validated by brandKitSchema on every write and read. */
export const brandKits = pgTable("brand_kits", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  kit: jsonb("kit").$type<BrandKit>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Per-workspace compose settings. AI B-roll costs money, so it is off until an admin turns it on. */
export const composeSettings = pgTable("compose_settings", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  aiBroll: boolean("ai_broll").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type BrollClipStatus = "pending" | "ready" | "fallback";

/**
 * One row per (video, B-roll scene): which child generation makes its clip, or the cached clip
 * it reuses, or why it fell back. Written before the child is created (status pending, no
 * child) so a killed worker finds the scene again and creates the child under the same
 * idempotency key instead of a second one.
 */
export const brollClips = pgTable(
  "broll_clips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id").notNull().references(() => videoGenerations.id, { onDelete: "cascade" }),
    sceneId: text("scene_id").notNull(),
    prompt: text("prompt").notNull(),
    aspect: text("aspect").notNull(),
    childVideoId: uuid("child_video_id").references(() => videoGenerations.id, { onDelete: "set null" }),
    status: text("status").$type<BrollClipStatus>().notNull().default("pending"),
    /** The clip's storage key once made (or reused from the cache). */
    key: text("key"),
    cached: boolean("cached").notNull().default(false),
    /** Why the scene fell back to its card or presenter (shown on the video). */
    reason: text("reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("broll_clips_video_scene_key").on(t.videoId, t.sceneId), index("broll_clips_child_idx").on(t.childVideoId), index("broll_clips_ws_idx").on(t.workspaceId)],
);

/**
 * Finished clips by prompt: the same normalised prompt, aspect and provider model in the same
 * workspace reuse the stored clip — no second provider job, no second charge.
 */
export const brollCache = pgTable(
  "broll_cache",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    /** sha256 of normalised prompt | aspect | provider:model (lib/compose/broll/cache.ts). */
    cacheKey: text("cache_key").notNull(),
    key: text("key").notNull(),
    provider: text("provider").notNull(),
    model: text("model").notNull(),
    costCents: integer("cost_cents").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.cacheKey] })],
);
