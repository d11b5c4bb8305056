/** `npm run worker`: a job worker alone, against a real DATABASE_URL. */
import { bootstrap } from "@/lib/bootstrap";
import { logger } from "@/lib/logger";
import { surviveDatabaseOutages } from "./survive-outage";

// Before anything connects: a database restart must not end the worker (see survive-outage.ts).
surviveDatabaseOutages();

const runtime = await bootstrap({ role: "worker" });
logger.info("worker ready");
let stopping = false;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ sig }, "worker stopping: finishing running jobs");
    await runtime.stop();
    process.exit(0);
  });
}
