/**
 * Batch create (issue 16): up to 100 videos from one JSON or CSV manifest, one batch id.
 *
 * 1. Every row is validated up front — its fields (the same createVideoSchema as a single
 *    create), its presenter (exists, allowed by the plan) and that an enabled provider can make
 *    it (which also gives its estimate) — and each refusal is reported with its row number.
 * 2. Budget, as the caller chooses:
 *    - `per_row`: each valid row is created through the one create service (lib/videos/create),
 *      which reserves atomically; a row the budget cannot cover is refused on its own.
 *    - `atomic`: all or nothing. Any invalid row refuses the batch. Otherwise the sum of the
 *      rows' first-provider holds is checked against the room left under the per-video, daily
 *      and monthly caps before anything is created; if it does not fit, nothing is created.
 *      Each create still reserves under the budget row lock, so no interleaving can overspend;
 *      if a concurrent spend takes the room between the check and a create, the videos this
 *      batch already made are cancelled (their holds released) and the batch is refused.
 * 3. Rows carry idempotency keys derived from the batch (`batch:<key or id>:<row>`), and the
 *    batch itself takes `Idempotency-Key`: a retried call replays the first answer.
 */
import { z } from "zod";
import { getDb } from "@/db/client";
import { findBatch, findBatchByKey, insertBatch, listBatches, videoStatuses, type BatchRow } from "@/db/queries/batches";
import type { BatchItem, BatchMode } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { budgetStatus } from "@/lib/budget";
import { AppError, isAppError } from "@/lib/errors";
import { formatCents } from "@/lib/format";
import { toAppError } from "@/lib/http/respond";
import { requestHash } from "@/lib/http/idempotency";
import { logger } from "@/lib/logger";
import { resolveAvatar, resolveTemplate } from "@/lib/videos/catalog";
import { requestCancel } from "@/lib/videos/cancel";
import { createVideo } from "@/lib/videos/create";
import { estimateCandidates } from "@/lib/videos/estimate";
import { ASPECT_TO_RATIO, createVideoSchema } from "@/lib/videos/input";
import { avatarRef } from "@/lib/videos/request";
import { CsvError, csvRecords } from "./csv";

export const MAX_BATCH_ROWS = 100;
export const CSV_COLUMNS = ["script", "title", "presenter", "aspect", "platforms", "schedule"] as const;

/** One manifest row, as the CSV columns name it (JSON rows use the same names). */
export const batchRowSchema = z.object({
  script: z.string().describe("What the presenter says."),
  title: z.string().describe("The video's title."),
  presenter: z.string().describe("Presenter slug or id (GET /api/v1/avatars)."),
  aspect: z.string().optional().describe("portrait, landscape, square or portrait_4x5 (default: the template's, else portrait)."),
  platforms: z.union([z.array(z.string()), z.string()]).optional().describe("Target platforms; in CSV separated by spaces, `;` or `|` (e.g. `tiktok;youtube_shorts`)."),
  schedule: z.string().optional().describe("When to publish, ISO 8601 with an offset (e.g. 2027-06-01T09:30:00Z): once the video completes it is posted then to the row's platforms (see the row's `publish`)."),
  template: z.string().optional().describe("Template slug or id (GET /api/v1/templates)."),
});
export type BatchRowInput = z.input<typeof batchRowSchema>;

export const batchBodySchema = z.object({
  mode: z.enum(["atomic", "per_row"]).default("per_row").describe("atomic: all rows or none; per_row: each row on its own."),
  rows: z.array(z.unknown()).max(MAX_BATCH_ROWS, `A batch holds at most ${MAX_BATCH_ROWS} rows; split the manifest.`).optional(),
  csv: z.string().max(2_000_000).optional().describe("The manifest as CSV text (header: script,title,presenter,aspect,platforms,schedule); or send the CSV itself as `Content-Type: text/csv` with `?mode=`."),
  priority: z.enum(["high", "normal", "low"]).optional(),
  providerPreference: z.string().max(60).optional(),
});
export type BatchBody = z.input<typeof batchBodySchema>;

