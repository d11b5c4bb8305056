/**
 * One ledger for all money. Reservation happens inside the caller's transaction with the
 * workspace's budget row locked (SELECT … FOR UPDATE), so concurrent requests are serialised
 * per workspace and the sum of reservations and charges can never pass a cap.
 */
import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { getDb } from "@/db/client";
import { budgets, costLedger, budgetAlerts, workspaces } from "@/db/schema";
import { committedDayAndMonth, committedForCampaign } from "@/db/queries/budget";
import { AppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import { logger } from "@/lib/logger";
import { periodStarts } from "./periods";

export interface BudgetCaps {
  perVideoCents: number | null;
  dailyCents: number | null;
  monthlyCents: number | null;
}

export interface BudgetStatus extends BudgetCaps {
  spentTodayCents: number;
  spentMonthCents: number;
  leftTodayCents: number | null;
  leftMonthCents: number | null;
}

export const ALERT_THRESHOLDS = [75, 90] as const;

/**
 * Creates-or-locks the workspace's budget row in one statement (an upsert that updates takes
 * the row lock), returning the caps. Concurrent reservations queue here until commit.
 */
async function lockBudget(tx: DbOrTx, workspaceId: string): Promise<BudgetCaps> {
  const [row] = await tx
    .insert(budgets)
    .values({ workspaceId })
    .onConflictDoUpdate({ target: budgets.workspaceId, set: { workspaceId: sql`excluded.workspace_id` } })
    .returning({ perVideoCents: budgets.perVideoCents, dailyCents: budgets.dailyCents, monthlyCents: budgets.monthlyCents });
  return row;
}

async function timezoneOf(db: DbOrTx, workspaceId: string): Promise<string> {
  const [w] = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return w?.timezone ?? "UTC";
}

export async function budgetStatus(db: DbOrTx, workspaceId: string, now = new Date()): Promise<BudgetStatus> {
  const [row] = await db
    .select({ perVideoCents: budgets.perVideoCents, dailyCents: budgets.dailyCents, monthlyCents: budgets.monthlyCents, timezone: workspaces.timezone })
    .from(workspaces)
    .leftJoin(budgets, eq(budgets.workspaceId, workspaces.id))
    .where(eq(workspaces.id, workspaceId));
  const { dayStart, monthStart } = periodStarts(now, row?.timezone ?? "UTC");
  const { day: spentTodayCents, month: spentMonthCents } = await committedDayAndMonth(db, workspaceId, dayStart, monthStart);
  const caps = { perVideoCents: row?.perVideoCents ?? null, dailyCents: row?.dailyCents ?? null, monthlyCents: row?.monthlyCents ?? null };
  return {
    ...caps,
    spentTodayCents,
    spentMonthCents,
    leftTodayCents: caps.dailyCents == null ? null : Math.max(0, caps.dailyCents - spentTodayCents),
    leftMonthCents: caps.monthlyCents == null ? null : Math.max(0, caps.monthlyCents - spentMonthCents),
  };
}

export interface ReserveInput {
  workspaceId: string;
  videoId: string;
  /** What must be held: the estimate of the provider tried first. */
  amountCents: number;
  /**
   * Hold up to this much when it fits (the dearest fallback that may be used); a fallback
   * that does not fit the hold is passed over for budget at run time. Defaults to amountCents.
   */
  upToCents?: number;
  campaign?: { id: string; budgetCents: number | null };
  /** The workspace's time zone when the caller knows it (saves a query inside the lock). */
  timezone?: string;
  now?: Date;
}

/**
 * Must run inside a transaction. Throws budget_exceeded naming the cap and what is left.
 * Returns the amount held (between amountCents and upToCents).
 */
export async function reserve(tx: DbOrTx, input: ReserveInput): Promise<number> {
  const amount = input.amountCents;
  if (!Number.isInteger(amount) || amount < 0) throw new Error(`reservation must be integer cents, got ${amount}`);
  const upTo = Math.max(amount, input.upToCents ?? amount);
  if (!Number.isInteger(upTo)) throw new Error(`reservation must be integer cents, got ${upTo}`);
  const caps = await lockBudget(tx, input.workspaceId);
  const now = input.now ?? new Date();
  const { dayStart, monthStart } = periodStarts(now, input.timezone ?? (await timezoneOf(tx, input.workspaceId)));
  if (caps.perVideoCents != null && amount > caps.perVideoCents) {
    throw new AppError(
      "budget_exceeded",
      `This video is estimated at ${formatCents(amount)}, above your per-video cap of ${formatCents(caps.perVideoCents)}. Shorten the script, pick a cheaper provider, or raise the cap in Settings → Budgets.`,
      { cap: "per_video", capCents: caps.perVideoCents, leftCents: caps.perVideoCents, estimateCents: amount },
    );
  }
  const spent = await committedDayAndMonth(tx, input.workspaceId, dayStart, monthStart);
  // Room left under every cap (the lock is held, so this is exact).
  let room = caps.perVideoCents ?? Number.POSITIVE_INFINITY;
  if (caps.dailyCents != null) room = Math.min(room, caps.dailyCents - spent.day);
  if (caps.monthlyCents != null) room = Math.min(room, caps.monthlyCents - spent.month);
  const checks: [string, "daily" | "monthly", number | null, number][] = [
    ["daily", "daily", caps.dailyCents, spent.day],
    ["monthly", "monthly", caps.monthlyCents, spent.month],
  ];
  for (const [label, cap, capCents, used] of checks) {
    if (capCents == null) continue;
    if (used + amount > capCents) {
      const left = Math.max(0, capCents - used);
      throw new AppError(
        "budget_exceeded",
        `Your ${label} budget of ${formatCents(capCents)} has ${formatCents(left)} left; this video needs ${formatCents(amount)}. Wait for the next period or raise the cap in Settings → Budgets.`,
        { cap, capCents, leftCents: left, estimateCents: amount },
      );
    }
  }
  if (input.campaign?.budgetCents != null) {
    const spent = await committedForCampaign(tx, input.workspaceId, input.campaign.id);
    room = Math.min(room, input.campaign.budgetCents - spent);
    if (spent + amount > input.campaign.budgetCents) {
      const left = Math.max(0, input.campaign.budgetCents - spent);
      throw new AppError("budget_exceeded", `The campaign budget of ${formatCents(input.campaign.budgetCents)} has ${formatCents(left)} left; this video needs ${formatCents(amount)}.`, {
        cap: "campaign",
        capCents: input.campaign.budgetCents,
        leftCents: left,
        estimateCents: amount,
      });
    }
  }
  const held = Math.max(amount, Math.min(upTo, room));
  await tx.insert(costLedger).values({
    workspaceId: input.workspaceId,
    videoId: input.videoId,
    campaignId: input.campaign?.id,
    kind: "reserve",
    amountCents: held,
    dedupeKey: `reserve:${input.videoId}`,
    accruedAt: now,
    note: "Estimated cost held until the video finishes",
  });
  return held;
}

async function reservationOf(db: DbOrTx, workspaceId: string, videoId: string) {
  const [r] = await db
    .select()
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.dedupeKey, `reserve:${videoId}`)));
  return r ?? null;
}

