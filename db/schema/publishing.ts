/**
 * Publishing: connected social accounts (TikTok, Instagram, YouTube), posts of a video to an
 * account (one per video × account, so a retried or resumed job can never post twice), OAuth
 * states in flight, and the metrics time series pulled back from each platform.
 */
import { pgTable, text, timestamp, uuid, integer, bigint, jsonb, boolean, index, uniqueIndex } from "drizzle-orm/pg-core";
import { workspaces } from "./workspaces";
import { users } from "./auth";
import { videoGenerations } from "./videos";

export type SocialPlatform = "tiktok" | "instagram" | "youtube";

export const connectedAccounts = pgTable(
  "connected_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    platform: text("platform").$type<SocialPlatform>().notNull(),
    /** TikTok open_id, Instagram professional account id, YouTube channel id. */
    externalAccountId: text("external_account_id").notNull(),
    displayName: text("display_name").notNull(),
    scopes: text("scopes").array().notNull().default([]),
    /** encryptSecret(APP_SECRET, AAD = workspace id). */
    accessTokenEnc: text("access_token_enc").notNull(),
    refreshTokenEnc: text("refresh_token_enc"),
    accessTokenExpiresAt: timestamp("access_token_expires_at", { withTimezone: true }),
    refreshTokenExpiresAt: timestamp("refresh_token_expires_at", { withTimezone: true }),
    /**
     * The operator's app is unaudited/unverified on this platform: TikTok forces SELF_ONLY,
     * YouTube locks uploads to private. Shown next to the account and on every post.
     */
    unaudited: boolean("unaudited").notNull().default(true),
    /** Posts per local day we allow (kept under the platform's own limit). */
    dailyCap: integer("daily_cap").notNull(),
    status: text("status").$type<"active" | "expired" | "revoked">().notNull().default("active"),
    lastError: text("last_error"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("connected_accounts_ws_platform_ext_key").on(t.workspaceId, t.platform, t.externalAccountId)],
);

/** An authorisation in flight: the state is bound to the user who started it, with the PKCE verifier. */
export const oauthStates = pgTable("publishing_oauth_states", {
  state: text("state").primaryKey(),
  workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
  userId: uuid("user_id").notNull().references(() => users.id, { onDelete: "cascade" }),
  platform: text("platform").$type<SocialPlatform>().notNull(),
  codeVerifier: text("code_verifier"),
  redirectUri: text("redirect_uri").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PostStatus =
  | "scheduled"
  | "queued"
  | "uploading"
  | "processing"
  | "published"
  /** Published, but only the owner can see it (unaudited app / private-only). */
  | "published_private"
  | "failed";

export const socialPosts = pgTable(
  "social_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    videoId: uuid("video_id").notNull().references(() => videoGenerations.id, { onDelete: "cascade" }),
    accountId: uuid("account_id").notNull().references(() => connectedAccounts.id, { onDelete: "cascade" }),
    platform: text("platform").$type<SocialPlatform>().notNull(),
    status: text("status").$type<PostStatus>().notNull().default("queued"),
    /** The rendition key of the video that was (or will be) sent. */
    rendition: text("rendition"),
    caption: text("caption").notNull(),
    title: text("title"),
    /** TikTok privacy_level / YouTube privacyStatus / Instagram: "PUBLIC". */
    privacy: text("privacy").notNull(),
    /** Platform-specific choices the user made (TikTok disable_comment, YouTube madeForKids...). */
    options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    /**
     * The platform's handle on the upload once it exists: TikTok publish_id, Instagram container
     * id, YouTube resumable session URL. A resumed job continues from it instead of starting over.
     */
    uploadRef: text("upload_ref"),
    /** The platform's id of the published post (TikTok post id, IG media id, YouTube video id). */
    platformPostId: text("platform_post_id"),
    platformUrl: text("platform_url"),
    attempts: integer("attempts").notNull().default(0),
    /** When the bytes first went out: the daily cap counts these (a retried post counts once). */
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** One worker at a time per post; a crashed worker's lease runs out and the retry resumes. */
    leaseOwner: text("lease_owner"),
    leaseUntil: timestamp("lease_until", { withTimezone: true }),
    lastError: text("last_error"),
    /** The platform's own error code (spam_risk_too_many_posts, 9007, quotaExceeded...). */
    lastErrorCode: text("last_error_code"),
    source: text("source").$type<"manual" | "scheduled" | "auto" | "tracked">().notNull().default("manual"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("social_posts_video_account_key").on(t.videoId, t.accountId),
    index("social_posts_ws_created_idx").on(t.workspaceId, t.createdAt),
    index("social_posts_account_submitted_idx").on(t.accountId, t.submittedAt),
  ],
);

export const postMetrics = pgTable(
  "social_post_metrics",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id").notNull().references(() => workspaces.id, { onDelete: "cascade" }),
    postId: uuid("post_id").notNull().references(() => socialPosts.id, { onDelete: "cascade" }),
    views: bigint("views", { mode: "number" }).notNull().default(0),
    likes: bigint("likes", { mode: "number" }).notNull().default(0),
    comments: bigint("comments", { mode: "number" }).notNull().default(0),
    shares: bigint("shares", { mode: "number" }).notNull().default(0),
    /** Total watch time in seconds, where the platform offers it. */
    watchTimeSeconds: bigint("watch_time_seconds", { mode: "number" }),
    capturedAt: timestamp("captured_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("social_post_metrics_post_idx").on(t.postId, t.capturedAt)],
);
