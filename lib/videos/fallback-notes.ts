/**
 * Why a video differs from what was asked, in plain words for the video page and GET
 * /videos/{id} (issue 14): B-roll scenes that fell back to the presenter (reasons stored on
 * broll_clips by lib/compose/broll), and providers that failed over to the next one (attempts).
 * Pure: the caller loads the rows (workspace-scoped) and this only words them.
 */
import { label } from "@/lib/providers/http";
import type { ProviderId } from "@/lib/providers/types";

export interface FallbackNote {
  kind: "broll" | "failover";
  /** The storyboard scene (B-roll notes only). */
  sceneId: string | null;
  text: string;
}

interface SceneRef {
  id: string;
}
interface ClipRef {
  sceneId: string;
  status: string;
  reason: string | null;
}
interface AttemptRef {
  attemptNumber: number;
  provider: string;
  outcome: string;
  error: string | null;
}

const providerName = (p: string) => label(p as ProviderId) ?? p;
const FELL_OVER = new Set(["failed", "timeout", "skipped"]);
const VERB: Record<string, string> = { failed: "failed", timeout: "timed out", skipped: "was skipped" };

export function fallbackNotes(scenes: readonly SceneRef[] | null, clips: readonly ClipRef[], attempts: readonly AttemptRef[]): FallbackNote[] {
  const notes: FallbackNote[] = [];
  const order = new Map((scenes ?? []).map((s, i) => [s.id, i + 1]));
  // Scene order, not the order the clips were claimed in.
  const fell = clips.filter((c) => c.status === "fallback").sort((a, b) => (order.get(a.sceneId) ?? 1e9) - (order.get(b.sceneId) ?? 1e9));
  for (const c of fell) {
    const n = order.get(c.sceneId);
    const reason = c.reason?.trim() || "The AI B-roll clip could not be made; the scene shows the presenter.";
    notes.push({ kind: "broll", sceneId: c.sceneId, text: `${n ? `Scene ${n}` : "A scene"}: ${reason}` });
  }
  // A failover: an attempt that did not succeed and was followed by another provider's attempt.
  const sorted = [...attempts].sort((a, b) => a.attemptNumber - b.attemptNumber);
  sorted.forEach((a, i) => {
    const next = sorted[i + 1];
    if (!next || !FELL_OVER.has(a.outcome)) return;
    const why = a.error?.trim() ? `: ${a.error.trim().replace(/\.$/, "")}` : "";
    const then = next.provider === a.provider ? `tried ${providerName(next.provider)} again` : `switched to ${providerName(next.provider)}`;
    notes.push({ kind: "failover", sceneId: null, text: `${providerName(a.provider)} ${VERB[a.outcome]}${why} — ${then}.` });
  });
  return notes;
}
