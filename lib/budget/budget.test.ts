import { describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { newWorkspace } from "@/lib/testing/fixtures";
import { budgetStatus, checkAlerts, releaseReservation, reserve, settle, updateCaps } from "./index";
import { periodStarts } from "./periods";

async function hold(workspaceId: string, cents: number, now?: Date) {
  const videoId = randomUUID();
  await getDb().transaction((tx) => reserve(tx, { workspaceId, videoId, amountCents: cents, now }));
  return videoId;
}

describe("budget ledger", () => {
  it("refuses per-video, daily and monthly overruns with the cap and what is left", async () => {
    const ctx = await newWorkspace();
    await updateCaps(ctx.workspace.id, { perVideoCents: 300, dailyCents: 500, monthlyCents: 700 });
    await expect(hold(ctx.workspace.id, 301)).rejects.toThrow("above your per-video cap of $3.00");
    const yesterday = new Date(Date.now() - 26 * 3600_000);
    const sameMonth = periodStarts(yesterday, "UTC").monthKey === periodStarts(new Date(), "UTC").monthKey;
    if (sameMonth) await hold(ctx.workspace.id, 300, yesterday);
    await hold(ctx.workspace.id, 300);
    await expect(hold(ctx.workspace.id, 250)).rejects.toThrow("Your daily budget of $5.00 has $2.00 left; this video needs $2.50");
    if (sameMonth) await expect(hold(ctx.workspace.id, 150)).rejects.toThrow("Your monthly budget of $7.00 has $1.00 left");
  });

  it("settles to the actual cost, releases on failure, and never charges twice", async () => {
    const ctx = await newWorkspace();
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: 1000, monthlyCents: null });
    const a = await hold(ctx.workspace.id, 400);
    const b = await hold(ctx.workspace.id, 400);
    expect((await budgetStatus(getDb(), ctx.workspace.id)).spentTodayCents).toBe(800);
    await settle(ctx.workspace.id, a, { cents: 250, provider: "heygen" });
    await settle(ctx.workspace.id, a, { cents: 250, provider: "heygen" }); // a retried job
    await releaseReservation(ctx.workspace.id, b, "failed");
    await releaseReservation(ctx.workspace.id, b, "failed");
    const st = await budgetStatus(getDb(), ctx.workspace.id);
    expect(st.spentTodayCents).toBe(250);
    expect(st.leftTodayCents).toBe(750);
  });

  it("raises the 75 % and 90 % alerts once per period", async () => {
    const ctx = await newWorkspace();
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: 1000, monthlyCents: null });
    await hold(ctx.workspace.id, 700);
    expect(await checkAlerts(ctx.workspace.id)).toEqual([]);
    await hold(ctx.workspace.id, 100);
    expect(await checkAlerts(ctx.workspace.id)).toEqual([{ period: "daily", threshold: 75, spentCents: 800, capCents: 1000 }]);
    expect(await checkAlerts(ctx.workspace.id)).toEqual([]);
    await hold(ctx.workspace.id, 150);
    expect(await checkAlerts(ctx.workspace.id)).toEqual([{ period: "daily", threshold: 90, spentCents: 950, capCents: 1000 }]);
    expect(await checkAlerts(ctx.workspace.id)).toEqual([]);
  });

  it("computes day and month starts in the workspace time zone", () => {
    const now = new Date("2026-03-01T03:30:00Z"); // still Feb 28 in New York
    const ny = periodStarts(now, "America/New_York");
    expect(ny.dayKey).toBe("2026-02-28");
    expect(ny.monthKey).toBe("2026-02");
    expect(ny.dayStart.toISOString()).toBe("2026-02-28T05:00:00.000Z");
    expect(periodStarts(now, "UTC").dayStart.toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});
