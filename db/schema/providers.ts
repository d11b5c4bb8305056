import { pgTable, text, timestamp, uuid, boolean, integer, jsonb, primaryKey } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";

export const providerSettings = pgTable(
  "provider_settings",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    enabled: boolean("enabled").notNull().default(false),
    priority: integer("priority").notNull().default(100),
    /** AES-256-GCM blob of the credentials JSON; never sent to the browser. */
    encryptedCredentials: text("encrypted_credentials"),
    /** "••••abcd", what the settings page shows instead of the key. */
    keyHint: text("key_hint"),
    /** Overrides the provider's public API base URL (self-hosted proxies, tests). */
    baseUrl: text("base_url"),
    apiVersion: text("api_version"),
    /** The workspace's model pick (lib/providers/<vendor>/models.ts); null = the table's default. */
    model: text("model"),
    rateLimitPerMinute: integer("rate_limit_per_minute"),
    concurrency: integer("concurrency"),
    costModel: jsonb("cost_model").$type<Record<string, unknown>>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.provider] })],
);

/** Circuit-breaker state, shared by every worker process. */
export const providerHealth = pgTable(
  "provider_health",
  {
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    provider: text("provider").notNull(),
    state: text("state").$type<"closed" | "open" | "half_open">().notNull().default("closed"),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    probeStartedAt: timestamp("probe_started_at", { withTimezone: true }),
    lastError: text("last_error"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.provider] })],
);
