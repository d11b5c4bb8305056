import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, generationAttempts, videoGenerations } from "@/db/schema";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { newWorkspace, useDedicatedDatabase, waitFor } from "@/lib/testing/fixtures";
import { createVideo } from "./create";

/** A real worker process (`npm run worker`), so the test can SIGKILL it mid-render. */
function startWorker(name: string): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/jobs/worker-main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      WORKER_CONCURRENCY: "1",
      VIDEO_LEASE_SECONDS: "3",
      PROVIDER_POLL_INTERVAL_MS: "250",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Warnings and errors (pino writes them to stdout at LOG_LEVEL=warn) show up in the test output.
  child.stdout?.on("data", (d) => process.stderr.write(`[${name}] ${d}`));
  child.stderr?.on("data", (d) => process.stderr.write(`[${name}] ${d}`));
  return child;
}

async function stop(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

describe("a worker killed during rendering", () => {
  let fake: HeygenFake;
  let db: Awaited<ReturnType<typeof useDedicatedDatabase>>;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    // Workers take any queued job; a database of our own keeps other files' jobs out of the way.
    db = await useDedicatedDatabase();
    fake = await startHeygenFake();
  });
  afterAll(async () => {
    for (const c of children) await stop(c, "SIGKILL");
    await fake?.close();
    await db?.stop();
  });

  it("resumes on restart: polls the same provider job, completes once, charges once", async () => {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "local", { enabled: false });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    fake.setMode({ pollsBeforeDone: 14 });
    const { video } = await createVideo(ctx, { title: "Survives a crash", script: "Workers die. Videos should not.", avatarProfileId: "sarah", allowTextToVideo: false });

    const a = startWorker("worker-a");
    children.push(a);
    const rendering = await waitFor(
      async () => (await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, video.id)))[0],
      (row) => !!row?.externalId,
      90_000,
    );
    await stop(a, "SIGKILL");
    const polledBeforeKill = fake.requests.filter((r) => r.path.startsWith("/v3/videos/")).length;

    const b = startWorker("worker-b");
    children.push(b);
    const done = await waitFor(
      async () => (await getDb().select().from(videoGenerations).where(eq(videoGenerations.id, video.id)))[0],
      (v) => ["completed", "failed", "timeout", "cancelled"].includes(v.status),
      120_000,
      300,
    );
    await stop(b, "SIGTERM");

    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.provider).toBe("heygen");
    // One submission upstream, one attempt row (resumed, not retried), one charge.
    expect(fake.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos")).toHaveLength(1);
    expect(fake.requests.filter((r) => r.path.startsWith("/v3/videos/")).length).toBeGreaterThan(polledBeforeKill);
    const attempts = await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, video.id));
    expect(attempts.map((x) => [x.externalId, x.outcome])).toEqual([[rendering.externalId, "succeeded"]]);
    const ledger = await getDb().select().from(costLedger).where(eq(costLedger.videoId, video.id));
    const charges = ledger.filter((l) => l.kind === "charge");
    expect(charges).toHaveLength(1);
    expect(charges[0].amountCents).toBe(done.costCents);
    expect(ledger.filter((l) => l.kind === "release").reduce((s, l) => s + l.amountCents, 0)).toBe(done.reservedCents);
  }, 240_000);
});
