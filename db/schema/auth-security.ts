/**
 * Account security state: sign-in throttling, one-time mail tokens (email verification and
 * workspace invites), and share-view de-duplication. Kept apart from auth.ts so the core user
 * tables stay small.
 */
import { pgTable, text, timestamp, uuid, integer, uniqueIndex, index, primaryKey } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { workspaceInvites } from "./workspaces";
import { shareLinks } from "./videos";

/**
 * Failed sign-ins per throttle key ("acct:<email>" or "ip:<address>"). Rows live in
 * PostgreSQL so every web process sees the same counts and a restart does not reset them.
 */
export const signInThrottle = pgTable("sign_in_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

export type MailTokenPurpose = "verify_email" | "invite" | "password_reset";

/**
 * One-time tokens sent by mail. Only an HMAC of the token (keyed by APP_SECRET) is stored,
 * so a database read does not yield usable links.
 */
export const mailTokens = pgTable(
  "mail_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    purpose: text("purpose").$type<MailTokenPurpose>().notNull(),
    /** The address the mail went to; the token proves control of it. */
    email: text("email").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "cascade" }),
    inviteId: uuid("invite_id").references(() => workspaceInvites.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("mail_tokens_hash_key").on(t.tokenHash), index("mail_tokens_invite_idx").on(t.inviteId)],
);

/** One row per (share link, viewer, time window): a view counts only when its row is new. */
export const shareViews = pgTable(
  "share_views",
  {
    shareLinkId: uuid("share_link_id").notNull().references(() => shareLinks.id, { onDelete: "cascade" }),
    /** HMAC of the viewer's address and user agent; never the raw address. */
    viewer: text("viewer").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.shareLinkId, t.viewer, t.windowStart] })],
);
