/**
 * `npx tsx bench/outage.ts`: where does a request spend its time while PostgreSQL is down?
 * (issue 11, defect 5). Starts a throwaway cluster (initdb in /tmp, pg_ctl, a free port),
 * creates a workspace and a video (so the job engine runs in this process, as in a web
 * process), then stops the server for OUTAGE_S seconds and fires the dashboard's list query
 * every 500 ms, printing each request's duration and error; then starts the server again and
 * prints how long the first successful request took to come back.
 * Env: OUTAGE_S (15), OUTAGE_MODE (fast | immediate).
 */
import { startPgCluster } from "@/lib/testing/pg-cluster";

const OUTAGE_S = Number(process.env.OUTAGE_S ?? 15);
const MODE = (process.env.OUTAGE_MODE ?? "fast") as "fast" | "immediate";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main() {
  const cluster = await startPgCluster();
  Object.assign(process.env, {
    DATABASE_URL: cluster.url,
    APP_SECRET: process.env.APP_SECRET ?? "outage-secret-outage-secret-outage-secret-0123456789",
    LOG_LEVEL: process.env.LOG_LEVEL ?? "error",
    WORKER: "off",
  });
  const { runMigrations } = await import("@/db/migrate");
  const { seedDefaults } = await import("@/db/seed");
  const { getDb, isDbUnavailable, closeDb } = await import("@/db/client");
  const { createJobQueues } = await import("@/lib/jobs/queues");
  await runMigrations(cluster.url);
  await seedDefaults(getDb());
  await createJobQueues(cluster.url);
  const { newWorkspace } = await import("@/lib/testing/fixtures");
  const { createVideo } = await import("@/lib/videos/create");
  const { listWorkspaceVideos } = await import("@/lib/videos/library");
  const { health } = await import("@/lib/health");
  const ws = await newWorkspace({ plan: "pro" });
  await createVideo(ws, { title: "Outage", script: "Fail fast while the database is down.", avatarProfileId: "sarah" });

  const request = async (label: string) => {
    const t0 = Date.now();
    try {
      await listWorkspaceVideos(ws, {});
      return { label, ms: Date.now() - t0, ok: true, err: "" };
    } catch (e) {
      const code = (e as { code?: string }).code ?? (e as { cause?: { code?: string } }).cause?.code ?? "";
      return { label, ms: Date.now() - t0, ok: false, err: `${isDbUnavailable(e) ? "unavailable" : "OTHER"} ${code} ${(e as Error).message.slice(0, 80)}` };
    }
  };
  console.log("warm:", await request("warm"));
  const t0 = Date.now();
  cluster.stopServer(MODE);
  console.log(`server stopped (${MODE}) in ${Date.now() - t0} ms`);
  const end = Date.now() + OUTAGE_S * 1000;
  let slowest = 0;
  let failed = 0;
  let n = 0;
  while (Date.now() < end) {
    const r = await request(`during #${++n}`);
    slowest = Math.max(slowest, r.ms);
    if (!r.ok) failed += 1;
    console.log(r.label, r.ms, "ms", r.ok ? "ok" : r.err);
    if (n % 5 === 1) {
      const h0 = Date.now();
      const h = await health();
      console.log(`  health in ${Date.now() - h0} ms: ${h.status} db=${h.database.reason ?? "ok"} ${h.database.error ?? ""}`);
    }
    await sleep(500);
  }
  const s0 = Date.now();
  cluster.startServer();
  console.log(`server started in ${Date.now() - s0} ms`);
  const back = Date.now();
  let after = 0;
  for (let i = 0; i < 20; i++) {
    const r = await request(`after #${i + 1}`);
    if (!r.ok) after += 1;
    if (r.ok && i === after) console.log(`first success ${Date.now() - back} ms after the server was up`);
    if (!r.ok) console.log(r.label, r.ms, "ms", r.err);
    await sleep(250);
  }
  console.log(`RESULT outage ${OUTAGE_S} s (${MODE}): ${failed}/${n} failed during, slowest ${slowest} ms; ${after}/20 failed after recovery`);
  const { resetJobRuntime } = await import("@/lib/jobs/runtime");
  await resetJobRuntime().catch(() => undefined);
  await closeDb().catch(() => undefined);
  cluster.destroy();
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
