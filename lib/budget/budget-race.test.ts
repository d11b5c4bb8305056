/**
 * Issue 11, defect 6: the reservation is atomic on a real, concurrent PostgreSQL. On the
 * embedded PGlite every transaction is serialised, so this test would pass even without the
 * row lock — it is skipped there, visibly, instead of passing for the wrong reason.
 *
 * Mutation tried: lockBudget() in lib/budget/index.ts replaced by a plain
 * `select … from budgets` (no row lock) → on the cluster this test fails with more than 5
 * reservations accepted and the ledger above the cap.
 */
import { describe, it, expect } from "vitest";
import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { newWorkspace } from "@/lib/testing/fixtures";
import { embedded, EMBEDDED_SKIP_REASON } from "@/lib/testing/db-kind";
import { isAppError } from "@/lib/errors";
import { budgetStatus, reserve, updateCaps } from "./index";

describe("budget reservation under concurrency", () => {
  it.skipIf(embedded)(`50 concurrent reservations vs a cap for 5: exactly 5 held, never over the cap (${embedded ? `skipped: ${EMBEDDED_SKIP_REASON}` : "real server"})`, async () => {
    const ctx = await newWorkspace();
    const ws = ctx.workspace.id;
    await updateCaps(ws, { perVideoCents: null, dailyCents: 500, monthlyCents: null });
    // Make sure the budget row exists so every transaction contends on the same row.
    await getDb().transaction((tx) => reserve(tx, { workspaceId: ws, videoId: randomUUID(), amountCents: 0 }));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => getDb().transaction((tx) => reserve(tx, { workspaceId: ws, videoId: randomUUID(), amountCents: 100 }))),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    for (const r of results) if (r.status === "rejected" && !(isAppError(r.reason) && r.reason.code === "budget_exceeded")) throw r.reason;
    expect(ok).toHaveLength(5);
    const st = await budgetStatus(getDb(), ws);
    expect(st.spentTodayCents).toBe(500);
  });

  it("a hold between the first provider's price and the dearest fallback takes what fits", async () => {
    const ctx = await newWorkspace();
    const ws = ctx.workspace.id;
    await updateCaps(ws, { perVideoCents: null, dailyCents: 16, monthlyCents: null });
    // Local first (0 ¢) with a 35 ¢ fallback and 16 ¢ left: accepted, holding the 16 ¢ that fit.
    const held = await getDb().transaction((tx) => reserve(tx, { workspaceId: ws, videoId: randomUUID(), amountCents: 0, upToCents: 35 }));
    expect(held).toBe(16);
    // Nothing left: a 0 ¢ first choice still fits, holding 0.
    expect(await getDb().transaction((tx) => reserve(tx, { workspaceId: ws, videoId: randomUUID(), amountCents: 0, upToCents: 35 }))).toBe(0);
    // A first choice that needs more than is left is refused.
    await expect(getDb().transaction((tx) => reserve(tx, { workspaceId: ws, videoId: randomUUID(), amountCents: 1, upToCents: 35 }))).rejects.toThrow(/has \$0\.00 left/);
  });
});
