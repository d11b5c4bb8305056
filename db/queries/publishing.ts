/** Publishing queries: every one takes the workspace id first (tenancy rule §3.1). */
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, or, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { connectedAccounts, oauthStates, postMetrics, socialPosts, videoCampaigns, videoGenerations, videoTemplates, workspaces, type PostStatus, type SocialPlatform } from "../schema";

const UUID = /^[0-9a-f-]{36}$/i;

export type ConnectedAccountRow = typeof connectedAccounts.$inferSelect;
export type SocialPostRow = typeof socialPosts.$inferSelect;

export async function listConnectedAccounts(db: DbOrTx, workspaceId: string) {
  return db.select().from(connectedAccounts).where(eq(connectedAccounts.workspaceId, workspaceId)).orderBy(connectedAccounts.platform, connectedAccounts.displayName);
}

export async function findConnectedAccount(db: DbOrTx, workspaceId: string, accountId: string) {
  if (!UUID.test(accountId)) return null;
  const [a] = await db.select().from(connectedAccounts).where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.id, accountId))).limit(1);
  return a ?? null;
}

/** Insert or refresh the tokens of an account connected again (same platform + external id). */
export async function upsertConnectedAccount(db: DbOrTx, workspaceId: string, v: Omit<typeof connectedAccounts.$inferInsert, "workspaceId" | "id">) {
  const [a] = await db
    .insert(connectedAccounts)
    .values({ ...v, workspaceId })
    .onConflictDoUpdate({
      target: [connectedAccounts.workspaceId, connectedAccounts.platform, connectedAccounts.externalAccountId],
      set: {
        displayName: v.displayName, scopes: v.scopes, accessTokenEnc: v.accessTokenEnc, refreshTokenEnc: v.refreshTokenEnc,
        accessTokenExpiresAt: v.accessTokenExpiresAt, refreshTokenExpiresAt: v.refreshTokenExpiresAt, unaudited: v.unaudited,
        status: "active", lastError: null, updatedAt: new Date(),
      },
    })
    .returning();
  return a;
}

export async function updateConnectedAccount(db: DbOrTx, workspaceId: string, accountId: string, set: Partial<typeof connectedAccounts.$inferInsert>) {
  const [a] = await db
    .update(connectedAccounts)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.id, accountId)))
    .returning();
  return a ?? null;
}

export async function deleteConnectedAccount(db: DbOrTx, workspaceId: string, accountId: string) {
  const r = await db.delete(connectedAccounts).where(and(eq(connectedAccounts.workspaceId, workspaceId), eq(connectedAccounts.id, accountId))).returning({ id: connectedAccounts.id });
  return r.length > 0;
}

export async function insertOAuthState(db: DbOrTx, workspaceId: string, v: Omit<typeof oauthStates.$inferInsert, "workspaceId">) {
  await db.insert(oauthStates).values({ ...v, workspaceId });
}

/** Takes the state once (delete … returning): a replayed callback finds nothing. */
export async function takeOAuthState(db: DbOrTx, workspaceId: string, state: string, userId: string, now: Date) {
  const [s] = await db
    .delete(oauthStates)
    .where(and(eq(oauthStates.workspaceId, workspaceId), eq(oauthStates.state, state), eq(oauthStates.userId, userId)))
    .returning();
  if (!s || s.expiresAt <= now) return null;
  return s;
}

export async function insertPostIfAbsent(db: DbOrTx, workspaceId: string, v: Omit<typeof socialPosts.$inferInsert, "workspaceId">) {
  // unique (video_id, account_id): a second request for the same pair returns the first post.
  const [created] = await db.insert(socialPosts).values({ ...v, workspaceId }).onConflictDoNothing({ target: [socialPosts.videoId, socialPosts.accountId] }).returning();
  if (created) return { post: created, created: true };
  const [existing] = await db
    .select()
    .from(socialPosts)
    .where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.videoId, v.videoId), eq(socialPosts.accountId, v.accountId)))
    .limit(1);
  return { post: existing, created: false };
}

export async function findPost(db: DbOrTx, workspaceId: string, postId: string) {
  if (!UUID.test(postId)) return null;
  const [p] = await db.select().from(socialPosts).where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.id, postId))).limit(1);
  return p ?? null;
}

export async function listPostsForVideo(db: DbOrTx, workspaceId: string, videoId: string) {
  return db
    .select({ post: socialPosts, accountName: connectedAccounts.displayName })
    .from(socialPosts)
    .innerJoin(connectedAccounts, eq(connectedAccounts.id, socialPosts.accountId))
    .where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.videoId, videoId)))
    .orderBy(desc(socialPosts.createdAt));
}

