/**
 * The handler of each job, loaded lazily: only a process that works jobs imports the video
 * pipeline, research, campaigns… and each handler gets the `enqueue` of the engine running it.
 */
import type { JobDefinition, JobHandler } from "./define";

type Loader = () => Promise<JobHandler<never>>;

export const handlerLoaders: Record<string, Loader> = {
  "video.process": async () => (await import("./handlers/process-video")).handler as JobHandler<never>,
  "video.sweep": async () => {
    const { sweepStalledVideos } = await import("@/lib/videos/sweep");
    return (async (_p: unknown, ctx) => void (await sweepStalledVideos(ctx.enqueue))) as JobHandler<never>;
  },
  "webhook.deliver": async () => {
    const { attemptDelivery } = await import("@/lib/webhooks");
    return (async ({ deliveryId }: { deliveryId: string }) => attemptDelivery(deliveryId)) as JobHandler<never>;
  },
  "research.run": async () => (await import("@/lib/research/jobs")).researchRunJob.handler as JobHandler<never>,
  "campaigns.tick": async () => (await import("@/lib/campaigns/jobs")).campaignsTickJob.handler as JobHandler<never>,
  "trends.scan": async () => (await import("@/lib/campaigns/jobs")).trendsScanJob.handler as JobHandler<never>,
  "housekeeping.weekly": async () => (await import("@/lib/housekeeping")).housekeepingJob.handler as JobHandler<never>,
};

const loaded = new Map<string, Promise<JobHandler<unknown>>>();

/** The handler of a job: its own `handler` when it carries one, else the lazily loaded module. */
export function handlerFor(def: JobDefinition<unknown>): Promise<JobHandler<unknown>> {
  if (def.handler) return Promise.resolve(def.handler);
  const load = handlerLoaders[def.name];
  if (!load) return Promise.reject(new Error(`No handler for job "${def.name}"`));
  let p = loaded.get(def.name);
  if (!p) {
    p = load().then((h) => h as JobHandler<unknown>);
    // A failed import is not remembered: the next run tries again.
    p.catch(() => loaded.delete(def.name));
    loaded.set(def.name, p);
  }
  return p;
}
