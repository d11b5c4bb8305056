/**
 * `npm run chaos`: the reliability suite of issue 11, against a real PostgreSQL (a throwaway
 * cluster started here; needs /usr/lib/postgresql/<v>/bin). It runs real worker processes
 * (`npm run worker`, i.e. tsx lib/jobs/worker-main.ts), a HeyGen fake speaking the v3 protocol,
 * and this process as the "web" side (creates and lists through the same lib/ services as the
 * API routes). While videos are in flight it:
 *   - sends CHAOS_CREATES concurrent creates against a daily budget that fits CHAOS_FIT videos;
 *   - SIGKILLs a worker (and starts a new one) whenever a video is at a stage not yet hit,
 *     rotating through submitting, rendering (fake), local rendering, processing and webhook
 *     delivery, up to CHAOS_KILLS kills;
 *   - restarts PostgreSQL under load, then takes it down for CHAOS_OUTAGE_S seconds while
 *     requests keep coming, counting the requests that fail during and after the outage;
 *   - runs a second web process (bench/chaos/web.ts: socket.io + LISTEN, as `WORKER=off`
 *     server.ts) with a socket.io client of the paid workspace connected to it, and counts the
 *     live status events it sees for videos created here (web process A) and worked by the
 *     separate workers — before and after the outage.
 * Workers that exit on their own (not killed here) are logged with their last stderr lines and
 * restarted, as a process manager would; the count is printed (a worker should not die).
 * At the end it prints: created / completed once / double-charged / lost / stuck, the ledger
 * balance, kills per stage, and the requests failed during and after the outage.
 * Scale with env: CHAOS_CREATES (200), CHAOS_FIT (10), CHAOS_LOCAL (3), CHAOS_KILLS (20),
 * CHAOS_OUTAGE_S (15), CHAOS_WORKERS (2), CHAOS_DEADLINE_S (900), CHAOS_POLLS (20: HeyGen
 * status polls before done), CHAOS_EXTRA (60: most extra videos fed to a third workspace).
 *
 * So that every kill lands (H11 s20: run5 finished its 13 videos after 5 kills), the stages
 * last long enough to be seen — HeyGen answers a submit 1.5 s late and renders for
 * CHAOS_POLLS polls, the webhook receiver answers after 1.5 s — and while kills remain, a third
 * workspace with room in its budget is fed new paid (and, when none is rendering, local)
 * videos. Each kill goes to the visible stage with the fewest kills so far, and to the worker
 * that holds the lease of a video at that stage (its pid is in the lease owner), not blindly.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { io as connectSocket } from "socket.io-client";
import { encode } from "next-auth/jwt";
import { startPgCluster } from "@/lib/testing/pg-cluster";

const N = (k: string, d: number) => Number(process.env[k] ?? d);
const CREATES = N("CHAOS_CREATES", 200);
const FIT = N("CHAOS_FIT", 10);
const LOCAL = N("CHAOS_LOCAL", 3);
const MAX_KILLS = N("CHAOS_KILLS", 20);
const OUTAGE_S = N("CHAOS_OUTAGE_S", 15);
const WORKERS = N("CHAOS_WORKERS", 2);
const DEADLINE_S = N("CHAOS_DEADLINE_S", 900);
const POLLS = N("CHAOS_POLLS", 20);
const EXTRA = N("CHAOS_EXTRA", 60);
const LATE_MS = 1500; // HeyGen submit answer and webhook receiver answer delays
const PRICE = 100; // cents per HeyGen video (flat cost model), so the cap fits exactly FIT videos

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (...a: unknown[]) => console.log(`[chaos ${new Date().toISOString().slice(11, 19)}]`, ...a);

async function main() {
  const cluster = await startPgCluster();
  const admin = postgres(cluster.url, { max: 1, onnotice: () => {} });
  await admin`create database avs_chaos`;
  await admin.end();
  const url = cluster.url.replace(/\/postgres$/, "/avs_chaos");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "avs-chaos-"));
  Object.assign(process.env, {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    APP_SECRET: process.env.APP_SECRET ?? "chaos-secret-chaos-secret-chaos-secret-0123456789",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    VIDEO_LEASE_SECONDS: "5",
    PROVIDER_POLL_INTERVAL_MS: "300",
    WORKER_CONCURRENCY: "4",
    WORKSPACE_CONCURRENCY: "8",
    EGRESS_ALLOW_PRIVATE: "true",
    DB_CONNECT_TIMEOUT_SECONDS: "2",
  });

  const { runMigrations } = await import("@/db/migrate");
  const { seedDefaults } = await import("@/db/seed");
  const { getDb, getSql, isDbUnavailable } = await import("@/db/client");
  const { createJobQueues } = await import("@/lib/jobs/queues");
  await runMigrations(url);
  await seedDefaults(getDb());
  await createJobQueues(url);
  const schema = await import("@/db/schema");
  const { eq, sql: dsql } = await import("drizzle-orm");
  const { newWorkspace } = await import("@/lib/testing/fixtures");
  const { saveProviderSettings } = await import("@/lib/providers/workspace");
  const { updateCaps } = await import("@/lib/budget");
  const { createVideo } = await import("@/lib/videos/create");
  const { listWorkspaceVideos } = await import("@/lib/videos/library");
  const { createEndpoint } = await import("@/lib/webhooks");
  const { startHeygenFake } = await import("@/e2e/fakes/providers");

  // Webhook receiver (the "webhook delivery" stage), answers 204.
  let hooksReceived = 0;
  const receiver = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hooksReceived += 1;
      // Late, so a delivery is seen pending (and a worker can be killed while it sends).
      setTimeout(() => res.writeHead(204).end(), LATE_MS);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const fake = await startHeygenFake();
  fake.setMode({ pollsBeforeDone: POLLS, submitDelayMs: LATE_MS });

  const paid = await newWorkspace({ plan: "pro" });
  await saveProviderSettings(paid, "local", { enabled: false });
  await saveProviderSettings(paid, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl, costModel: { centsPerUnit: PRICE, unitName: "video", unitsPerSecond: 0, minUnits: 1 } });
  await updateCaps(paid.workspace.id, { perVideoCents: null, dailyCents: PRICE * FIT, monthlyCents: null });
  await createEndpoint(paid, { url: hookUrl, events: ["video.completed", "video.failed"] }, { policy: { allowPrivate: true, allowHosts: [] } });
  const free = await newWorkspace();
  // Feeds the stages while kills remain: paid videos with room in the budget (not part of
  // the 200-vs-10 budget check, which is the `paid` workspace's alone).
  const load = await newWorkspace({ plan: "pro" });
  await saveProviderSettings(load, "local", { enabled: false });
  await saveProviderSettings(load, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl, costModel: { centsPerUnit: PRICE, unitName: "video", unitsPerSecond: 0, minUnits: 1 } });
  await updateCaps(load.workspace.id, { perVideoCents: null, dailyCents: PRICE * (EXTRA + 10), monthlyCents: null });
  await createEndpoint(load, { url: hookUrl, events: ["video.completed", "video.failed"] }, { policy: { allowPrivate: true, allowHosts: [] } });

  // ---- workers
  const workers: ChildProcess[] = [];
  const killedByUs = new WeakSet<ChildProcess>();
  let workerCrashes = 0;
  const logDir = process.env.CHAOS_LOG_DIR ?? dataDir;
  fs.mkdirSync(logDir, { recursive: true });
  let workerSeq = 0;
  const startWorker = (): ChildProcess => {
    const n = ++workerSeq;
    const c = spawn(process.execPath, ["--import", "tsx", "lib/jobs/worker-main.ts"], { env: { ...process.env, NODE_ENV: "production" }, stdio: ["ignore", "ignore", "pipe"] });
    const errLog = fs.createWriteStream(path.join(logDir, `worker-${n}.stderr.log`));
    let tail = "";
    c.stderr?.on("data", (d: Buffer) => {
      errLog.write(d);
      tail = (tail + d.toString()).slice(-600);
    });
    c.on("exit", (code, signal) => {
      errLog.end();
      if (killedByUs.has(c) || stopping) return;
      workerCrashes += 1;
      log(`worker #${n} exited on its own (code ${code}, signal ${signal}); last stderr: ${tail.replace(/\s+/g, " ").slice(-300)}`);
      const i = workers.indexOf(c);
      if (i >= 0) workers[i] = startWorker();
    });
    return c;
  };
  let stopping = false;
  for (let i = 0; i < WORKERS; i++) workers.push(startWorker());

  // ---- web process B (live status) with a socket.io client of the paid workspace
  const webB = spawn(process.execPath, ["--import", "tsx", "bench/chaos/web.ts"], { env: { ...process.env, WORKER: "off" }, stdio: ["ignore", "pipe", "pipe"] });
  webB.stderr?.on("data", () => undefined);
  const webBPort = await new Promise<number>((resolve, reject) => {
    let out = "";
    webB.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /port=(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    webB.once("exit", (code) => reject(new Error(`web process B exited (${code}) before listening`)));
  });
  const token = await encode({ token: { uid: paid.user.id, sub: paid.user.id }, secret: process.env.APP_SECRET! });
  const socket = connectSocket(`http://127.0.0.1:${webBPort}`, { path: "/socket.io", transports: ["websocket"], extraHeaders: { cookie: `next-auth.session-token=${token}` } });
  await new Promise<void>((resolve, reject) => {
    socket.once("connect", () => resolve());
    socket.once("connect_error", (e) => reject(e));
  });
  const liveStatus = new Map<string, string>();
  let liveEvents = 0;
  let liveEventsAfterOutage = 0;
  let outageOver = false;
  socket.on("video.updated", (e: { videoId: string; status: string }) => {
    liveEvents += 1;
    if (outageOver) liveEventsAfterOutage += 1;
    liveStatus.set(e.videoId, e.status);
  });
  log(`web process B on port ${webBPort}; a socket.io client of the paid workspace is connected to it`);

  // ---- 200 concurrent creates vs a budget for 10
  log(`creating ${CREATES} paid videos concurrently (budget fits ${FIT}) and ${LOCAL} local ones`);
  const results = await Promise.allSettled(
    Array.from({ length: CREATES }, (_, i) => createVideo(paid, { title: `Chaos ${i}`, script: "Chaos engineering keeps promises honest. Kill it and see.", avatarProfileId: "sarah", allowTextToVideo: false })),
  );
  const accepted = results.filter((r) => r.status === "fulfilled").map((r) => (r as PromiseFulfilledResult<{ video: { id: string } }>).value.video.id);
  const refusedOther = results.filter((r) => r.status === "rejected" && (r.reason as { code?: string }).code !== "budget_exceeded");
  const localIds: string[] = [];
  for (let i = 0; i < LOCAL; i++) localIds.push((await createVideo(free, { title: `Local ${i}`, script: "A short local render, interrupted on purpose.", avatarProfileId: "sarah", providerPreference: "only:local" })).video.id);
  const created = [...accepted, ...localIds];
  const extraPaid: string[] = [];
  log(`accepted ${accepted.length} paid (refused for budget: ${CREATES - accepted.length - refusedOther.length}, other errors: ${refusedOther.length}), ${localIds.length} local`);

  // ---- kills spread over the stages
  const kills: Record<string, number> = {};
  const stages = ["submitting", "rendering", "local", "processing", "webhook"] as const;
  let k = 0;
  let lastKillAt = 0;
  /** null: no video is at the stage now; otherwise the lease owners (`<pid>-…:<run>`) there. */
  const atStage = async (s: (typeof stages)[number]): Promise<string[] | null> => {
    const sql = getSql();
    if (s === "webhook") return Number((await sql`select count(*)::int as n from webhook_deliveries where status = 'pending'`)[0].n) > 0 ? [] : null;
    const rows =
      s === "local"
        ? await sql`select lease_owner from video_generations where status in ('submitting','rendering') and provider = 'local'`
        : await sql`select lease_owner from video_generations where status = ${s} and coalesce(provider,'') <> 'local'`;
    return rows.length ? rows.map((r) => String(r.lease_owner ?? "")).filter(Boolean) : null;
  };
  const workerFor = (owners: string[]): number => {
    for (const o of owners) {
      const pid = Number(/^(\d+)-/.exec(o)?.[1]);
      const i = workers.findIndex((w) => w.pid === pid);
      if (i >= 0) return i;
    }
    return k % workers.length;
  };
  let extraLocal = 0;
  /** While kills remain, keep a few videos in flight (a third workspace; local when none runs). */
  const feed = async () => {
    if (k >= MAX_KILLS || extraPaid.length >= EXTRA) return;
    const sql = getSql();
    const inFlight = Number((await sql`select count(*)::int as n from video_generations where status not in ('completed','failed','timeout','cancelled')`)[0].n);
    if (inFlight < 6) {
      for (let i = 0; i < 3; i++) {
        const id = (await createVideo(load, { title: `Load ${extraPaid.length}`, script: "More videos so every kill lands on a stage.", avatarProfileId: "sarah", allowTextToVideo: false })).video.id;
        extraPaid.push(id);
        created.push(id);
      }
    }
    const localNow = Number((await sql`select count(*)::int as n from video_generations where provider = 'local' and status not in ('completed','failed','timeout','cancelled')`)[0].n);
    const localQueued = Number((await sql`select count(*)::int as n from video_generations where workspace_id = ${free.workspace.id} and status = 'queued'`)[0].n);
    if (localNow === 0 && localQueued === 0 && (kills.local ?? 0) < Math.ceil(MAX_KILLS / stages.length) && extraLocal < 6) {
      extraLocal += 1;
      const id = (await createVideo(free, { title: `Local extra ${extraLocal}`, script: "A short local render, interrupted on purpose.", avatarProfileId: "sarah", providerPreference: "only:local" })).video.id;
      localIds.push(id);
      created.push(id);
    }
  };
  let outageDone = false;
  let restartDone = false;
  let failedDuring = 0;
  let failedAfter = 0;
  let requestsDuring = 0;
  let requestsAfter = 0;
  let maxRequestMs = 0;
  let maxDuringMs = 0;
  const probe = async (): Promise<boolean> => {
    const t0 = Date.now();
    try {
      await listWorkspaceVideos(paid, {});
      return true;
    } catch (e) {
      if (!isDbUnavailable(e)) log("non-outage error:", (e as Error).message);
      return false;
    } finally {
      maxRequestMs = Math.max(maxRequestMs, Date.now() - t0);
    }
  };

  const started = Date.now();
  const initialCount = created.length; // the restart and the outage come at fixed points of the first batch
  const finalCount = async () => Number((await getSql()`select count(*)::int as n from video_generations where status in ('completed','failed','timeout','cancelled')`)[0].n);
  for (;;) {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed > DEADLINE_S) break;
    let done: number;
    try {
      done = await finalCount();
    } catch {
      await sleep(1000);
      continue;
    }
    const pendingHooks = Number((await getSql()`select count(*)::int as n from webhook_deliveries where status = 'pending'`)[0].n);
    if (done >= created.length && pendingHooks === 0 && outageDone) break;

    if (k < MAX_KILLS && Date.now() - lastKillAt > 3000) {
      // The visible stage with the fewest kills so far (rotation order breaks ties).
      const order = [...stages].sort((a, b) => (kills[a] ?? 0) - (kills[b] ?? 0) || ((stages.indexOf(a) - k + 50) % 5) - ((stages.indexOf(b) - k + 50) % 5));
      // Each stage gets its share first (run1 of s20 spent all 20 on submitting/rendering, the
      // stages that are always there); after 5 minutes a stage that never showed up gives its
      // share to the others, so every kill still lands.
      const share = elapsed > 300 ? Infinity : Math.ceil(MAX_KILLS / stages.length);
      for (const s of order) {
        if ((kills[s] ?? 0) >= share) continue;
        const owners = await atStage(s).catch(() => null);
        if (!owners) continue;
        const i = workerFor(owners);
        killedByUs.add(workers[i]);
        workers[i].kill("SIGKILL");
        workers[i] = startWorker();
        kills[s] = (kills[s] ?? 0) + 1;
        k += 1;
        lastKillAt = Date.now();
        log(`kill -9 #${k} at stage ${s}${owners.length ? " (the worker holding a lease there)" : ""}`);
        break;
      }
    }
    await feed().catch((e) => log("feed:", (e as Error).message));
    if (!restartDone && done >= Math.floor(initialCount / 3)) {
      log("PostgreSQL restart under load");
      cluster.stopServer("fast");
      cluster.startServer();
      restartDone = true;
    } else if (restartDone && !outageDone && done >= Math.floor(initialCount / 2)) {
      log(`PostgreSQL outage for ${OUTAGE_S} s`);
      cluster.stopServer("fast");
      const end = Date.now() + OUTAGE_S * 1000;
      while (Date.now() < end) {
        requestsDuring += 1;
        const t0 = Date.now();
        if (!(await probe())) failedDuring += 1;
        maxDuringMs = Math.max(maxDuringMs, Date.now() - t0);
        await sleep(500);
      }
      cluster.startServer();
      // Requests after recovery (the first seconds included).
      for (let i = 0; i < 20; i++) {
        requestsAfter += 1;
        if (!(await probe())) failedAfter += 1;
        await sleep(250);
      }
      outageDone = true;
      outageOver = true;
      log(`outage over: ${failedDuring}/${requestsDuring} failed during (slowest ${maxRequestMs} ms), ${failedAfter}/${requestsAfter} after`);
    }
    await sleep(k < MAX_KILLS ? 500 : 1000);
  }

  // ---- the verdict
  const db = getDb();
  const vids = await db.select().from(schema.videoGenerations);
  const ledger = await db.select().from(schema.costLedger);
  const attempts = await db.select().from(schema.generationAttempts);
  const byVideo = new Map<string, typeof ledger>();
  for (const l of ledger) if (l.videoId) byVideo.set(l.videoId, [...(byVideo.get(l.videoId) ?? []), l]);
  const ids = new Set(vids.map((v) => v.id));
  const lost = created.filter((id) => !ids.has(id)).length;
  const stuck = vids.filter((v) => !["completed", "failed", "timeout", "cancelled"].includes(v.status)).length;
  let completedOnce = 0;
  let doubleCharged = 0;
  let ledgerMismatch = 0;
  for (const v of vids) {
    const rows = byVideo.get(v.id) ?? [];
    const charges = rows.filter((r) => r.kind === "charge");
    const succeeded = attempts.filter((a) => a.videoId === v.id && a.outcome === "succeeded");
    const paidAttempts = succeeded.filter((a) => a.costCents > 0);
    if (charges.length > paidAttempts.length || charges.reduce((s, r) => s + r.amountCents, 0) > paidAttempts.reduce((s, a) => s + a.costCents, 0)) doubleCharged += 1;
    if (v.status === "completed" && succeeded.length >= 1) completedOnce += 1;
    const held = rows.filter((r) => r.kind === "reserve").reduce((s, r) => s + r.amountCents, 0);
    const released = rows.filter((r) => r.kind === "release").reduce((s, r) => s + r.amountCents, 0);
    const charged = charges.reduce((s, r) => s + r.amountCents, 0);
    // A final video holds nothing any more: what it commits is exactly its charges.
    if (held - released !== 0 || (v.status === "completed" && charged !== v.costCents)) ledgerMismatch += 1;
  }
  const committed = Number((await db.select({ n: dsql<number>`coalesce(sum(case kind when 'release' then -amount_cents else amount_cents end),0)::int` }).from(schema.costLedger).where(eq(schema.costLedger.workspaceId, paid.workspace.id)))[0].n);
  const chargedTotal = ledger.filter((l) => l.kind === "charge").reduce((s, l) => s + l.amountCents, 0);
  const hookRows = await db.select().from(schema.webhookDeliveries);
  const submitPosts = fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos");
  const upstreamSubmits = submitPosts.length;
  // A replay under the same Idempotency-Key is no new job (HeyGen v3); a new key is a new PAID job.
  const paidJobs = new Set(submitPosts.map((r) => String(r.headers["idempotency-key"] ?? `no-key-${r.at}`))).size;
  // Issue 11 (H11b) invariants, flagged rather than only printed:
  // per workspace, committed charges ≤ cap; per video, more than one charged attempt only when
  // its hold covered them all; paid jobs upstream ≤ paid videos.
  const paidCharges = ledger.filter((l) => l.workspaceId === paid.workspace.id && l.kind === "charge").reduce((s, l) => s + l.amountCents, 0);
  const overCap = paidCharges > PRICE * FIT || committed > PRICE * FIT;
  let multiCharged = 0;
  for (const v of vids) {
    const rows = byVideo.get(v.id) ?? [];
    const charged = rows.filter((r) => r.kind === "charge" && r.amountCents > 0);
    const held = rows.filter((r) => r.kind === "reserve").reduce((s, r) => s + r.amountCents, 0);
    if (charged.length > 1 && charged.reduce((s, r) => s + r.amountCents, 0) > held) multiCharged += 1;
  }
  const paidVideos = accepted.length + extraPaid.length;
  const tooManyJobs = paidJobs > paidVideos;

  for (const v of vids.filter((x) => !["completed", "failed", "timeout", "cancelled"].includes(x.status))) {
    log(`stuck: ${v.id} ${v.status} provider=${v.provider ?? "-"} stage="${v.stage}" updated=${v.updatedAt.toISOString()} lease=${v.leaseUntil?.toISOString() ?? "-"}`);
  }
  console.log("\n==== chaos result ====");
  // Every video that is not "completed once" is named, so a run explains its own numbers.
  const byStatus = new Map<string, number>();
  for (const v of vids) byStatus.set(v.status, (byStatus.get(v.status) ?? 0) + 1);
  for (const v of vids) {
    const va = attempts.filter((a) => a.videoId === v.id);
    if (v.status === "completed" && va.some((a) => a.outcome === "succeeded")) continue;
    log(`not completed once: ${v.id} ${v.status} paid=${v.workspaceId === paid.workspace.id} provider=${v.provider ?? "-"} error="${(v.error ?? "").slice(0, 160)}" attempts=${va.map((a) => `${a.attemptNumber}:${a.provider}:${a.outcome}`).join(",")}`);
  }
  console.log(`creates sent ${CREATES} vs budget for ${FIT}: accepted ${accepted.length}, refused ${CREATES - accepted.length}`);
  console.log(`statuses: ${[...byStatus].map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`videos created ${created.length} | completed once ${completedOnce} | failed ${vids.filter((v) => v.status === "failed" || v.status === "timeout").length} | double-charged ${doubleCharged} | lost ${lost} | stuck ${stuck}`);
  console.log(`ledger: paid workspace committed ${committed} ¢ (cap ${PRICE * FIT} ¢), charges ${chargedTotal} ¢, videos whose hold/charge do not balance: ${ledgerMismatch}`);
  console.log(`extra videos fed while kills remained: ${extraPaid.length} paid (third workspace), ${extraLocal} local`);
  console.log(`HeyGen submissions upstream: ${upstreamSubmits} for ${paidVideos} paid videos`);
  console.log(`${overCap ? "FLAG " : ""}cap: paid workspace charges ${paidCharges} ¢, committed ${committed} ¢ vs cap ${PRICE * FIT} ¢ → ${overCap ? "OVER THE CAP" : "within"}`);
  console.log(`${multiCharged ? "FLAG " : ""}videos with more than one charged attempt beyond their hold: ${multiCharged}`);
  console.log(`${tooManyJobs ? "FLAG " : ""}HeyGen paid jobs upstream (distinct Idempotency-Keys): ${paidJobs} for ${paidVideos} paid videos${tooManyJobs ? " → A SECOND PAID JOB WAS MADE" : ""}`);
  console.log(`kill -9 of workers: ${Object.values(kills).reduce((a, b) => a + b, 0)} (${Object.entries(kills).map(([s, n]) => `${s} ${n}`).join(", ")})`);
  console.log(`PostgreSQL: restart under load ${restartDone ? "done" : "not reached"}; ${OUTAGE_S} s outage: ${failedDuring}/${requestsDuring} requests failed during (fast-fail: slowest ${maxDuringMs} ms during, ${maxRequestMs} ms overall), ${failedAfter}/${requestsAfter} failed after recovery`);
  console.log(`webhooks: ${hookRows.filter((h) => h.status === "delivered").length}/${hookRows.length} delivered (${hooksReceived} POSTs received)`);
  const paidFinal = vids.filter((v) => v.workspaceId === paid.workspace.id && ["completed", "failed", "timeout", "cancelled"].includes(v.status));
  const seenFinal = paidFinal.filter((v) => liveStatus.get(v.id) === v.status).length;
  console.log(`live status on web process B (videos created in A, worked by separate workers): ${liveEvents} events (${liveEventsAfterOutage} after the outage); final status seen live for ${seenFinal}/${paidFinal.length} paid videos`);
  console.log(`workers that exited on their own (restarted): ${workerCrashes}`);
  console.log(`wall time ${Math.round((Date.now() - started) / 1000)} s`);

  stopping = true;
  for (const w of workers) w.kill("SIGKILL");
  socket.close();
  webB.kill("SIGKILL");
  await fake.close();
  receiver.close();
  const { closeDb } = await import("@/db/client");
  const { resetJobRuntime } = await import("@/lib/jobs/runtime");
  await resetJobRuntime().catch(() => undefined);
  await closeDb().catch(() => undefined);
  cluster.destroy();
  fs.rmSync(dataDir, { recursive: true, force: true });
  // Every video must complete (a failed local render is a failure of the run, not noise).
  const ok = completedOnce === created.length && !overCap && multiCharged === 0 && !tooManyJobs && lost === 0 && stuck === 0 && doubleCharged === 0 && ledgerMismatch === 0 && failedAfter === 0 && seenFinal === paidFinal.length;
  process.exit(ok ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
