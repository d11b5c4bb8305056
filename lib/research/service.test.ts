import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { getDb, getSql } from "@/db/client";
import { costLedger, videoGenerations } from "@/db/schema";
import { startResearchFakes, type ResearchFakes } from "@/e2e/fakes/research";
import { signUp } from "@/lib/auth/signup";
import { contextForUser, type AuthContext } from "@/lib/auth/context";
import { updateCaps } from "@/lib/budget";
import { resetEnvCache } from "@/lib/env";
import { JobEngine } from "@/lib/jobs/engine";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { researchRunJob } from "./jobs";
import { listRules, updateRule } from "./rules-store";
import {
  createResearchConfiguration,
  executeResearchJob,
  getResearchJob,
  listResearchJobSummaries,
  MAX_RATE_LIMIT_RESCHEDULES,
  runResearchJob,
  scriptForResearchJob,
} from "./service";
import { createVideoFromResearch, createVideosFromRecentResearch } from "./videos";
import type { Insight } from "./types";

let fakes: ResearchFakes;
const noSleep = async () => {};

async function newWorkspace(tag: string): Promise<AuthContext> {
  const r = await signUp({ name: `Res ${tag}`, email: `research-${tag}-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`, password: "correct-horse-battery" });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return (await contextForUser(r.userId))!;
}

function sources() {
  return [{ source: "hackernews" as const }, { source: "github" as const }, { source: "rss" as const, feedUrl: fakes.urls.rss }];
}

async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 45_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function completedJob(ctx: AuthContext, name = "AI tools") {
  const job = await runResearchJob(ctx, { name, sources: sources() });
  expect(await executeResearchJob({ workspaceId: ctx.workspace.id, researchJobId: job.id, attempt: 0 }, { connector: { baseUrls: fakes.baseUrls, sleep: noSleep } })).toBe("completed");
  return job;
}

beforeAll(async () => {
  fakes = await startResearchFakes();
  // The worker builds its connector context from the environment, as in production.
  process.env.RESEARCH_BASE_URLS = JSON.stringify(fakes.baseUrls);
  resetEnvCache();
});
afterAll(async () => {
  await fakes.close();
});
beforeEach(() => fakes.reset());

