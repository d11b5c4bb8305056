/**
 * Definitions with their (lazily loaded) handlers attached, for the Inngest functions and
 * anything that wants a self-contained job. pg-boss workers use definitions + handlerFor.
 */
import type { JobDefinition } from "./define";
import { jobDefinitions, processVideoDef, sweepVideosDef, deliverWebhookDef } from "./definitions";
import { handlerFor } from "./handlers";

function withLazyHandler<P>(def: JobDefinition<P>): JobDefinition<P> {
  return { ...def, handler: async (payload, ctx) => (await handlerFor(def as JobDefinition<unknown>))(payload, ctx) };
}

export const processVideoJob = withLazyHandler(processVideoDef);
export const sweepVideosJob = withLazyHandler(sweepVideosDef);
export const deliverWebhookJob = withLazyHandler(deliverWebhookDef);

export function jobCatalog(): JobDefinition<unknown>[] {
  return jobDefinitions().map(withLazyHandler);
}
