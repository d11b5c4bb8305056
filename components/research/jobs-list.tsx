"use client";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useRealtime } from "@/lib/realtime/client";
import { EmptyState } from "@/components/ui/primitives";
import { plural } from "@/lib/research/text";
import { JobStatusBadge, SOURCE_NAMES, TimeAgo } from "./status";

export interface JobRow {
  id: string;
  name: string;
  status: string;
  trigger: string;
  itemCount: number;
  error: string | null;
  sourceErrorCount: number;
  createdAt: string;
  completedAt: string | null;
  sources: string[];
  topInsights: Array<{ id: string; text: string; topic: string }>;
}

export const JOBS_KEY = ["research-jobs"] as const;

async function fetchJobs(): Promise<JobRow[]> {
  const res = await fetch("/api/v1/research/jobs?limit=20", { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load research runs.");
  return ((await res.json()) as { jobs: JobRow[] }).jobs;
}

export function useResearchJobs(initial: JobRow[]) {
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: JOBS_KEY,
    queryFn: fetchJobs,
    initialData: initial,
    // Live updates come over the socket; polling is the fallback while something is in flight.
    refetchInterval: (query) => ((query.state.data ?? []).some((j) => j.status === "queued" || j.status === "running") ? 2500 : false),
  });
  useRealtime("research.updated", () => void qc.invalidateQueries({ queryKey: JOBS_KEY }));
  return q;
}

export function JobsList({ initial }: { initial: JobRow[] }) {
  const { data: jobs, isError } = useResearchJobs(initial);
  if (isError) return <p className="text-sm text-red-600 dark:text-red-400">Could not load research runs. Reload the page to try again.</p>;
  if (!jobs.length) return <EmptyState title="No research runs yet" body="Run a configuration to pull insights from your sources. Results appear here live." />;
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Research runs">
      {jobs.map((j) => (
        <li key={j.id} className="py-3">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <Link href={`/research/jobs/${j.id}`} className="min-w-0 truncate font-medium hover:text-brand-600 hover:underline">
              {j.name}
            </Link>
            <JobStatusBadge status={j.status} />
          </div>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {j.sources.map((s) => SOURCE_NAMES[s] ?? s).join(" · ")} · {j.status === "completed" ? `${plural(j.itemCount, "item")} · ` : ""}
            <TimeAgo at={j.completedAt ?? j.createdAt} />
            {j.trigger !== "manual" ? ` · ${j.trigger.replace("_", " ")}` : ""}
          </p>
          {j.status === "completed" && j.topInsights[0] ? (
            <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-300">{j.topInsights[0].text}</p>
          ) : null}
          {j.error ? <p className="mt-1 text-sm text-amber-700 dark:text-amber-400">{j.error}</p> : null}
        </li>
      ))}
    </ul>
  );
}
