import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, index, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const researchConfigurations = pgTable(
  "research_configurations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** [{ source, query?, subreddits?, region?, feedUrl?, text? }] validated by lib/research. */
    sources: jsonb("sources").$type<Record<string, unknown>[]>().notNull(),
    filters: jsonb("filters").$type<Record<string, unknown>>().notNull().default({}),
    /** Optional cron-like schedule ("daily", "hourly", ...) for unattended runs. */
    schedule: text("schedule"),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("research_configurations_ws_idx").on(t.workspaceId)],
);

export type ResearchJobStatus = "queued" | "running" | "completed" | "failed";

export const researchJobs = pgTable(
  "research_jobs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    configurationId: uuid("configuration_id").references(() => researchConfigurations.id, { onDelete: "set null" }),
    name: text("name").notNull().default("Research"),
    status: text("status").$type<ResearchJobStatus>().notNull().default("queued"),
    trigger: text("trigger").$type<"manual" | "schedule" | "campaign" | "trend_scan">().notNull().default("manual"),
    /** The config as it was when the job ran, so reruns are reproducible. */
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    items: jsonb("items").$type<Record<string, unknown>[]>().notNull().default([]),
    analysis: jsonb("analysis").$type<Record<string, unknown>>(),
    sourceErrors: jsonb("source_errors").$type<Record<string, unknown>[]>().notNull().default([]),
    itemCount: integer("item_count").notNull().default(0),
    error: text("error"),
    startedAt: timestamp("started_at", { withTimezone: true }),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("research_jobs_ws_idx").on(t.workspaceId, t.createdAt)],
);

/** A workspace's override of the default extraction rule for one source. */
export const extractionRules = pgTable(
  "extraction_rules",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    source: text("source").notNull(),
    rule: jsonb("rule").$type<Record<string, unknown>>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("extraction_rules_ws_source_key").on(t.workspaceId, t.source)],
);
