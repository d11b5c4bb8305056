import { getSql, isDbUnavailable } from "@/db/client";
import { DbDownError, LATCH_MS } from "@/db/unavailable";
import { currentJobEngine } from "@/lib/jobs/runtime";
import { storage } from "@/lib/storage";
import { env } from "@/lib/env";

export interface Check {
  ok: boolean;
  /** What is wrong, in words an operator can act on. */
  error?: string;
  /** Machine-readable cause: unreachable (database down or restarting), timeout, error. */
  reason?: "unreachable" | "timeout" | "error";
}

export interface Health {
  status: "ok" | "degraded";
  database: Check & { latencyMs?: number };
  worker: Check & { mode: "in-process" | "external" };
  storage: Check & { driver: string };
  /** Seconds to wait before asking again when degraded by the database. */
  retryAfterSeconds?: number;
}

/** Each check answers within `ms`: health must say "down" quickly, not hang with the pool. */
async function check(fn: () => Promise<unknown>, ms = 4000): Promise<Check & { latencyMs?: number }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms} ms`), { healthTimeout: true })), ms);
  });
  try {
    await Promise.race([fn(), timeout]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (e) {
    if ((e as { healthTimeout?: boolean }).healthTimeout) return { ok: false, reason: "timeout", error: `PostgreSQL did not answer within ${ms} ms (overloaded or unreachable).` };
    const msg = e instanceof Error ? e.message : String(e);
    if (isDbUnavailable(e)) {
      // While latched the check fails without connecting: say what the last real attempt saw.
      const why = e instanceof DbDownError ? `${e.lastCause}, checked again within ${Math.ceil(LATCH_MS / 1000)} s` : ((e as { code?: string }).code ?? msg);
      return { ok: false, reason: "unreachable", error: `PostgreSQL is unreachable (${why}); requests get 503 until it is back.` };
    }
    return { ok: false, reason: "error", error: msg };
  } finally {
    clearTimeout(timer);
  }
}

function withoutLatency({ latencyMs: _l, ...c }: Check & { latencyMs?: number }): Check {
  return c;
}

export async function health(): Promise<Health> {
  const database = await check(() => getSql()`select 1`);
  const external = env().WORKER === "off";
  const worker = external
    ? { ...withoutLatency(await check(() => getSql()`select 1 from pgboss.version`)), mode: "external" as const }
    : { ok: !!currentJobEngine()?.working, mode: "in-process" as const, error: currentJobEngine()?.working ? undefined : "job worker not running" };
  const st = { ...withoutLatency(await check(() => storage().check())), driver: storage().driver };
  const ok = database.ok && worker.ok && st.ok;
  return { status: ok ? "ok" : "degraded", database, worker, storage: st, ...(database.ok ? {} : { retryAfterSeconds: 5 }) };
}