/** The dedupe key of the charge for one provider attempt of a video. */
export function attemptChargeKey(videoId: string, attemptNumber: number): string {
  return `charge:${videoId}:${attemptNumber}`;
}

/**
 * Records what a provider charged us the moment it reports success (issue 11, defect 1): the
 * work is paid whether or not this worker lives to store the result. Keyed by the attempt, so
 * a resumed or retried job never charges twice. Idempotent.
 *
 * The cap is hard (issue 11, H11b): a charge is only ever taken out of the video's hold. It is
 * clamped to what is left of that hold; anything above is logged as "provider over-billed" and
 * never committed, so no race (two runs of one video, a provider billing more than estimated)
 * can push committed spend past a cap. Returns the cents actually committed.
 */
export async function chargeAttempt(
  workspaceId: string,
  videoId: string,
  a: { attemptNumber: number; cents: number; provider: string },
): Promise<number> {
  if (!Number.isInteger(a.cents) || a.cents < 0) throw new Error(`charge must be integer cents, got ${a.cents}`);
  if (a.cents === 0) return 0;
  return getDb().transaction(async (tx) => {
    // Concurrent charges of one video queue on the budget row, so "what is left of the hold"
    // is read after the other charge committed (without it both read the full hold).
    await lockBudget(tx, workspaceId);
    const r = await reservationOf(tx, workspaceId, videoId);
    const key = attemptChargeKey(videoId, a.attemptNumber);
    const [existing] = await tx.select({ n: costLedger.amountCents }).from(costLedger).where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.dedupeKey, key)));
    if (existing) return existing.n;
    const left = r ? await remainingHold(tx, workspaceId, videoId, r.amountCents) : 0;
    const cents = Math.min(a.cents, left);
    if (cents < a.cents) overBilled(workspaceId, videoId, a, cents, r?.amountCents ?? 0);
    await tx
      .insert(costLedger)
      .values({
        workspaceId,
        videoId,
        campaignId: r?.campaignId,
        kind: "charge",
        amountCents: cents,
        provider: a.provider,
        dedupeKey: key,
        accruedAt: r?.accruedAt ?? new Date(),
        note: cents < a.cents ? `Provider cost (attempt ${a.attemptNumber}); provider over-billed ${a.cents - cents} ¢ above the hold, not committed` : `Provider cost (attempt ${a.attemptNumber})`,
      })
      .onConflictDoNothing();
    // The charge takes the place of that much of the hold, in the same transaction: otherwise
    // a video in flight counts twice (hold + charge) until it settles, and blocks others early.
    if (cents > 0 && r) {
      await tx
        .insert(costLedger)
        .values({ workspaceId, videoId, campaignId: r.campaignId, kind: "release", amountCents: cents, dedupeKey: `release:${videoId}:${a.attemptNumber}`, accruedAt: r.accruedAt, note: "Hold used by the provider's charge" })
        .onConflictDoNothing();
    }
    return cents;
  });
}

