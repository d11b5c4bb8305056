/**
 * Batch create through the real route handlers on real PostgreSQL (issue 16).
 *
 * Mutations tried (each made a test here fail):
 * - batch.ts createBatch: the atomic `budgetRefusal(...)` call replaced by `refusal = null` →
 *   "atomic: refuses the whole batch" fails: 19 videos exist (row 20 hit the cap, the batch
 *   compensated by cancelling) where none may be created.
 * - batch.ts: the row idempotency key `${rowKeyBase}:${p.row}` → `${rowKeyBase}` → the 20-row
 *   batch makes 1 video, not 18 (every row replays the first).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, videoGenerations } from "@/db/schema";
import type { AuthContext } from "@/lib/auth/context";
import { updateCaps } from "@/lib/budget";
import { call, keyFor } from "@/lib/http/test-helpers";
import { newWorkspace } from "@/lib/testing/fixtures";
import { estimateCandidates } from "@/lib/videos/estimate";
import { resolveAvatar } from "@/lib/videos/catalog";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { avatarRef } from "@/lib/videos/request";
import * as batches from "@/app/api/v1/batches/route";
import * as batchById from "@/app/api/v1/batches/[id]/route";
import { parseCsv } from "./csv";

const SCRIPT = "Three habits of remote teams that ship. Write it down, decide in the open, demo weekly.";
const row = (n: number, extra: Record<string, unknown> = {}) => ({ script: `${SCRIPT} Part ${n}.`, title: `Habit ${n}`, presenter: "sarah", aspect: "portrait", platforms: "tiktok;youtube_shorts", ...extra });

/**
 * A workspace that tries HeyGen first (7 ¢/s by default), so videos hold money. Creating only
 * reserves and enqueues; nothing here talks to HeyGen.
 */
async function paidWorkspace(): Promise<AuthContext> {
  const c = await newWorkspace({ plan: "pro" });
  await saveProviderSettings(c, "heygen", { enabled: true, priority: 10, apiKey: "test-key-not-used" });
  await saveProviderSettings(c, "local", { enabled: true, priority: 50 });
  return c;
}

async function holdOf(ctx: AuthContext, n: number): Promise<number> {
  const avatar = await resolveAvatar("sarah", ctx.workspace.plan, ctx.workspace.id);
  const e = await estimateCandidates(ctx.workspace.id, { script: `${SCRIPT} Part ${n}.`, voiceSpeed: 1, aspectRatio: "9:16", captions: true, avatar: avatarRef(avatar) });
  return e.minReserveCents;
}

async function videosOf(ws: string) {
  return getDb().select().from(videoGenerations).where(eq(videoGenerations.workspaceId, ws));
}

