import { pgTable, text, timestamp, uuid, integer, index, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

/** Caps in integer cents; null = no cap. One row per workspace, locked during reservation. */
export const budgets = pgTable("budgets", {
  workspaceId: uuid("workspace_id").primaryKey().references(() => workspaces.id, { onDelete: "cascade" }),
  perVideoCents: integer("per_video_cents"),
  dailyCents: integer("daily_cents"),
  monthlyCents: integer("monthly_cents"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type LedgerKind = "reserve" | "release" | "charge";

/**
 * Every money movement. Committed spend = reserve − release + charge, so a reservation
 * counts against caps until it is released or turned into a charge.
 */
export const costLedger = pgTable(
  "cost_ledger",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id"),
    campaignId: uuid("campaign_id"),
    kind: text("kind").$type<LedgerKind>().notNull(),
    amountCents: integer("amount_cents").notNull(),
    provider: text("provider"),
    note: text("note"),
    /** Makes every movement at-most-once: "reserve:<video>", "charge:<video>", ... */
    dedupeKey: text("dedupe_key").notNull(),
    /** The instant the money counts against: a release or charge inherits its reservation's, so
     * a reservation made yesterday and released today never makes today's total negative. */
    accruedAt: timestamp("accrued_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("cost_ledger_dedupe_key").on(t.workspaceId, t.dedupeKey),
    index("cost_ledger_ws_accrued_idx").on(t.workspaceId, t.accruedAt),
  ],
);

export const budgetAlerts = pgTable(
  "budget_alerts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    period: text("period").$type<"daily" | "monthly">().notNull(),
    /** "2026-11-21" or "2026-11" in the workspace time zone. */
    periodKey: text("period_key").notNull(),
    threshold: integer("threshold").notNull(),
    spentCents: integer("spent_cents").notNull(),
    capCents: integer("cap_cents").notNull(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("budget_alerts_once_key").on(t.workspaceId, t.period, t.periodKey, t.threshold)],
);
