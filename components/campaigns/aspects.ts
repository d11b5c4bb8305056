/**
 * The aspect choices a campaign offers: the create form's four (components/create/aspects.ts),
 * plus "from the template" (stored as null).
 */
import { ASPECTS } from "@/components/create/aspects";
import type { AspectName } from "@/lib/videos/input";

export const CAMPAIGN_ASPECTS: readonly { id: AspectName; label: string; ratio: string }[] = ASPECTS;

/** "Feed · 4:5"; null → what the run will use instead. */
export function aspectLabel(id: AspectName | null, hasTemplate: boolean): string {
  const a = CAMPAIGN_ASPECTS.find((x) => x.id === id);
  if (a) return `${a.label} · ${a.ratio}`;
  return hasTemplate ? "From template" : "Portrait · 9:16 (default)";
}
