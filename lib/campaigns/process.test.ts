import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateSpeechSeconds } from "@/lib/providers/types";
import { and, asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { campaignRuns, campaignTopics, costLedger, researchJobs, videoGenerations, workspaces } from "@/db/schema";
import { startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import { signUp } from "@/lib/auth/signup";
import { contextForUser, type AuthContext } from "@/lib/auth/context";
import { updateCaps } from "@/lib/budget";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { topicKey } from "@/lib/research/analyse";
import { processDueCampaigns, processTrendScans, runCampaignNow } from "./process";
import { createCampaign, getCampaign, setCampaignActive } from "./service";
import { localParts } from "./schedule";

const TZ = "Europe/Berlin";
let fakes: ResearchFakes;
/** The one clock for the fakes, the connectors and the campaign processor. */
let clock = new Date("2025-06-09T05:00:00Z");
const connector = () => ({ baseUrls: fakes.baseUrls, now: () => clock, sleep: async () => {} });

async function costlyWorkspace(tag: string, monthlyCents: number | null): Promise<AuthContext> {
  const r = await signUp({ name: `Camp ${tag}`, email: `campaign-${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`, password: "correct-horse-battery" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  await getDb().update(workspaces).set({ timezone: TZ }).where(eq(workspaces.id, r.workspaceId));
  const ctx = (await contextForUser(r.userId))!;
  // Every estimate is 100 ¢; only the monthly cap applies.
  await saveProviderSettings(ctx, "heygen", {
    apiKey: "test-key-123456",
    baseUrl: "http://127.0.0.1:9",
    costModel: { centsPerUnit: 100, unitName: "video", unitsPerSecond: 0, minUnits: 1 },
  });
  await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: null, monthlyCents });
  return ctx;
}

beforeAll(async () => {
  fakes = await startResearchFakes({ now: () => clock.getTime() });
});
afterAll(async () => {
  await fakes.close();
});

describe("campaigns over a simulated clock", () => {
  it("makes maxVideosPerDay videos a day, never repeats a topic, and stops when the budget is spent", async () => {
    const ctx = await costlyWorkspace("daily", 450);
    const campaign = await createCampaign(
      ctx,
      {
        name: "Daily dev pulse",
        sources: [{ source: "hackernews" }, { source: "github" }, { source: "rss", feedUrl: fakes.urls.rss }],
        avatarProfileId: "sarah",
        frequency: "daily",
        runHour: 9,
        maxVideosPerDay: 2,
        targetPlatforms: ["youtube_shorts"],
      },
      clock,
    );
    // 05:00Z = 07:00 in Berlin (CEST): the first run is today at 09:00 local = 07:00Z.
    expect(campaign.nextRunAt?.toISOString()).toBe("2025-06-09T07:00:00.000Z");

    // Not due yet: nothing happens.
    expect((await processDueCampaigns(clock, { connector: connector() })).filter((r) => r.campaignId === campaign.id)).toEqual([]);

    const perDay: number[] = [];
    const notes: (string | null)[] = [];
    for (let day = 0; day < 3; day++) {
      const { campaign: c } = await getCampaign(ctx, campaign.id);
      expect(localParts(c.nextRunAt!, TZ).h).toBe(9);
      clock = new Date(c.nextRunAt!.getTime() + 10 * 60_000);
      const reports = (await processDueCampaigns(clock, { connector: connector() })).filter((r) => r.campaignId === campaign.id);
      expect(reports).toHaveLength(1);
      perDay.push(reports[0].videosCreated);
      notes.push(reports[0].note);
      // The same tick again (a retried cron job) does nothing more.
      expect((await processDueCampaigns(clock, { connector: connector() })).filter((r) => r.campaignId === campaign.id)).toEqual([]);
      // Run now on the same day: the daily limit is already reached.
      if (day === 0) {
        clock = new Date(clock.getTime() + 60 * 60_000);
        const again = await runCampaignNow(ctx, campaign.id, { connector: connector(), now: clock });
        expect(again).toMatchObject({ status: "skipped", videosCreated: 0 });
        expect(again.note).toMatch(/Already made 2 videos today/);
      }
    }
    expect(perDay).toEqual([2, 2, 0]);
    expect(notes[2]).toMatch(/budget_exceeded/);
    expect(notes[2]).toMatch(/monthly budget/);

    const videos = await getDb()
      .select()
      .from(videoGenerations)
      .where(eq(videoGenerations.campaignId, campaign.id))
      .orderBy(asc(videoGenerations.createdAt));
    expect(videos).toHaveLength(4);
    for (const v of videos) {
      expect(v).toMatchObject({ workspaceId: ctx.workspace.id, status: "queued", priority: 0, reservedCents: 100, targetPlatforms: ["youtube_shorts"] });
      expect(v.researchJobId).not.toBeNull();
    }
    const topics = videos.map((v) => topicKey(String((v.originalContent as { topic: string }).topic)));
    expect(new Set(topics).size).toBe(4);
    expect(new Set(videos.map((v) => v.scriptTitle)).size).toBe(4);
    const recorded = await getDb().select().from(campaignTopics).where(eq(campaignTopics.campaignId, campaign.id));
    expect(recorded.map((t) => t.topicKey).sort()).toEqual([...topics].sort());

    // Reservations were made against the campaign.
    const ledger = await getDb().select().from(costLedger).where(and(eq(costLedger.workspaceId, ctx.workspace.id), eq(costLedger.campaignId, campaign.id)));
    expect(ledger.filter((l) => l.kind === "reserve").map((l) => l.amountCents)).toEqual([100, 100, 100, 100]);

    // Research was stored as campaign-triggered jobs, one per run that researched.
    const jobs = await getDb().select().from(researchJobs).where(and(eq(researchJobs.workspaceId, ctx.workspace.id), eq(researchJobs.trigger, "campaign")));
    expect(jobs).toHaveLength(3);
    expect(jobs.every((j) => j.status === "completed" && j.itemCount > 0)).toBe(true);

    const detail = await getCampaign(ctx, campaign.id);
    expect(detail.campaign.totalVideosGenerated).toBe(4);
    expect(detail.runs.map((r) => r.status).sort()).toEqual(["completed", "completed", "completed", "skipped"]);
    expect(detail.videos).toHaveLength(4);
    const runs = await getDb().select().from(campaignRuns).where(eq(campaignRuns.campaignId, campaign.id));
    expect(new Set(runs.map((r) => r.scheduledFor.toISOString())).size).toBe(runs.length);
    // Next run: tomorrow 09:00 Berlin.
    expect(localParts(detail.campaign.nextRunAt!, TZ).h).toBe(9);
    expect(detail.campaign.nextRunAt!.getTime()).toBeGreaterThan(clock.getTime());
  });

  it("pauses and resumes; a paused campaign is never due", async () => {
    const ctx = await costlyWorkspace("pause", null);
    const c = await createCampaign(ctx, { name: "Paused", sources: [{ source: "hackernews" }], avatarProfileId: "sarah" }, clock);
    const paused = await setCampaignActive(ctx, c.id, false, clock);
    expect(paused).toMatchObject({ active: false, nextRunAt: null });
    const later = new Date(clock.getTime() + 3 * 24 * 3600_000);
    expect((await processDueCampaigns(later, { connector: connector() })).filter((r) => r.campaignId === c.id)).toEqual([]);
    const resumed = await setCampaignActive(ctx, c.id, true, later);
    expect(resumed.active).toBe(true);
    expect(resumed.nextRunAt!.getTime()).toBeGreaterThan(later.getTime());
  });

  it("trend scan: the top 3 trends become one video each, once per 6-hour slot, without repeating a trend", async () => {
    const ctx = await costlyWorkspace("trends", null);
    const c = await createCampaign(ctx, { name: "Trends", kind: "trend_scan", avatarProfileId: "sarah", maxVideosPerDay: 10 }, clock);
    expect(c.nextRunAt!.getTime() % (6 * 3600_000)).toBe(0);
    clock = new Date(c.nextRunAt!.getTime() + 60_000);
    const first = (await processTrendScans(clock, { connector: connector() })).filter((r) => r.campaignId === c.id);
    expect(first).toHaveLength(1);
    expect(first[0].videosCreated).toBe(3);
    expect((await processTrendScans(clock, { connector: connector() })).filter((r) => r.campaignId === c.id)).toEqual([]);

    clock = new Date(clock.getTime() + 6 * 3600_000);
    const second = (await processTrendScans(clock, { connector: connector() })).filter((r) => r.campaignId === c.id);
    expect(second).toHaveLength(1);
    // Same sources, same trends: all three are covered already.
    expect(second[0].videosCreated).toBe(0);
    expect(second[0].note).toMatch(/already covered/);
    const videos = await getDb().select().from(videoGenerations).where(eq(videoGenerations.campaignId, c.id));
    expect(videos).toHaveLength(3);
    // Issue 14: campaign videos are 30 s shorts, and videos of one run never make the same point.
    // (These fixture trends share no items, so dropping the `used` bookkeeping in trendCandidates
    // does not fail here; lib/research/writer.test.ts's "skips covered ones" guards the exclusion.)
    const points = videos.flatMap((v) => v.scriptContent.split("\n\n").filter((l) => /^(First|Next|And finally):/.test(l)));
    expect(points.length).toBeGreaterThanOrEqual(3);
    expect(new Set(points).size).toBe(points.length);
    for (const v of videos) expect(estimateSpeechSeconds(v.scriptContent, v.voiceSpeed)).toBeLessThanOrEqual(35);
    const jobs = await getDb().select().from(researchJobs).where(and(eq(researchJobs.workspaceId, ctx.workspace.id), eq(researchJobs.trigger, "trend_scan")));
    expect(new Set(jobs.flatMap((j) => ((j.config as { sources: { source: string }[] }).sources).map((s) => s.source)))).toEqual(new Set(["google_trends", "hackernews", "github"]));
  });
});
