/**
 * A worker must outlive a database restart (issue 11 chaos run: both workers died within a
 * second of `pg_ctl stop`). Two driver-level failures escape every caller there:
 *  - pg-boss's internal loops (fail/complete/fetch) reject with ECONNREFUSED with no handler
 *    attached → an unhandled rejection, which Node turns into an exit;
 *  - postgres.js writes to a socket it has just dropped (`Cannot read properties of null
 *    (reading 'write')` at connection.js nextWrite, from a setImmediate) → an uncaught exception.
 * Both are logged and survived: the job engine retries its loops and the pool reconnects once
 * the server is back. Anything else still ends the process, as Node would.
 */
import { isDbUnavailable } from "@/db/unavailable";
import { logger } from "@/lib/logger";

/** Whether an escaped error is the database being away, not a bug of ours. */
export function isOutageNoise(err: unknown): boolean {
  if (isDbUnavailable(err)) return true;
  const stack = err instanceof Error ? (err.stack ?? "") : "";
  return err instanceof TypeError && /node_modules[\\/]postgres[\\/]src[\\/]connection\.js/.test(stack) && /reading '(write|end|destroy)'/.test(err.message);
}

let installed = false;

export function surviveDatabaseOutages(exit: (code: number) => void = (c) => process.exit(c)): void {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason) => {
    if (isOutageNoise(reason)) {
      logger.warn({ err: reason }, "database unreachable (escaped a driver loop); carrying on");
      return;
    }
    logger.fatal({ err: reason }, "unhandled rejection");
    exit(1);
  });
  process.on("uncaughtException", (err) => {
    if (isOutageNoise(err)) {
      logger.warn({ err }, "database connection dropped mid-write (driver); carrying on");
      return;
    }
    logger.fatal({ err }, "uncaught exception");
    exit(1);
  });
}
