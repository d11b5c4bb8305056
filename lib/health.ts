import { getSql } from "@/db/client";
import { currentJobEngine } from "@/lib/jobs/runtime";
import { storage } from "@/lib/storage";
import { env } from "@/lib/env";

export interface Health {
  status: "ok" | "degraded";
  database: { ok: boolean; error?: string };
  worker: { ok: boolean; mode: "in-process" | "external"; error?: string };
  storage: { ok: boolean; driver: string; error?: string };
}

async function check(fn: () => Promise<unknown>): Promise<{ ok: boolean; error?: string }> {
  try {
    await fn();
    return { ok: true };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function health(): Promise<Health> {
  const database = await check(() => getSql()`select 1`);
  const external = env().WORKER === "off";
  const worker = external
    ? { ...(await check(() => getSql()`select 1 from pgboss.version`)), mode: "external" as const }
    : { ok: !!currentJobEngine()?.working, mode: "in-process" as const, error: currentJobEngine()?.working ? undefined : "job worker not running" };
  const st = { ...(await check(() => storage().check())), driver: storage().driver };
  const ok = database.ok && worker.ok && st.ok;
  return { status: ok ? "ok" : "degraded", database, worker, storage: st };
}
