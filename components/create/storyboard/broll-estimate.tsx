"use client";
/**
 * The AI B-roll part of the estimate (issue 14): whether a scene can get a clip at all (the
 * workspace switch and a clip provider key), per B-roll scene and in total, from
 * POST /api/v1/storyboards/broll-estimate (the same estimate the clip's budget hold uses).
 * A prompt the workspace already made is "cached, free".
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import Link from "next/link";
import type { Storyboard } from "@/lib/compose/types";
import type { BrollEstimate } from "@/lib/compose/broll/estimate";
import { formatCents } from "@/lib/format";
import { brollEstimateBoard } from "./model";

/** The latest value once it has stopped changing for `ms` (one request per settled edit). */
function useSettled<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/**
 * The estimate for the board's B-roll. Keyed on what the price depends on (the prompts and the
 * first aspect), settled for 400 ms, so the query refetches once per pause in typing and a
 * reorder or a line edit costs no request at all.
 */
export function useBrollEstimate(board: Storyboard) {
  const body = useSettled(JSON.stringify({ storyboard: brollEstimateBoard(board) }), 400);
  return useQuery<BrollEstimate>({
    queryKey: ["broll-estimate", body],
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/v1/storyboards/broll-estimate", { method: "POST", headers: { "content-type": "application/json" }, body, signal });
      const json = await res.json().catch(() => null);
      if (!res.ok) throw new Error(json?.error?.message ?? "The B-roll estimate is not available right now.");
      return json as BrollEstimate;
    },
  });
}

/** "AI B-roll: 2 clips, $0.70 — 1 cached, free" (the form's cost estimate says the same). */
export function brollSummary(est: Pick<BrollEstimate, "clips" | "cachedClips" | "totalCents">): string {
  const clips = `${est.clips} ${est.clips === 1 ? "clip" : "clips"}`;
  return `AI B-roll: ${clips}, ${formatCents(est.totalCents)}${est.cachedClips ? ` — ${est.cachedClips} cached, free` : ""}`;
}

/** Why B-roll is not available, with the settings page that fixes it. */
export function BrollUnavailable({ est, className }: { est: Pick<BrollEstimate, "unavailableReason" | "settingsHref">; className?: string }) {
  if (!est.unavailableReason) return null;
  return (
    <p className={className} data-testid="broll-unavailable">
      {est.unavailableReason}{" "}
      {est.settingsHref ? (
        <Link href={est.settingsHref} className="font-medium underline">
          Open Settings
        </Link>
      ) : null}
    </p>
  );
}

export function BrollEstimateNote({ board, count, est, error, loading }: { board: Storyboard; count: number; est: BrollEstimate | undefined; error: string | null; loading: boolean }) {
  const number = (id: string) => board.scenes.findIndex((s) => s.id === id) + 1;
  const unwritten = board.scenes.filter((s) => s.visual.type === "broll" && !s.visual.prompt.trim()).length;
  return (
    <div className="rounded-lg bg-violet-50 px-3 py-2 text-xs text-violet-900 dark:bg-violet-500/10 dark:text-violet-200" data-testid="broll-estimate" aria-live="polite" aria-busy={loading}>
      <p>
        {count} {count === 1 ? "scene uses" : "scenes use"} AI B-roll, made by a clip provider (Kling, Pika or Runway).{" "}
        {est ? (
          est.available ? (
            <>
              <strong data-testid="broll-summary">{brollSummary(est)}</strong>
              {est.maxTotalCents > est.totalCents ? ` (up to ${formatCents(est.maxTotalCents)} held if a fallback provider is used)` : ""}, on top of the presenter estimate.
            </>
          ) : (
            "Those scenes show the presenter, at no extra cost."
          )
        ) : null}
        {unwritten ? ` ${unwritten === 1 ? "One scene needs" : `${unwritten} scenes need`} a prompt before it is priced.` : null}
      </p>
      {est && !est.available ? <BrollUnavailable est={est} className="mt-1" /> : null}
      {est?.available && est.scenes.length ? (
        <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-0.5">
          {est.scenes.map((s) => (
            <li key={s.sceneId}>
              Scene {number(s.sceneId)}: {s.reason ? "presenter (no clip provider)" : s.cached ? "cached, free" : formatCents(s.cents)}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? <p role="alert">{error}</p> : null}
    </div>
  );
}
