/**
 * How a video's cost reads on its page and in the library (issue 14). A composed short's AI
 * B-roll clips are charged on child videos, so the charge shown is the total with its clips,
 * and the page says what it is made of. Pure, so the wording is tested without a browser.
 */
import { formatCents } from "@/lib/format";
import type { VideoCost } from "@/lib/videos/public";

type CostLike = Pick<VideoCost, "presenterCents" | "brollCents" | "brollClips" | "brollCached" | "brollPendingCents" | "totalCents">;

/** The charged amount: presenter + B-roll when the server added the clips, else the video's own. */
export function chargedCents(v: { costCents: number | null; cost?: CostLike | null }): number | null {
  return v.cost ? v.cost.totalCents : v.costCents;
}

/** "Presenter $0.42 · AI B-roll 2 clips $0.84 (1 cached, free) · $0.42 pending", or null without B-roll. */
export function costBreakdown(cost: CostLike | null | undefined): string | null {
  if (!cost || (cost.brollClips === 0 && cost.brollCents === 0)) return null;
  const clips = `${cost.brollClips} clip${cost.brollClips === 1 ? "" : "s"}`;
  const cached = cost.brollCached ? ` (${cost.brollCached} cached, free)` : "";
  const pending = cost.brollPendingCents ? ` · ${formatCents(cost.brollPendingCents)} pending` : "";
  const presenter = cost.presenterCents == null ? "—" : formatCents(cost.presenterCents);
  return `Presenter ${presenter} · AI B-roll ${clips} ${formatCents(cost.brollCents)}${cached}${pending}`;
}