type RowError = NonNullable<BatchItem["error"]>;

function errorOf(err: unknown): RowError {
  const e = toAppError(err);
  if (!e) {
    logger.error({ err }, "batch row failed unexpectedly");
    return { code: "internal", message: "This row failed on our side; try it again on its own." };
  }
  const issues = Array.isArray(e.details?.issues) ? (e.details.issues as RowError["issues"]) : undefined;
  return { code: e.code, message: e.message, ...(issues ? { issues } : {}) };
}

function splitPlatforms(p: string | string[] | undefined): string[] {
  if (p === undefined) return [];
  if (Array.isArray(p)) return p;
  return p.split(/[\s;|]+/).map((s) => s.trim().toLowerCase()).filter(Boolean);
}

function parseSchedule(s: string | undefined, now: Date): string | null {
  if (s === undefined || s.trim() === "") return null;
  // An offset is required: "09:30" alone would be read in the server's zone, not the user's.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s.trim())) {
    throw new AppError("bad_request", `schedule "${s}" must be ISO 8601 with a zone, like 2026-12-01T09:30:00Z or 2026-12-01T09:30:00+01:00.`, { issues: [{ path: "schedule", message: "Not an ISO 8601 time with a zone." }] });
  }
  const t = new Date(s.trim());
  if (Number.isNaN(t.getTime())) throw new AppError("bad_request", `schedule "${s}" is not a real date.`, { issues: [{ path: "schedule", message: "Not a real date." }] });
  if (t.getTime() < now.getTime()) throw new AppError("bad_request", `schedule ${s} is in the past; pick a later time or leave it empty.`, { issues: [{ path: "schedule", message: "In the past." }] });
  return t.toISOString();
}

/** The manifest's rows as plain objects, from `rows` or `csv`. */
export function manifestRows(body: z.output<typeof batchBodySchema>): unknown[] {
  if (body.rows && body.csv) throw new AppError("bad_request", "Send either `rows` or `csv`, not both.");
  let rows: unknown[];
  if (body.csv !== undefined) {
    try {
      rows = csvRecords(body.csv, CSV_COLUMNS);
    } catch (e) {
      if (e instanceof CsvError) throw new AppError("bad_request", `The CSV could not be read: ${e.message}`);
      throw e;
    }
  } else rows = body.rows ?? [];
  if (!rows.length) throw new AppError("bad_request", "The batch has no rows; send `rows` (JSON) or a CSV with a header line and at least one data line.");
  if (rows.length > MAX_BATCH_ROWS) throw new AppError("bad_request", `The batch has ${rows.length} rows; at most ${MAX_BATCH_ROWS} fit in one batch. Split the manifest.`);
  return rows;
}

interface Prepared {
  row: number;
  title: string | null;
  schedule: string | null;
  input?: Record<string, unknown>;
  holdCents?: number;
  error?: RowError;
}

async function prepareRow(ctx: AuthContext, raw: unknown, row: number, defaults: { priority?: string; providerPreference?: string }, now: Date): Promise<Prepared> {
  const title = raw && typeof raw === "object" && typeof (raw as { title?: unknown }).title === "string" ? (raw as { title: string }).title : null;
  try {
    const r = batchRowSchema.safeParse(raw);
    if (!r.success) throw r.error;
    const x = r.data;
    const schedule = parseSchedule(x.schedule, now);
    const input = {
      title: x.title,
      script: x.script,
      avatarProfileId: x.presenter,
      ...(x.template ? { templateId: x.template } : {}),
      ...(x.aspect ? { aspectRatio: x.aspect.trim().toLowerCase() } : {}),
      targetPlatforms: splitPlatforms(x.platforms),
      ...(defaults.priority ? { priority: defaults.priority } : {}),
      ...(defaults.providerPreference ? { providerPreference: defaults.providerPreference } : {}),
    };
    const v = createVideoSchema.parse(input);
    const avatar = await resolveAvatar(v.avatarProfileId, ctx.workspace.plan, ctx.workspace.id);
    const template = v.templateId ? await resolveTemplate(ctx.workspace.id, v.templateId) : null;
    const aspect = v.aspectRatio ?? template?.aspectRatio ?? "portrait";
    const est = await estimateCandidates(
      ctx.workspace.id,
      { script: v.script, voiceSpeed: v.voiceSpeed ?? template?.voiceSpeed ?? 1, aspectRatio: ASPECT_TO_RATIO[aspect], captions: v.captions ?? template?.captions ?? true, avatar: avatarRef(avatar) },
      v.providerPreference,
      v.allowTextToVideo,
    );
    return { row, title, schedule, input, holdCents: est.minReserveCents };
  } catch (err) {
    return { row, title, schedule: null, error: errorOf(err) };
  }
}

