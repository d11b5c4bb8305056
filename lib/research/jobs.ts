/** The `research.run` handler: executes one queued research job (see service.executeResearchJob). */
import { researchRunDef } from "@/lib/jobs/definitions";
import { defineJob } from "@/lib/jobs/define";
import { executeResearchJob } from "./service";

/** The definition (name, version, payload, policy) lives in lib/jobs/definitions; this adds the handler. */
export const researchRunJob = defineJob({
  ...researchRunDef,
  async handler(payload, ctx) {
    await executeResearchJob(payload, { enqueue: ctx.enqueue });
  },
});