export async function listPosts(db: DbOrTx, workspaceId: string, limit = 100) {
  return db.select().from(socialPosts).where(eq(socialPosts.workspaceId, workspaceId)).orderBy(desc(socialPosts.createdAt)).limit(limit);
}

export async function updatePost(db: DbOrTx, workspaceId: string, postId: string, set: Partial<typeof socialPosts.$inferInsert>) {
  const [p] = await db
    .update(socialPosts)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.id, postId)))
    .returning();
  return p ?? null;
}

const OPEN: PostStatus[] = ["scheduled", "queued", "uploading", "processing"];

/**
 * Takes the post for one worker until `until`: only an open post whose lease is free or ran out.
 * A crashed worker simply lets the lease run out; the retried job takes it over.
 */
export async function leasePost(db: DbOrTx, workspaceId: string, postId: string, owner: string, now: Date, until: Date) {
  const [p] = await db
    .update(socialPosts)
    .set({ leaseOwner: owner, leaseUntil: until, updatedAt: now })
    .where(and(
      eq(socialPosts.workspaceId, workspaceId),
      eq(socialPosts.id, postId),
      inArray(socialPosts.status, OPEN),
      or(isNull(socialPosts.leaseUntil), lt(socialPosts.leaseUntil, now), eq(socialPosts.leaseOwner, owner)),
    ))
    .returning();
  return p ?? null;
}

export async function releasePost(db: DbOrTx, workspaceId: string, postId: string, owner: string) {
  await db
    .update(socialPosts)
    .set({ leaseOwner: null, leaseUntil: null })
    .where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.id, postId), eq(socialPosts.leaseOwner, owner)));
}

/** Posts of an account whose bytes went out in [from, to): what the daily cap counts. */
export async function countSubmittedBetween(db: DbOrTx, workspaceId: string, accountId: string, from: Date, to: Date) {
  const [r] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(socialPosts)
    .where(and(eq(socialPosts.workspaceId, workspaceId), eq(socialPosts.accountId, accountId), gte(socialPosts.submittedAt, from), lt(socialPosts.submittedAt, to)));
  return r?.n ?? 0;
}

/** Published posts with a platform id, for the metrics pull (all workspaces: the cron job's view). */
export async function listPostsForMetrics(db: DbOrTx, workspaceId: string) {
  return db
    .select()
    .from(socialPosts)
    .where(and(eq(socialPosts.workspaceId, workspaceId), inArray(socialPosts.status, ["published", "published_private"]), isNotNull(socialPosts.platformPostId)));
}

/** Workspaces that have something to pull metrics for. Cross-workspace on purpose: the cron entry point. */
export async function workspacesWithPublishedPosts(db: DbOrTx) {
  const rows = await db.selectDistinct({ workspaceId: socialPosts.workspaceId }).from(socialPosts).where(isNotNull(socialPosts.platformPostId));
  return rows.map((r) => r.workspaceId);
}

export async function insertMetrics(db: DbOrTx, workspaceId: string, rows: Array<Omit<typeof postMetrics.$inferInsert, "workspaceId">>) {
  if (!rows.length) return;
  await db.insert(postMetrics).values(rows.map((r) => ({ ...r, workspaceId })));
}

export async function metricsSeries(db: DbOrTx, workspaceId: string, postId: string) {
  return db.select().from(postMetrics).where(and(eq(postMetrics.workspaceId, workspaceId), eq(postMetrics.postId, postId))).orderBy(postMetrics.capturedAt);
}

/** The newest metrics sample of each of the workspace's posts, and the published-posts filter. */
function latestSamples(db: DbOrTx, workspaceId: string, since?: Date) {
  const latest = db
    .selectDistinctOn([postMetrics.postId], {
      postId: postMetrics.postId, views: postMetrics.views, likes: postMetrics.likes, comments: postMetrics.comments, shares: postMetrics.shares,
    })
    .from(postMetrics)
    .where(eq(postMetrics.workspaceId, workspaceId))
    .orderBy(postMetrics.postId, desc(postMetrics.capturedAt))
    .as("latest");
  const where = [eq(socialPosts.workspaceId, workspaceId), inArray(socialPosts.status, ["published", "published_private"] as PostStatus[])];
  if (since) where.push(gte(socialPosts.publishedAt, since));
  return { latest, where };
}