/** Does the sum of the holds fit every cap right now? null if it does, else the refusal. */
async function budgetRefusal(workspaceId: string, holds: number[]): Promise<RowError | null> {
  const total = holds.reduce((a, b) => a + b, 0);
  const s = await budgetStatus(getDb(), workspaceId);
  const dearest = Math.max(0, ...holds);
  if (s.perVideoCents != null && dearest > s.perVideoCents) {
    return { code: "budget_exceeded", message: `A row is estimated at ${formatCents(dearest)}, above the per-video cap of ${formatCents(s.perVideoCents)}; nothing was created. Raise the cap or use per_row mode.` };
  }
  for (const [label, left] of [["daily", s.leftTodayCents], ["monthly", s.leftMonthCents]] as const) {
    if (left != null && total > left) {
      return { code: "budget_exceeded", message: `The batch needs ${formatCents(total)} but the ${label} budget has ${formatCents(left)} left; nothing was created. Remove rows, raise the cap in Settings → Budgets, or use per_row mode.` };
    }
  }
  return null;
}

export interface BatchView {
  id: string;
  mode: BatchMode;
  status: "accepted" | "refused";
  createdCount: number;
  refusedCount: number;
  createdAt: string;
  rows: (BatchItem & { videoStatus?: string; stage?: string | null; progress?: number | null; url?: string })[];
}

export async function viewBatch(workspaceId: string, b: BatchRow): Promise<BatchView> {
  const ids = b.items.flatMap((i) => (i.videoId ? [i.videoId] : []));
  const live = await videoStatuses(getDb(), workspaceId, ids);
  return {
    id: b.id,
    mode: b.mode,
    status: b.status,
    createdCount: b.createdCount,
    refusedCount: b.refusedCount,
    createdAt: b.createdAt.toISOString(),
    rows: b.items.map((i) => {
      const v = i.videoId ? live.get(i.videoId) : undefined;
      return { ...i, ...(v ? { videoStatus: v.status, stage: v.stage, progress: v.progress, url: `/api/v1/videos/${i.videoId}` } : {}) };
    }),
  };
}

function replay(existing: BatchRow, hash: string): BatchRow {
  if (existing.requestHash && existing.requestHash !== hash) {
    throw new AppError("conflict", "This Idempotency-Key was already used for a different batch. Use a new key, or resend the original manifest unchanged.", { batchId: existing.id });
  }
  return existing;
}

export interface BatchResult {
  batch: BatchView;
  created: boolean;
}