/** A provider asked for more than the video's hold: loud, never silently over the cap. */
function overBilled(workspaceId: string, videoId: string, a: { attemptNumber: number; cents: number; provider: string }, committed: number, heldCents: number): void {
  logger.error(
    { workspaceId, videoId, provider: a.provider, attemptNumber: a.attemptNumber, billedCents: a.cents, committedCents: committed, heldCents, excessCents: a.cents - committed },
    "provider over-billed: charge above the video's remaining hold clamped (the cap is hard)",
  );
}

/** What is left of a video's hold after the releases recorded so far. */
async function remainingHold(db: DbOrTx, workspaceId: string, videoId: string, reserved: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${costLedger.amountCents}), 0)::int` })
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.videoId, videoId), eq(costLedger.kind, "release")));
  return Math.max(0, reserved - (row?.n ?? 0));
}

/** Sum of the charges recorded for a video (all attempts). */
export async function chargedFor(db: DbOrTx, workspaceId: string, videoId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${costLedger.amountCents}), 0)::int` })
    .from(costLedger)
    .where(and(eq(costLedger.workspaceId, workspaceId), eq(costLedger.videoId, videoId), eq(costLedger.kind, "charge")));
  return row?.n ?? 0;
}

/**
 * Turns the reservation into the actual charge: releases the hold and, unless the provider's
 * charge was already recorded per attempt (chargeAttempt), records the cost. Every row is
 * keyed, so a retried job never charges twice.
 */
