import { describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { listAlerts } from "@/lib/analytics/alerts";
import { saveBudgetCaps } from "@/lib/settings/budgets";
import { newWorkspace } from "@/lib/testing/fixtures";
import { reserve } from "./index";

describe("lowering a cap below current spend", () => {
  it("fires the alert at once, through the same settings service the form and API use", async () => {
    const ctx = await newWorkspace();
    await saveBudgetCaps(ctx, { perVideoCents: null, dailyCents: 5000, monthlyCents: null });
    await getDb().transaction((tx) => reserve(tx, { workspaceId: ctx.workspace.id, videoId: randomUUID(), amountCents: 840 }));
    expect(await listAlerts(ctx.workspace.id)).toHaveLength(0);
    // 840 of 1000 = 84 %: the 75 % alert, not the 90 % one.
    // Mutation tried: calling plain updateCaps in saveBudgetCaps → "No alerts yet" beside an 84 % bar; this fails.
    await saveBudgetCaps(ctx, { perVideoCents: null, dailyCents: 1000, monthlyCents: null });
    const alerts = await listAlerts(ctx.workspace.id);
    expect(alerts.map((a) => [a.period, a.threshold, a.spentCents, a.capCents])).toEqual([["daily", 75, 840, 1000]]);
    // Once per period: saving the same caps again adds nothing.
    await saveBudgetCaps(ctx, { perVideoCents: null, dailyCents: 1000, monthlyCents: null });
    expect(await listAlerts(ctx.workspace.id)).toHaveLength(1);
  });
});
