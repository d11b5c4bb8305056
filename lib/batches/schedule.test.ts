/**
 * A batch row's `schedule` is acted on (issue 16), end to end from the API's batch create to
 * the posts: a batch is created (clock injected at creation), its videos reach `completed`, and
 * the pipeline's completion hook (onVideoCompleted, which lib/videos/postprocess.ts calls after
 * the final transition) posts each scheduled row through the publishing service:
 *  - a row for YouTube + TikTok with only YouTube connected → a YouTube post scheduled at the
 *    row's time, and the row says why TikTok has none (partly_scheduled);
 *  - a row for TikTok only → not_scheduled, with the reason on the row;
 *  - a row whose schedule passed while it rendered → posted now (queued, no scheduledAt);
 *  - a row without a schedule → untouched, no post.
 * Calling the hook again changes nothing (one post per video × account, the outcome is kept).
 * The videos are marked completed in the database rather than rendered: the render is not what
 * is under test, and the local speech engine crashes under the shared machine's load (seen here).
 *
 * Mutations tried: the `publishBatchRow` call removed from onVideoCompleted (posts.ts) → no
 * posts and no `publish` on the rows, this fails; `at` always set to the row's schedule (no
 * "passed → now" branch) → createPost refuses the past time and the third row is not_scheduled.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { connectedAccounts, socialPosts, videoGenerations } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { enqueue } from "@/lib/jobs/runtime";
import { newWorkspace } from "@/lib/testing/fixtures";
import { onVideoCompleted } from "@/lib/publishing";
import { createBatch, getBatch } from "./batch";
import { publishBatchRow } from "./schedule";

const CREATED_AT = new Date("2026-05-01T00:00:00Z");
const FUTURE = "2027-06-01T09:30:00Z";
/** After CREATED_AT (so the batch accepts it) and before the real completion time. */
const PASSED = "2026-06-01T09:30:00Z";

describe("batch schedule → publishing", () => {
  let ctx: AuthContext;
  let youtubeId: string;
  let batchId: string;
  const videoIds: string[] = [];

  beforeAll(async () => {
    ctx = await newWorkspace();
    const [acct] = await getDb()
      .insert(connectedAccounts)
      .values({ workspaceId: ctx.workspace.id, platform: "youtube", externalAccountId: "yt-batch", displayName: "Batch YouTube", accessTokenEnc: "sealed", dailyCap: 5, createdBy: ctx.user.id })
      .returning();
    youtubeId = acct.id;
    const row = (title: string, platforms: string, schedule?: string) => ({ script: `${title}: a short script.`, title, presenter: "mike", platforms, ...(schedule ? { schedule } : {}) });
    const { batch } = await createBatch(
      ctx,
      { mode: "per_row", rows: [row("Both", "youtube_shorts;tiktok", FUTURE), row("TikTok only", "tiktok", FUTURE), row("Late", "youtube_shorts", PASSED), row("Unscheduled", "youtube_shorts")] },
      { now: CREATED_AT },
    );
    expect(batch.rows.map((r) => r.status)).toEqual(["created", "created", "created", "created"]);
    batchId = batch.id;
    for (const r of batch.rows) {
      videoIds.push(r.videoId!);
      await getDb().update(videoGenerations).set({ status: "completed", stage: "completed", progress: 100, completedAt: new Date(), videoKey: `${ctx.workspace.id}/videos/${r.videoId}.mp4` }).where(eq(videoGenerations.id, r.videoId!));
      await onVideoCompleted(ctx.workspace.id, r.videoId!);
    }
  }, 240_000);

  it("posts each scheduled row at its time, and says on the row why a platform has no post", async () => {
    const view = await getBatch(ctx, batchId);
    const [both, tiktok, late, unscheduled] = view.rows;
    expect(both.videoStatus).toBe("completed");

    expect(both.publish?.problems, JSON.stringify(both.publish)).toHaveLength(1);
    expect(both.publish).toMatchObject({ status: "partly_scheduled", at: new Date(FUTURE).toISOString(), posts: [{ platform: "youtube", accountId: youtubeId }] });
    expect(both.publish!.problems).toEqual([{ platform: "tiktok", reason: expect.stringMatching(/No connected TikTok account; connect one/) }]);
    const [post] = await getDb().select().from(socialPosts).where(and(eq(socialPosts.workspaceId, ctx.workspace.id), eq(socialPosts.videoId, videoIds[0])));
    expect(post).toMatchObject({ status: "scheduled", source: "scheduled", accountId: youtubeId });
    expect(post.scheduledAt?.toISOString()).toBe(new Date(FUTURE).toISOString());

    expect(tiktok.publish).toMatchObject({ status: "not_scheduled", posts: [], problems: [{ platform: "tiktok" }] });

    expect(late.publish).toMatchObject({ status: "scheduled", posts: [{ platform: "youtube" }] });
    const [latePost] = await getDb().select().from(socialPosts).where(and(eq(socialPosts.workspaceId, ctx.workspace.id), eq(socialPosts.videoId, videoIds[2])));
    expect(latePost.scheduledAt).toBeNull();
    expect(latePost.status).not.toBe("scheduled");

    expect(unscheduled.publish).toBeUndefined();
    expect(await getDb().select().from(socialPosts).where(and(eq(socialPosts.workspaceId, ctx.workspace.id), eq(socialPosts.videoId, videoIds[3])))).toEqual([]);
  });

  it("acting twice changes nothing", async () => {
    const before = await getDb().select().from(socialPosts).where(eq(socialPosts.workspaceId, ctx.workspace.id));
    const again = await publishBatchRow(ctx.workspace.id, videoIds[0], enqueue, new Date("2026-12-31T00:00:00Z"));
    expect(again?.status).toBe("partly_scheduled");
    const after = await getDb().select().from(socialPosts).where(eq(socialPosts.workspaceId, ctx.workspace.id));
    expect(after.length).toBe(before.length);
    expect(await publishBatchRow(ctx.workspace.id, videoIds[3], enqueue)).toBeNull();
  });
});