describe("POST /api/v1/batches", () => {
  let ctx: AuthContext;
  let key: string;
  beforeAll(async () => {
    ctx = await newWorkspace();
    key = await keyFor(ctx);
  });

  it("per_row: 20 rows, 2 refused (unknown presenter, empty script) are reported by row; 18 videos made; GET follows them", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1));
    rows[4] = row(5, { presenter: "nobody-here" });
    rows[11] = row(12, { script: "   " });
    const r = await call(batches.POST, "/batches", { key, body: { mode: "per_row", rows } });
    expect(r.status).toBe(201);
    expect(r.json.createdCount).toBe(18);
    expect(r.json.refusedCount).toBe(2);
    const refused = r.json.rows.filter((x: { status: string }) => x.status === "refused");
    expect(refused.map((x: { row: number }) => x.row)).toEqual([5, 12]);
    expect(refused[0].error.message).toMatch(/Unknown presenter "nobody-here"/);
    expect(refused[1].error.code).toBe("bad_request");
    expect(refused[1].error.issues[0].path).toMatch(/script/);
    const created = r.json.rows.filter((x: { status: string }) => x.status === "created");
    expect(new Set(created.map((x: { videoId: string }) => x.videoId)).size).toBe(18);
    expect((await videosOf(ctx.workspace.id)).length).toBe(18);

    const g = await call(batchById.GET, `/batches/${r.json.id}`, { key, params: { id: r.json.id } });
    expect(g.status).toBe(200);
    expect(g.json.rows[0]).toMatchObject({ row: 1, status: "created", videoStatus: "queued", url: `/api/v1/videos/${created[0].videoId}` });
    expect(g.json.rows[4]).toMatchObject({ row: 5, status: "refused" });
    // Another workspace's batch id (or a malformed one) is 404.
    const other = await newWorkspace();
    expect((await call(batchById.GET, `/batches/${r.json.id}`, { key: await keyFor(other), params: { id: r.json.id } })).status).toBe(404);
    expect((await call(batchById.GET, "/batches/nope", { key, params: { id: "nope" } })).status).toBe(404);
  });

  it("per_row: the budget refuses the rows it cannot cover, one by one", async () => {
    const c = await paidWorkspace();
    const k = await keyFor(c);
    const holds = await Promise.all([1, 2, 3, 4].map((n) => holdOf(c, n)));
    expect(holds[0]).toBeGreaterThan(0);
    // Room for the first two rows only.
    await updateCaps(c.workspace.id, { perVideoCents: null, dailyCents: holds[0] + holds[1], monthlyCents: null });
    const r = await call(batches.POST, "/batches", { key: k, body: { rows: [1, 2, 3, 4].map((n) => row(n)) } });
    expect(r.status).toBe(201);
    expect(r.json.rows.map((x: { status: string }) => x.status)).toEqual(["created", "created", "refused", "refused"]);
    expect(r.json.rows[2].error.code).toBe("budget_exceeded");
  });

  it("atomic: refuses the whole batch when the budget cannot cover every row; nothing is created or held", async () => {
    const c = await paidWorkspace();
    const k = await keyFor(c);
    const holds = await Promise.all(Array.from({ length: 20 }, (_, i) => holdOf(c, i + 1)));
    const total = holds.reduce((a, b) => a + b, 0);
    await updateCaps(c.workspace.id, { perVideoCents: null, dailyCents: total - 1, monthlyCents: null });
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1));
    const r = await call(batches.POST, "/batches", { key: k, body: { mode: "atomic", rows } });
    expect(r.status).toBe(402);
    expect(r.json.error.code).toBe("budget_exceeded");
    expect(r.json.error.rows).toHaveLength(20);
    expect(r.json.error.rows.every((x: { status: string }) => x.status === "refused")).toBe(true);
    expect(await videosOf(c.workspace.id)).toHaveLength(0);
    expect(await getDb().select().from(costLedger).where(eq(costLedger.workspaceId, c.workspace.id))).toHaveLength(0);
    // The refused batch can still be read.
    const g = await call(batchById.GET, `/batches/${r.json.error.batchId}`, { key: k, params: { id: r.json.error.batchId } });
    expect(g.json).toMatchObject({ status: "refused", createdCount: 0, refusedCount: 20 });

    // With one cent more the same batch goes through whole.
    await updateCaps(c.workspace.id, { perVideoCents: null, dailyCents: total, monthlyCents: null });
    const ok = await call(batches.POST, "/batches", { key: k, body: { mode: "atomic", rows } });
    expect(ok.status).toBe(201);
    expect(ok.json.createdCount).toBe(20);
  });

  it("atomic: one invalid row refuses the batch before anything is created", async () => {
    const c = await newWorkspace();
    const k = await keyFor(c);
    const r = await call(batches.POST, "/batches", { key: k, body: { mode: "atomic", rows: [row(1), row(2, { presenter: "ghost" }), row(3)] } });
    expect(r.status).toBe(400);
    expect(r.json.error.rows[1].error.message).toMatch(/ghost/);
    expect(r.json.error.rows[0].error.code).toBe("batch_refused");
    expect(await videosOf(c.workspace.id)).toHaveLength(0);
  });

  it("CSV body (text/csv, ?mode=) with quotes and newlines; Idempotency-Key replays the batch and refuses another body", async () => {
    const c = await newWorkspace();
    const k = await keyFor(c);
    const csv = 'title,script,presenter,aspect,platforms,schedule\r\n"Quotes, ""really""","Line one.\nLine two, with a comma.",sarah,landscape,youtube,2099-01-01T09:30:00Z\r\nSecond,Just one line.,mike,,,\r\n';
    const send = (body: string) => call(batches.POST, "/batches", { key: k, rawBody: body, query: "mode=atomic", headers: { "content-type": "text/csv", "idempotency-key": "csv-1" } });
    const r = await send(csv);
    expect(r.status).toBe(201);
    expect(r.json.mode).toBe("atomic");
    expect(r.json.rows[0]).toMatchObject({ title: 'Quotes, "really"', status: "created", schedule: "2099-01-01T09:30:00.000Z" });
    const first = (await videosOf(c.workspace.id)).find((x) => x.scriptTitle === 'Quotes, "really"')!;
    expect(first.scriptContent).toBe("Line one.\nLine two, with a comma.");
    expect(first.aspectRatio).toBe("landscape");
    expect(first.targetPlatforms).toEqual(["youtube"]);

    const again = await send(csv);
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(r.json.id);
    expect(await videosOf(c.workspace.id)).toHaveLength(2);
    const other = await send(csv.replace("Just one line.", "Another line."));
    expect(other.status).toBe(409);
  });

  it("bad manifests answer 400 saying what to do", async () => {
    const tooMany = await call(batches.POST, "/batches", { key, body: { rows: Array.from({ length: 101 }, (_, i) => row(i)) } });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toMatch(/at most 100/);
    const badCol = await call(batches.POST, "/batches", { key, body: { csv: "script,colour\nx,y\n" } });
    expect(badCol.status).toBe(400);
    expect(badCol.json.error.message).toMatch(/Unknown column "colour"/);
    const past = await call(batches.POST, "/batches", { key, body: { rows: [row(1, { schedule: "2001-01-01T00:00:00Z" })] } });
    expect(past.status).toBe(400);
    expect(past.json.error.rows[0].error.message).toMatch(/in the past/);
  });

  it("parses RFC 4180 quoting", () => {
    expect(parseCsv('a,"b ""c""",d\n"x\ny",,z')).toEqual([["a", 'b "c"', "d"], ["x\ny", "", "z"]]);
  });
});