/** Latest sample per published post with the video's cost: the ROI inputs. */
export async function latestMetricsWithCost(db: DbOrTx, workspaceId: string, since?: Date) {
  const { latest, where } = latestSamples(db, workspaceId, since);
  return db
    .select({
      postId: socialPosts.id, videoId: socialPosts.videoId, platform: socialPosts.platform, publishedAt: socialPosts.publishedAt,
      costCents: videoGenerations.costCents, title: videoGenerations.scriptTitle,
      views: latest.views, likes: latest.likes, comments: latest.comments, shares: latest.shares,
    })
    .from(socialPosts)
    .innerJoin(videoGenerations, eq(videoGenerations.id, socialPosts.videoId))
    .leftJoin(latest, eq(latest.postId, socialPosts.id))
    .where(and(...where));
}

/**
 * Latest sample per published post with everything ROI is broken down by: the video's cost,
 * provider, template, campaign, and the research source/topic it came from (original_content).
 */
export async function roiFacts(db: DbOrTx, workspaceId: string, since?: Date) {
  const { latest, where } = latestSamples(db, workspaceId, since);
  return db
    .select({
      postId: socialPosts.id, videoId: socialPosts.videoId, platform: socialPosts.platform, publishedAt: socialPosts.publishedAt,
      costCents: videoGenerations.costCents, title: videoGenerations.scriptTitle, provider: videoGenerations.provider,
      template: videoTemplates.name, campaign: videoCampaigns.name,
      source: sql<string | null>`${videoGenerations.originalContent}->>'source'`,
      topic: sql<string | null>`${videoGenerations.originalContent}->>'topic'`,
      views: latest.views, likes: latest.likes, comments: latest.comments, shares: latest.shares,
    })
    .from(socialPosts)
    .innerJoin(videoGenerations, and(eq(videoGenerations.id, socialPosts.videoId), eq(videoGenerations.workspaceId, socialPosts.workspaceId)))
    .leftJoin(videoTemplates, eq(videoTemplates.id, videoGenerations.templateId))
    .leftJoin(videoCampaigns, and(eq(videoCampaigns.id, videoGenerations.campaignId), eq(videoCampaigns.workspaceId, videoGenerations.workspaceId)))
    .leftJoin(latest, eq(latest.postId, socialPosts.id))
    .where(and(...where));
}

/**
 * Views samples of the workspace's posts since `since`, and each post's last sample before it
 * (the baseline, so a post published before the window does not count its old views as new).
 */
export async function viewSamplesSince(db: DbOrTx, workspaceId: string, since: Date) {
  const samples = await db
    .select({ postId: postMetrics.postId, views: postMetrics.views, capturedAt: postMetrics.capturedAt })
    .from(postMetrics)
    .where(and(eq(postMetrics.workspaceId, workspaceId), gte(postMetrics.capturedAt, since)))
    .orderBy(postMetrics.postId, postMetrics.capturedAt);
  const baseline = await db
    .selectDistinctOn([postMetrics.postId], { postId: postMetrics.postId, views: postMetrics.views })
    .from(postMetrics)
    .where(and(eq(postMetrics.workspaceId, workspaceId), lt(postMetrics.capturedAt, since)))
    .orderBy(postMetrics.postId, desc(postMetrics.capturedAt));
  return { samples, baseline };
}

/** Scheduled posts due by `now` (all workspaces: the sweep's view). */
export async function duePostIds(db: DbOrTx, now: Date) {
  return db
    .select({ id: socialPosts.id, workspaceId: socialPosts.workspaceId })
    .from(socialPosts)
    .where(and(eq(socialPosts.status, "scheduled"), lte(socialPosts.scheduledAt, now)));
}

export type { SocialPlatform };

export async function workspaceTimezone(db: DbOrTx, workspaceId: string): Promise<string> {
  const [w] = await db.select({ tz: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  return w?.tz ?? "UTC";
}

/** The auto-post inputs of a completed video: its campaign's flag and target platforms, and the zone. */
export async function autoPostContext(db: DbOrTx, workspaceId: string, videoId: string) {
  if (!UUID.test(videoId)) return null;
  const [r] = await db
    .select({ autoPost: videoCampaigns.autoPost, targetPlatforms: videoCampaigns.targetPlatforms, timezone: workspaces.timezone })
    .from(videoGenerations)
    .innerJoin(videoCampaigns, and(eq(videoCampaigns.id, videoGenerations.campaignId), eq(videoCampaigns.workspaceId, videoGenerations.workspaceId)))
    .innerJoin(workspaces, eq(workspaces.id, videoGenerations.workspaceId))
    .where(and(eq(videoGenerations.workspaceId, workspaceId), eq(videoGenerations.id, videoId), eq(videoGenerations.status, "completed")))
    .limit(1);
  return r ?? null;
}
