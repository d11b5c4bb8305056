"use client";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@/components/ui/primitives";
import { SOURCE_NAMES } from "@/components/research/status";
import { plural } from "@/lib/research/text";
import type { ScriptLineView } from "./script-sources";

interface ResearchJob {
  id: string;
  name: string;
  status: string;
  itemCount: number;
  completedAt: string | null;
  sources: string[];
  topInsights: { id: string; text: string; topic: string }[];
}

export interface ResearchScript {
  title: string;
  script: string;
  citations: { title: string; url: string; source: string }[];
  insightIds: string[];
  source: string;
  /** Each spoken line with its sources (research-written shorts). */
  lines?: ScriptLineView[];
}

async function fetchJobs(): Promise<ResearchJob[]> {
  const res = await fetch("/api/v1/research/jobs?status=completed&limit=10", { headers: { accept: "application/json" } });
  // The research API may not exist yet on this deployment: treat that as "no research".
  if (res.status === 404) return [];
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? "Could not load research. Try again.");
  const body = (await res.json()) as { jobs?: ResearchJob[] };
  return body.jobs ?? [];
}

/** "Insert from research": lists recent completed research and turns one into a script. */
export function ResearchPicker({ onPick }: { onPick: (jobId: string, r: ResearchScript, name: string) => void }) {
  const [open, setOpen] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const jobs = useQuery({ queryKey: ["research-jobs", "completed"], queryFn: fetchJobs, enabled: open, staleTime: 30_000 });
  const make = useMutation({
    mutationFn: async (job: ResearchJob) => {
      const res = await fetch(`/api/v1/research/jobs/${job.id}/script`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      const body = await res.json().catch(() => null);
      if (!res.ok) throw new Error(body?.error?.message ?? "Could not write a script from this research. Try another one.");
      return { job, script: body as ResearchScript };
    },
    onSuccess: ({ job, script }) => {
      onPick(job.id, script, job.name);
      setOpen(false);
      buttonRef.current?.focus();
    },
  });

  // The button sits low on the create page: bring the whole panel on screen when it opens and
  // again when its list arrives (it grows), instead of leaving it clipped below the fold.
  useEffect(() => {
    if (open) panelRef.current?.scrollIntoView({ block: "nearest" });
  }, [open, jobs.data, jobs.isLoading]);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    const onDown = (e: MouseEvent) => {
      if (panelRef.current && !panelRef.current.contains(e.target as Node) && !buttonRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onDown);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onDown);
    };
  }, [open]);

  return (
    <div className="relative">
      <Button
        ref={buttonRef}
        type="button"
        variant="secondary"
        size="sm"
        aria-expanded={open}
        aria-controls="research-panel"
        onClick={() => setOpen((o) => !o)}
      >
        <svg aria-hidden className="h-4 w-4" viewBox="0 0 20 20" fill="currentColor"><path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM2 9a7 7 0 1112.45 4.39l3.58 3.58a.75.75 0 11-1.06 1.06l-3.58-3.58A7 7 0 012 9z" clipRule="evenodd" /></svg>
        Insert from research
      </Button>
      {open ? (
        <div
          ref={panelRef}
          id="research-panel"
          role="dialog"
          aria-label="Insert from research"
          className="absolute right-0 z-30 mt-2 w-[min(26rem,calc(100vw-2.5rem))] scroll-mb-4 rounded-2xl bg-white p-3 shadow-xl ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700"
        >
          <p className="px-1 pb-2 text-sm font-semibold">Recent research</p>
          {jobs.isLoading ? (
            <div className="space-y-2" aria-label="Loading research">
              {[0, 1, 2].map((i) => (
                <div key={i} className="h-16 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800" />
              ))}
            </div>
          ) : jobs.isError ? (
            <p role="alert" className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
              {(jobs.error as Error).message}
            </p>
          ) : !jobs.data?.length ? (
            <div className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-center text-sm dark:border-slate-700">
              <p className="font-medium">No research yet — run one in Research</p>
              <p className="mt-1 text-slate-600 dark:text-slate-400">Finished research shows up here and turns into a cited script in one click.</p>
              <Link href="/research" className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
                Go to Research →
              </Link>
            </div>
          ) : (
            <ul className="max-h-[min(20rem,calc(100dvh-10rem))] space-y-2 overflow-y-auto">
              {jobs.data.map((j) => (
                <li key={j.id}>
                  <button
                    type="button"
                    disabled={make.isPending}
                    onClick={() => make.mutate(j)}
                    aria-label={`Use research "${j.name}"`}
                    className="w-full rounded-xl px-3 py-2.5 text-left ring-1 ring-slate-200 transition hover:bg-brand-50 hover:ring-brand-300 disabled:opacity-60 dark:ring-slate-800 dark:hover:bg-brand-500/10"
                  >
                    <span className="flex items-center justify-between gap-2">
                      <span className="truncate text-sm font-medium">{j.name}</span>
                      <span className="shrink-0 text-xs text-slate-600 dark:text-slate-400">{plural(j.itemCount, "item")}</span>
                    </span>
                    {j.sources.length ? (
                      <span className="mt-1 flex flex-wrap gap-1">
                        {j.sources.map((s) => (
                          <span key={s} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                            {SOURCE_NAMES[s] ?? s}
                          </span>
                        ))}
                      </span>
                    ) : null}
                    {j.topInsights.slice(0, 2).map((i) => (
                      <span key={i.id} className="mt-1 block truncate text-xs text-slate-600 dark:text-slate-400">
                        • {i.text}
                      </span>
                    ))}
                    {make.isPending && make.variables?.id === j.id ? <span className="mt-1 block text-xs font-medium text-brand-700 dark:text-brand-300">Writing the script…</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {make.isError ? (
            <p role="alert" className="mt-2 text-sm text-red-600 dark:text-red-400">
              {(make.error as Error).message}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
