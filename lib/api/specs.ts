/** The `defineRoute` specs exported by a set of route modules (the OpenAPI document's input). */
import type { RouteSpec } from "@/lib/http/handler";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export function specsOf(modules: Record<string, Record<string, unknown>>): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (const mod of Object.values(modules)) {
    for (const m of METHODS) {
      const h = mod[m] as { spec?: RouteSpec } | undefined;
      if (h?.spec) out.push(h.spec);
    }
  }
  return out;
}
