/**
 * Issue 11, defect 6: the campaign slot claim. Two ticks of the scheduler (two workers, or a
 * retried job) that reach the same due slot at the same time must make ONE run and one set of
 * videos. Only a concurrent PostgreSQL server can show this (embedded PGlite serialises every
 * transaction, so the race never happens there): skipped visibly on the embedded database.
 *
 * Mutation tried: db/queries/campaigns.ts claimRun without `.onConflictDoNothing(…)` → the
 * losing claim throws a unique violation instead of answering "already claimed": both cases
 * here fail (a rejected tick; 9 of 10 claims rejected instead of null).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { campaignRuns, videoGenerations, workspaces } from "@/db/schema";
import { claimRun } from "@/db/queries/campaigns";
import { startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import { updateCaps } from "@/lib/budget";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { embedded, EMBEDDED_SKIP_REASON } from "@/lib/testing/db-kind";
import { newWorkspace } from "@/lib/testing/fixtures";
import { processDueCampaigns } from "./process";
import { createCampaign } from "./service";

let clock = new Date("2025-06-09T05:00:00Z");
let fakes: ResearchFakes;
const connector = () => ({ baseUrls: fakes.baseUrls, now: () => clock, sleep: async () => {} });

beforeAll(async () => {
  fakes = await startResearchFakes({ now: () => clock.getTime() });
});
afterAll(async () => {
  await fakes?.close();
});

describe(`campaign slot claim under concurrency${embedded ? ` (skipped: ${EMBEDDED_SKIP_REASON})` : ""}`, () => {
  async function dueCampaign() {
    const ctx = await newWorkspace({ plan: "pro" });
    await getDb().update(workspaces).set({ timezone: "UTC" }).where(eq(workspaces.id, ctx.workspace.id));
    // Estimates of 100 ¢ each; videos are created, never processed (nothing works jobs here).
    await saveProviderSettings(ctx, "heygen", { apiKey: "test-key-123456", baseUrl: "http://127.0.0.1:9", costModel: { centsPerUnit: 100, unitName: "video", unitsPerSecond: 0, minUnits: 1 } });
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: null, monthlyCents: null });
    const campaign = await createCampaign(
      ctx,
      { name: "Race", sources: [{ source: "hackernews" }, { source: "github" }], avatarProfileId: "sarah", frequency: "daily", runHour: 9, maxVideosPerDay: 2, targetPlatforms: [] },
      clock,
    );
    return { ctx, campaign };
  }

  it.skipIf(embedded)("two ticks at the same due slot: one run, one set of videos", async () => {
    const { ctx, campaign } = await dueCampaign();
    clock = new Date(campaign.nextRunAt!.getTime() + 60_000);
    const [a, b] = await Promise.all([processDueCampaigns(clock, { connector: connector() }), processDueCampaigns(clock, { connector: connector() })]);
    const mine = [...a, ...b].filter((r) => r.campaignId === campaign.id);
    expect(mine.filter((r) => r.runId !== null)).toHaveLength(1);
    const runs = await getDb().select().from(campaignRuns).where(and(eq(campaignRuns.workspaceId, ctx.workspace.id), eq(campaignRuns.campaignId, campaign.id)));
    expect(runs).toHaveLength(1);
    const videos = await getDb().select().from(videoGenerations).where(and(eq(videoGenerations.workspaceId, ctx.workspace.id), eq(videoGenerations.campaignId, campaign.id)));
    expect(videos.length).toBe(mine.find((r) => r.runId)!.videosCreated);
    expect(videos.length).toBeLessThanOrEqual(2);
  });

  it.skipIf(embedded)("ten concurrent claims of one slot: exactly one wins, the others answer null", async () => {
    const { ctx, campaign } = await dueCampaign();
    const slot = new Date("2025-06-10T09:00:00Z");
    const claims = await Promise.allSettled(Array.from({ length: 10 }, () => claimRun(getDb(), ctx.workspace.id, campaign.id, slot, clock)));
    expect(claims.filter((c) => c.status === "rejected")).toEqual([]);
    const won = claims.filter((c) => c.status === "fulfilled" && c.value !== null);
    expect(won).toHaveLength(1);
  });
});
