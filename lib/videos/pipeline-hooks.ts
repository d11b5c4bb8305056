/**
 * Stage boundaries of the pipeline, and a seam to stop there. Production passes nothing. The
 * crash tests pass a checkpoint that throws `SimulatedCrash` at one boundary: the handler then
 * stops like a killed process would — no failure recorded, no lease released, the render
 * aborted — and the test runs the job again with the lease expired (an injected clock).
 */
export const STAGES = [
  "attempt_started", // attempt row written, nothing sent yet
  "submitted", // the provider accepted the job (external id stored)
  "provider_succeeded", // the provider reported success; charge recorded
  "downloaded", // the result is in the scratch dir
  "stored", // video.mp4 and thumb.jpg are in storage
  "rendition", // one platform rendition stored
  "settled", // hold released, charge final; not yet marked completed
  "completed", // marked completed with its webhook rows (one transaction); deliveries not yet queued
] as const;
export type Stage = (typeof STAGES)[number];

export type Checkpoint = (stage: Stage, info: { provider?: string }) => void | Promise<void>;

export class SimulatedCrash extends Error {
  readonly abandon = true;
  constructor(readonly stage: Stage) {
    super(`simulated crash at ${stage}`);
    this.name = "SimulatedCrash";
  }
}

export interface ProcessOptions {
  /** The clock for leases (tests move it past a crashed worker's lease). */
  now?: () => Date;
  checkpoint?: Checkpoint;
}
