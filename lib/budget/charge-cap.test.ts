/**
 * Issue 11 (H11b): the cap is hard even when a provider is charged twice for one video or bills
 * more than the hold. The chaos run (20 kill -9s + a PostgreSQL outage) committed 1100 ¢ against
 * a 1000 ¢ cap: one video got a second charged attempt while its 100 ¢ hold covered one. A charge
 * only ever comes out of the video's remaining hold; the excess is logged "provider over-billed".
 *
 * Mutations tried (each made a case here fail):
 * - chargeAttempt: `Math.min(a.cents, left)` → `a.cents` → "a second charged attempt" commits
 *   200 ¢ (cap 100) and "over-billed" commits 150 ¢.
 * - chargeAttempt: `await lockBudget(tx, workspaceId)` removed → NOT caught reliably: "two
 *   charges at once" still passed (the two transactions did not interleave in the run tried);
 *   the lock is kept because, interleaved, both would read the full hold.
 * - settle: `Math.min(actual.cents, left)` → `actual.cents` → "settle never charges above the
 *   hold" commits 180 ¢.
 */
import { describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { newWorkspace } from "@/lib/testing/fixtures";
import { budgetStatus, chargeAttempt, reserve, settle, updateCaps } from "./index";

async function hold(workspaceId: string, cents: number) {
  const videoId = randomUUID();
  await getDb().transaction((tx) => reserve(tx, { workspaceId, videoId, amountCents: cents }));
  return videoId;
}

async function capped(cap: number) {
  const ctx = await newWorkspace();
  await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: cap, monthlyCents: null });
  return ctx.workspace.id;
}

const spent = async (ws: string) => (await budgetStatus(getDb(), ws)).spentTodayCents;

describe("a charge never passes the cap", () => {
  it("a second charged attempt of one video comes out of the same hold (clamped to 0)", async () => {
    const ws = await capped(100);
    const v = await hold(ws, 100);
    expect(await chargeAttempt(ws, v, { attemptNumber: 1, cents: 100, provider: "heygen" })).toBe(100);
    expect(await chargeAttempt(ws, v, { attemptNumber: 2, cents: 100, provider: "heygen" })).toBe(0);
    // A retry of the same attempt is still idempotent.
    expect(await chargeAttempt(ws, v, { attemptNumber: 1, cents: 100, provider: "heygen" })).toBe(100);
    await settle(ws, v, { cents: 100, provider: "heygen" });
    expect(await spent(ws)).toBe(100);
  });

  it("a provider billing above the hold is clamped and the excess is not committed", async () => {
    const ws = await capped(100);
    const v = await hold(ws, 100);
    expect(await chargeAttempt(ws, v, { attemptNumber: 1, cents: 150, provider: "kling" })).toBe(100);
    await settle(ws, v, { cents: 150, provider: "kling" });
    expect(await spent(ws)).toBe(100);
    const rows = await getDb().query.costLedger.findMany({ where: (l, { and, eq }) => and(eq(l.workspaceId, ws), eq(l.videoId, v), eq(l.kind, "charge")) });
    expect(rows.map((r) => r.amountCents)).toEqual([100]);
    expect(rows[0].note).toContain("over-billed 50 ¢");
  });

  it("two charges of one video at once (two runs of it) commit at most the hold", async () => {
    const ws = await capped(100);
    const v = await hold(ws, 100);
    const got = await Promise.all([1, 2].map((n) => chargeAttempt(ws, v, { attemptNumber: n, cents: 100, provider: "heygen" })));
    expect(got.sort()).toEqual([0, 100]);
    await settle(ws, v, { cents: 100, provider: "heygen" });
    expect(await spent(ws)).toBe(100);
  });

  it("settle never charges above the hold", async () => {
    const ws = await capped(100);
    const v = await hold(ws, 100);
    await settle(ws, v, { cents: 180, provider: "heygen" });
    expect(await spent(ws)).toBe(100);
  });
});
