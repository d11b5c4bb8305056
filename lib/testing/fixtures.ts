/** Test fixtures that go through the real services (no shortcuts around our own code). */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces, type Plan } from "@/db/schema";
import { signUp } from "@/lib/auth/signup";
import { contextForUser, type AuthContext } from "@/lib/auth/context";

let n = 0;

export async function newWorkspace(opts: { plan?: Plan; name?: string } = {}): Promise<AuthContext> {
  n += 1;
  const email = `t${process.pid}-${Date.now()}-${n}@example.com`;
  const r = await signUp({ name: opts.name ?? `Tester ${n}`, email, password: "password-for-tests" });
  if (!r.ok) throw new Error(`fixture sign-up failed: ${JSON.stringify(r.errors)}`);
  if (opts.plan) await getDb().update(workspaces).set({ plan: opts.plan }).where(eq(workspaces.id, r.workspaceId));
  const ctx = await contextForUser(r.userId, r.workspaceId);
  if (!ctx) throw new Error("fixture context missing");
  return ctx;
}

export async function waitFor<T>(fn: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000, everyMs = 200): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * Points this test file at a database of its own (a fresh one on the test server, or a new
 * embedded PGlite), migrated and seeded. For tests whose worker processes must not pick up
 * the jobs other test files leave queued in the shared test database.
 */
export async function useDedicatedDatabase(): Promise<{ url: string; stop: () => Promise<void> }> {
  const postgres = (await import("postgres")).default;
  const { runMigrations } = await import("@/db/migrate");
  const { seedDefaults } = await import("@/db/seed");
  const { closeDb } = await import("@/db/client");
  const { resetJobRuntime } = await import("@/lib/jobs/runtime");
  let url: string;
  let stop: () => Promise<void>;
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `avs_iso_${process.pid}_${Date.now()}`;
    const admin = postgres(server, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(server);
    u.pathname = `/${name}`;
    url = u.toString();
    stop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    const { startEmbeddedPostgres } = await import("@/db/embedded");
    const pg = await startEmbeddedPostgres();
    url = pg.url;
    stop = () => pg.stop();
  }
  await resetJobRuntime();
  await closeDb();
  process.env.DATABASE_URL = url;
  await runMigrations(url);
  await seedDefaults(getDb());
  const { createJobQueues } = await import("@/lib/jobs/queues");
  await createJobQueues(url);
  return {
    url,
    async stop() {
      await resetJobRuntime();
      await closeDb();
      await stop();
    },
  };
}
