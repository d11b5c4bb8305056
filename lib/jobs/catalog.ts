import type { JobDefinition } from "./define";

/**
 * Every job the product runs. Handlers live with their domain in lib/; this list is what a
 * worker process (pg-boss) or the Inngest functions register.
 */
export function jobCatalog(): JobDefinition<unknown>[] {
  return [] as JobDefinition<unknown>[];
}
