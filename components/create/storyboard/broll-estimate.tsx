"use client";
/**
 * The AI B-roll part of the estimate (issue 14): per B-roll scene and in total, from
 * POST /api/v1/storyboards/broll-estimate (the same estimate the clip's budget hold uses).
 * A prompt the workspace already made is "cached — free".
 */
import { useEffect, useState } from "react";
import type { Storyboard } from "@/lib/compose/types";
import type { BrollEstimate } from "@/lib/compose/broll/estimate";
import { formatCents } from "@/lib/format";

export function BrollEstimateNote({ board, count }: { board: Storyboard; count: number }) {
  const [est, setEst] = useState<BrollEstimate | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Only what changes the price: the B-roll prompts and the first aspect.
  const sig = JSON.stringify([board.aspects[0], board.scenes.filter((s) => s.visual.type === "broll").map((s) => [s.id, s.visual])]);

  useEffect(() => {
    const ctl = new AbortController();
    const t = setTimeout(() => {
      fetch("/api/v1/storyboards/broll-estimate", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ storyboard: board }), signal: ctl.signal })
        .then(async (res) => {
          const body = await res.json().catch(() => null);
          if (!res.ok) throw new Error(body?.error?.message ?? "The B-roll estimate is not available right now.");
          setEst(body as BrollEstimate);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!ctl.signal.aborted) setError(e instanceof Error ? e.message : String(e));
        });
    }, 400);
    return () => {
      clearTimeout(t);
      ctl.abort();
    };
    // Keyed on `sig` (what the price depends on), not on every edit of the board.
  }, [sig]);

  const number = (id: string) => board.scenes.findIndex((s) => s.id === id) + 1;
  return (
    <div className="rounded-lg bg-violet-50 px-3 py-2 text-xs text-violet-900 dark:bg-violet-500/10 dark:text-violet-200" data-testid="broll-estimate" aria-live="polite">
      <p>
        {count} {count === 1 ? "scene uses" : "scenes use"} AI B-roll, made by a clip provider (Kling, Pika or Runway) when the workspace enables it (Settings → Brand).
        {est ? (est.enabled ? <> B-roll total: <strong>{formatCents(est.totalCents)}</strong>{est.maxTotalCents > est.totalCents ? ` (up to ${formatCents(est.maxTotalCents)} if a fallback provider is used)` : ""}, on top of the presenter estimate.</> : " AI B-roll is off: those scenes show the presenter, at no extra cost.") : null}
      </p>
      {est?.enabled && est.scenes.length ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5">
          {est.scenes.map((s) => (
            <li key={s.sceneId}>
              Scene {number(s.sceneId)}: {s.reason ? "presenter (no clip provider)" : s.cached ? "cached — free" : formatCents(s.cents)}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