describe("research jobs", () => {
  it("runs a saved configuration in the research.run job over the fakes and stores an analysis whose insights link to their items", async () => {
    const ctx = await newWorkspace("worker");
    const cfg = await createResearchConfiguration(ctx, { name: "Dev pulse", sources: sources() });
    const job = await runResearchJob(ctx, cfg.id);
    expect(job.status).toBe("queued");
    expect(job.configurationId).toBe(cfg.id);

    const worker = new JobEngine({ connectionString: process.env.DATABASE_URL!, jobs: [researchRunJob as never], work: true, schedule: false, pollingIntervalSeconds: 0.5 });
    await worker.start();
    try {
      // Polled with the simple query protocol (the id is a uuid we generated): the embedded
      // PGlite multiplexer is safest without interleaved extended-protocol statements.
      expect(/^[0-9a-f-]{36}$/.test(job.id)).toBe(true);
      const status = async () => String((await getSql().unsafe(`select status from research_jobs where id = '${job.id}'`))[0]?.status);
      await waitFor(status, (s) => s === "completed" || s === "failed");
    } finally {
      await worker.stop();
    }
    const detail = await getResearchJob(ctx, job.id);
    expect(detail.status).toBe("completed");
    expect(detail.sourceErrors).toEqual([]);
    expect(detail.itemCount).toBe(detail.items.length);
    expect(detail.itemCount).toBeGreaterThan(10);
    const items = new Map(detail.items.map((i) => [i.id, i]));
    const a = detail.analysis!;
    const all: Insight[] = [...a.key_insights, ...a.trending_topics, ...a.actionable_recommendations];
    expect(a.key_insights.length).toBeGreaterThan(0);
    expect(a.trending_topics.length).toBeGreaterThan(0);
    for (const ins of all) {
      expect(ins.itemIds.length).toBeGreaterThan(0);
      for (const id of ins.itemIds) expect(items.has(id), `${ins.id} → ${id}`).toBe(true);
      for (const c of ins.citations) expect(items.get(c.itemId)?.url ?? null).toBe(c.url);
    }
    expect(new Set(detail.items.map((i) => i.source))).toEqual(new Set(["hackernews", "github", "rss"]));

    // Listing shape used by the create page's picker.
    const { jobs } = await listResearchJobSummaries(ctx, { status: "completed", limit: "5" });
    const summary = jobs.find((j) => j.id === job.id)!;
    expect(summary).toMatchObject({ name: "Dev pulse", status: "completed", itemCount: detail.itemCount, sources: ["hackernews", "github", "rss"] });
    expect(summary.topInsights[0]).toEqual({ id: a.key_insights[0].id, text: a.key_insights[0].text, topic: a.key_insights[0].topic });

    // Idempotent: a completed job is never re-run.
    expect(await executeResearchJob({ workspaceId: ctx.workspace.id, researchJobId: job.id, attempt: 0 })).toBe("skipped");

    // Tenancy: another workspace sees nothing.
    const other = await newWorkspace("other");
    await expect(getResearchJob(other, job.id)).rejects.toMatchObject({ code: "not_found" });
    expect((await listResearchJobSummaries(other, {})).jobs).toEqual([]);
  });

  it("reschedules a rate-limited run (bounded) instead of failing it, then finishes with what it has", async () => {
    const ctx = await newWorkspace("ratelimit");
    fakes.setMode("github", "rate_limited");
    const job = await runResearchJob(ctx, { name: "Limited", sources: sources() });
    const opts = { connector: { baseUrls: fakes.baseUrls, sleep: noSleep } };
    expect(await executeResearchJob({ workspaceId: ctx.workspace.id, researchJobId: job.id, attempt: 0 }, opts)).toBe("rescheduled");
    let d = await getResearchJob(ctx, job.id);
    expect(d.status).toBe("queued");
    expect(d.error).toMatch(/GitHub.*retrying automatically/);
    const queued = await getSql()`
      select start_after, data from pgboss.job
      where name = 'research.run' and data->>'researchJobId' = ${job.id} and (data->>'attempt')::int = 1`;
    expect(queued).toHaveLength(1);
    expect(new Date(queued[0].start_after).getTime()).toBeGreaterThan(Date.now() + 20_000);

    // The last allowed attempt completes with the other sources and reports the limited one.
    expect(await executeResearchJob({ workspaceId: ctx.workspace.id, researchJobId: job.id, attempt: MAX_RATE_LIMIT_RESCHEDULES }, opts)).toBe("completed");
    d = await getResearchJob(ctx, job.id);
    expect(d.status).toBe("completed");
    expect(d.sourceErrors.map((e) => [e.source, e.code])).toEqual([["github", "rate_limited"]]);
    expect(d.items.some((i) => i.source === "github")).toBe(false);
    expect(d.itemCount).toBeGreaterThan(0);
  });

  it("fails a run where every source fails, saying why", async () => {
    const ctx = await newWorkspace("fail");
    fakes.setMode("hackernews", "malformed");
    const job = await runResearchJob(ctx, { name: "Broken", sources: [{ source: "hackernews" }] });
    expect(await executeResearchJob({ workspaceId: ctx.workspace.id, researchJobId: job.id, attempt: 0 }, { connector: { baseUrls: fakes.baseUrls, sleep: noSleep } })).toBe("failed");
    const d = await getResearchJob(ctx, job.id);
    expect(d.status).toBe("failed");
    expect(d.error).toMatch(/Hacker News/);
  });

  it("validates configurations with the research schema", async () => {
    const ctx = await newWorkspace("validate");
    await expect(createResearchConfiguration(ctx, { name: "x", sources: [] })).rejects.toThrow(/at least one source/);
    await expect(createResearchConfiguration(ctx, { name: "x", sources: [{ source: "rss", feedUrl: "ftp://nope" }] })).rejects.toThrow(/http\(s\) URL/);
  });
});

