/** Per test file: close the job engine and the pool before the shared database goes away. */
import { afterAll } from "vitest";
import { resetJobRuntime } from "@/lib/jobs/runtime";
import { closeDb } from "@/db/client";

afterAll(async () => {
  await resetJobRuntime();
  await closeDb();
});