export async function settle(workspaceId: string, videoId: string, actual: { cents: number; provider: string | null }): Promise<void> {
  await getDb().transaction(async (tx) => {
    const r = await reservationOf(tx, workspaceId, videoId);
    const accruedAt = r?.accruedAt ?? new Date();
    const left = r ? await remainingHold(tx, workspaceId, videoId, r.amountCents) : 0;
    if (r && left > 0) {
      await tx
        .insert(costLedger)
        .values({ workspaceId, videoId, campaignId: r.campaignId, kind: "release", amountCents: left, dedupeKey: `release:${videoId}`, accruedAt, note: "Hold released" })
        .onConflictDoNothing();
    }
    if (actual.cents > 0 && (await chargedFor(tx, workspaceId, videoId)) === 0) {
      // Same hard cap as chargeAttempt: never more than was held for the video.
      const cents = Math.min(actual.cents, left);
      if (cents < actual.cents) overBilled(workspaceId, videoId, { attemptNumber: 0, cents: actual.cents, provider: actual.provider ?? "unknown" }, cents, r?.amountCents ?? 0);
      if (cents > 0) {
        await tx
          .insert(costLedger)
          .values({ workspaceId, videoId, campaignId: r?.campaignId, kind: "charge", amountCents: cents, provider: actual.provider, dedupeKey: `charge:${videoId}`, accruedAt, note: "Actual provider cost" })
          .onConflictDoNothing();
      }
    }
  });
}

/** Failure or cancel: give the whole hold back. Idempotent. */
export async function releaseReservation(workspaceId: string, videoId: string, note: string): Promise<void> {
  await getDb().transaction(async (tx) => {
    const r = await reservationOf(tx, workspaceId, videoId);
    if (!r || r.amountCents === 0) return;
    const left = await remainingHold(tx, workspaceId, videoId, r.amountCents);
    if (left === 0) return;
    await tx
      .insert(costLedger)
      .values({ workspaceId, videoId, campaignId: r.campaignId, kind: "release", amountCents: left, dedupeKey: `release:${videoId}`, accruedAt: r.accruedAt, note })
      .onConflictDoNothing();
  });
}

export async function updateCaps(workspaceId: string, caps: BudgetCaps): Promise<void> {
  for (const v of Object.values(caps)) {
    if (v != null && (!Number.isInteger(v) || v < 0)) throw new AppError("bad_request", "Budget caps are whole cents, zero or more (leave empty for no cap).");
  }
  await getDb()
    .insert(budgets)
    .values({ workspaceId, ...caps })
    .onConflictDoUpdate({ target: budgets.workspaceId, set: { ...caps, updatedAt: new Date() } });
}

export interface FiredAlert {
  period: "daily" | "monthly";
  threshold: number;
  spentCents: number;
  capCents: number;
}

/** Records 75 % / 90 % alerts once per period (a unique index makes "once" hold across workers). */
export async function checkAlerts(workspaceId: string, now = new Date()): Promise<FiredAlert[]> {
  const db = getDb();
  const st = await budgetStatus(db, workspaceId, now);
  const [ws] = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const { dayKey, monthKey } = periodStarts(now, ws?.timezone ?? "UTC");
  const fired: FiredAlert[] = [];
  const periods: [FiredAlert["period"], number | null, number, string][] = [
    ["daily", st.dailyCents, st.spentTodayCents, dayKey],
    ["monthly", st.monthlyCents, st.spentMonthCents, monthKey],
  ];
  for (const [period, cap, spent, key] of periods) {
    if (!cap) continue;
    for (const threshold of ALERT_THRESHOLDS) {
      if (spent * 100 < cap * threshold) continue;
      const rows = await db
        .insert(budgetAlerts)
        .values({ workspaceId, period, periodKey: key, threshold, spentCents: spent, capCents: cap })
        .onConflictDoNothing()
        .returning({ id: budgetAlerts.id });
      if (rows.length) fired.push({ period, threshold, spentCents: spent, capCents: cap });
    }
  }
  return fired;
}