describe("scripts and videos from research", () => {
  it("writes a script through the workspace's extraction rule and creates a queued video with a budget reservation", async () => {
    const ctx = await newWorkspace("video");
    await saveProviderSettings(ctx, "heygen", {
      apiKey: "test-key-123456",
      baseUrl: "http://127.0.0.1:9",
      costModel: { centsPerUnit: 100, unitName: "video", unitsPerSecond: 0, minUnits: 1 },
    });
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: null, monthlyCents: 250 });
    const job = await completedJob(ctx);
    const detail = await getResearchJob(ctx, job.id);

    // A workspace rule override changes the script.
    // By default the script is a spoken short written from the items (lib/research/writer.ts),
    // with each line's sources and none of the analysis' internal wording.
    const short = await scriptForResearchJob(ctx, job.id, {});
    expect(short.lines?.map((l) => l.role)[0]).toBe("hook");
    expect(short.lines?.at(-1)?.role).toBe("cta");
    expect(short.script).not.toMatch(/\bitems\b|Manual input|\d+ of \d+|^\d+\. /m);
    expect(short.citations.length).toBeGreaterThan(0);

    await updateRule(ctx, { source: detail.mainSource, rule: { title_template: "Weekly brief - {topic}", format: "list" } });
    expect((await listRules(ctx.workspace.id)).find((r) => r.source === detail.mainSource)?.isDefault).toBe(false);
    const s = await scriptForResearchJob(ctx, job.id, {});
    expect(s.title).toMatch(/^Weekly brief - /);
    expect(s.script).toContain("1. ");
    expect(s.citations.length).toBeGreaterThan(0);
    const picked = detail.analysis!.key_insights.slice(0, 2).map((i) => i.id);
    const s2 = await scriptForResearchJob(ctx, job.id, { insightIds: picked });
    expect(s2.insightIds).toEqual(picked);

    const { video, created } = await createVideoFromResearch(ctx, { researchJobId: job.id, avatarProfileId: "sarah", insightIds: picked });
    expect(created).toBe(true);
    expect(video).toMatchObject({ status: "queued", researchJobId: job.id, scriptTitle: s2.title, scriptContent: s2.script, reservedCents: 100 });
    expect((video.originalContent as { insightIds: string[] }).insightIds).toEqual(picked);
    expect((video.originalContent as { citations: unknown[] }).citations).toEqual(s2.citations);
    const ledger = await getDb()
      .select()
      .from(costLedger)
      .where(and(eq(costLedger.workspaceId, ctx.workspace.id), eq(costLedger.videoId, video.id)));
    expect(ledger.map((l) => [l.kind, l.amountCents])).toEqual([["reserve", 100]]);

    // Batch: one video per recent job without one; the budget stops the third.
    const j2 = await completedJob(ctx, "Second");
    const j3 = await completedJob(ctx, "Third");
    const batch = await createVideosFromRecentResearch(ctx, { sinceHours: 1, avatarProfileId: "sarah" });
    expect(batch.created).toHaveLength(1);
    expect(batch.errors).toEqual([expect.objectContaining({ researchJobId: j3.id, code: "budget_exceeded" })]);
    const fromJobs = await getDb()
      .select({ job: videoGenerations.researchJobId, n: sql<number>`count(*)::int` })
      .from(videoGenerations)
      .where(eq(videoGenerations.workspaceId, ctx.workspace.id))
      .groupBy(videoGenerations.researchJobId);
    expect(Object.fromEntries(fromJobs.map((r) => [r.job, r.n]))).toEqual({ [job.id]: 1, [j2.id]: 1 });
  });

  it("refuses a script from a job that has not completed", async () => {
    const ctx = await newWorkspace("pending");
    const job = await runResearchJob(ctx, { name: "Pending", sources: sources() });
    await expect(scriptForResearchJob(ctx, job.id, {})).rejects.toMatchObject({ code: "conflict" });
    await expect(createVideoFromResearch(ctx, { researchJobId: job.id, avatarProfileId: "sarah" })).rejects.toMatchObject({ code: "conflict" });
  });
});