export async function createBatch(ctx: AuthContext, bodyIn: unknown, opts: { idempotencyKey?: string | null; now?: Date } = {}): Promise<BatchResult> {
  const body = batchBodySchema.parse(bodyIn);
  const ws = ctx.workspace.id;
  const hash = requestHash(body);
  const key = opts.idempotencyKey ?? null;
  if (key) {
    const existing = await findBatchByKey(getDb(), ws, key);
    if (existing) return { batch: await viewBatch(ws, replay(existing, hash)), created: false };
  }
  const raws = manifestRows(body);
  const now = opts.now ?? new Date();
  const prepared: Prepared[] = [];
  // One row at a time: the estimates read provider settings; 100 rows in parallel would hold
  // as many pool connections for nothing.
  for (let i = 0; i < raws.length; i++) prepared.push(await prepareRow(ctx, raws[i], i + 1, body, now));

  const rowKeyBase = key ? `batch:${key}` : `batch:${crypto.randomUUID()}`;
  const items: BatchItem[] = [];
  const invalid = prepared.filter((p) => p.error);
  let refusal: RowError | null = null;
  if (body.mode === "atomic") {
    if (invalid.length) {
      refusal = { code: "bad_request", message: `${invalid.length} of ${prepared.length} rows are invalid (rows ${invalid.map((p) => p.row).join(", ")}); nothing was created. Fix them and send the batch again.` };
    } else {
      refusal = await budgetRefusal(ws, prepared.map((p) => p.holdCents ?? 0));
    }
  }

  if (refusal) {
    for (const p of prepared) items.push({ row: p.row, title: p.title, status: "refused", schedule: p.schedule, error: p.error ?? { code: "batch_refused", message: refusal.message } });
  } else {
    for (const p of prepared) {
      if (p.error || !p.input) {
        items.push({ row: p.row, title: p.title, status: "refused", schedule: p.schedule, error: p.error });
        continue;
      }
      try {
        const { video } = await createVideo(ctx, { ...p.input, idempotencyKey: `${rowKeyBase}:${p.row}` });
        items.push({ row: p.row, title: p.title, status: "created", videoId: video.id, schedule: p.schedule });
      } catch (err) {
        items.push({ row: p.row, title: p.title, status: "refused", schedule: p.schedule, error: errorOf(err) });
        if (body.mode === "atomic") {
          // A concurrent spend took the room after the check: undo what this batch made.
          refusal = { code: isAppError(err) ? err.code : "internal", message: `Row ${p.row} could not be created (${errorOf(err).message}); the rows already created were cancelled and their budget released.` };
          for (const done of items.filter((i) => i.status === "created")) {
            await requestCancel(ws, done.videoId!);
            done.status = "refused";
            done.error = { code: "batch_refused", message: refusal.message };
          }
          for (const rest of prepared.filter((q) => q.row > p.row)) items.push({ row: rest.row, title: rest.title, status: "refused", schedule: rest.schedule, error: { code: "batch_refused", message: refusal.message } });
          break;
        }
      }
    }
  }

  const createdCount = items.filter((i) => i.status === "created").length;
  let row: BatchRow;
  try {
    row = await insertBatch(getDb(), ws, {
      createdBy: ctx.user.id, mode: body.mode, status: createdCount ? "accepted" : "refused",
      createdCount, refusedCount: items.length - createdCount, items, idempotencyKey: key, requestHash: key ? hash : null,
    });
  } catch (err) {
    // The same key raced in twice: the rows' keys made the videos once; answer the winner.
    const existing = key ? await findBatchByKey(getDb(), ws, key) : null;
    if (existing) return { batch: await viewBatch(ws, replay(existing, hash)), created: false };
    throw err;
  }
  const view = await viewBatch(ws, row);
  if (!createdCount) {
    const allBudget = items.every((i) => i.error?.code === "budget_exceeded" || (refusal?.code === "budget_exceeded" && i.error?.code === "batch_refused"));
    throw new AppError(allBudget ? "budget_exceeded" : "bad_request", refusal?.message ?? "No row of the batch could be created; each row's error says why.", { batchId: row.id, rows: view.rows });
  }
  return { batch: view, created: true };
}

export async function getBatch(ctx: AuthContext, id: string): Promise<BatchView> {
  const b = await findBatch(getDb(), ctx.workspace.id, id);
  if (!b) throw new AppError("not_found", "Batch not found.");
  return viewBatch(ctx.workspace.id, b);
}

/** Summaries (no per-row live status: that is one query per batch; GET /batches/:id has it). */
export async function listWorkspaceBatches(ctx: AuthContext) {
  const rows = await listBatches(getDb(), ctx.workspace.id);
  return rows.map((b) => ({ id: b.id, mode: b.mode, status: b.status, createdCount: b.createdCount, refusedCount: b.refusedCount, createdAt: b.createdAt.toISOString() }));
}
