"use client";
/**
 * The research page's cost card: the create form's estimate (POST /api/v1/estimate, the same
 * endpoint and the same CostEstimate card) for what "Generate" will send — script (or the
 * storyboard whose lines it is), presenter and template — so the price is seen before queuing.
 */
import { useEffect, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { CostEstimate, type EstimateResult } from "@/components/create/cost-estimate";
import { fetchEstimate } from "@/components/create/fetch-estimate";
import type { Storyboard } from "@/lib/compose/types";

/** One request per settled change, not one per keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [key, ms]); // keyed on the serialised value: a new object with the same content is no change
  return v;
}

export function GenerateEstimate({ script, avatarId, templateId, storyboard }: { script: string; avatarId: string; templateId: string; storyboard: Storyboard | null }) {
  const input = useDebounced({ script, avatarProfileId: avatarId, templateId: templateId || undefined, storyboard: storyboard ?? undefined }, 450);
  // No length check here (lib/render/validate is server-side): an over-long script gets the
  // endpoint's own 400, which says the limit, shown in the card.
  const can = !!input.script.trim() && !!input.avatarProfileId;
  const q = useQuery<EstimateResult>({
    queryKey: ["research-estimate", input],
    enabled: can,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) => fetchEstimate(input, signal),
  });
  const idle = !avatarId ? "Pick a presenter to see the cost." : !script.trim() ? "Write a script to see what it will cost and which provider renders it." : null;
  return (
    // The card's two columns (providers | budget left) switch on the viewport's width; in the
    // research page's side column they crushed "Local studio" to "Lo…", so stack them here.
    <div className="rounded-xl p-4 ring-1 ring-slate-200 dark:ring-slate-800 [&_section>div>.grid]:grid-cols-1">
      <CostEstimate data={can ? q.data : undefined} loading={can && q.isFetching} error={can && q.isError ? (q.error as Error).message : null} idle={idle} />
    </div>
  );
}
