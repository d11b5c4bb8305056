/**
 * One definition of success rate (issue 15): the overview card, the analytics KPI and the
 * provider rows all call lib/analytics/success.ts. Before, the overview divided by every video
 * (in-progress ones counted as failures), Analytics by finished videos, providers by decided
 * attempts: 50 %, 66.7 % and 66.7 % for the same workspace below.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { avatarProfiles, generationAttempts, videoGenerations, type VideoStatus } from "@/db/schema";
import { newWorkspace } from "@/lib/testing/fixtures";
import { workspaceOverview } from "@/lib/overview";
import { analyticsReport } from "./queries";
import { formatRate, successRate } from "./success";

describe("successRate", () => {
  it("is succeeded over decided (succeeded + failed + timed out), null when nothing is decided", () => {
    expect(successRate({ succeeded: 2, failed: 1 })).toBeCloseTo(2 / 3);
    // Mutation tried: dropping `timedOut` from `decided` → 1 instead of 0.5; fails here.
    expect(successRate({ succeeded: 1, failed: 0, timedOut: 1 })).toBe(0.5);
    expect(successRate({ succeeded: 0, failed: 0, timedOut: 0 })).toBeNull();
    expect(successRate({ succeeded: 0, failed: 3 })).toBe(0);
    expect(formatRate(2 / 3)).toBe("66.7%");
    expect(formatRate(null)).toBe("—");
  });
});

describe("overview, analytics and provider rows agree", () => {
  let ws: string;
  let tz: string;
  beforeAll(async () => {
    const ctx = await newWorkspace();
    ws = ctx.workspace.id;
    tz = ctx.workspace.timezone;
    const [avatar] = await getDb().select({ id: avatarProfiles.id }).from(avatarProfiles).limit(1);
    const mk = async (status: VideoStatus) => {
      const [v] = await getDb().insert(videoGenerations).values({
        workspaceId: ws, scriptTitle: status, scriptContent: "s", avatarProfileId: avatar.id, background: { type: "color", value: "#000000" }, status,
      }).returning({ id: videoGenerations.id });
      return v.id;
    };
    // 2 completed, 1 failed, 1 still rendering; each finished video had one attempt with its outcome.
    const ids = [await mk("completed"), await mk("completed"), await mk("failed"), await mk("processing")];
    const outcomes = ["succeeded", "succeeded", "failed", "running"] as const;
    for (const [i, id] of ids.entries()) {
      await getDb().insert(generationAttempts).values({
        workspaceId: ws, videoId: id, attemptNumber: 1, provider: "heygen", outcome: outcomes[i], startedAt: new Date(), finishedAt: outcomes[i] === "running" ? null : new Date(),
      });
    }
  });

  it("shows 2/3 everywhere: a video still rendering is not a failure", async () => {
    const o = await workspaceOverview(ws, tz);
    const r = await analyticsReport(ws, { days: 30, timezone: tz });
    // Mutation tried: the overview's old completed / total (2/4 = 50 %) → fails here.
    expect(o.successRate).toBeCloseTo(2 / 3);
    expect(r.kpis.successRate).toBeCloseTo(2 / 3);
    expect(r.providers.find((p) => p.provider === "heygen")?.successRate).toBeCloseTo(2 / 3);
    expect(new Set([o.successRate, r.kpis.successRate, r.providers[0].successRate].map(formatRate))).toEqual(new Set(["66.7%"]));
  });
});
