/** The `research.run` job: executes one queued research job (see service.executeResearchJob). */
import { defineJob } from "@/lib/jobs/define";
import { executeResearchJob, researchRunPayload, RESEARCH_RUN_JOB } from "./service";

export const researchRunJob = defineJob({
  name: RESEARCH_RUN_JOB,
  schema: researchRunPayload,
  policy: "stately",
  retryLimit: 3,
  retryDelay: 15,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
  concurrency: 2,
  async handler(payload, ctx) {
    await executeResearchJob(payload, { enqueue: ctx.enqueue });
  },
});
