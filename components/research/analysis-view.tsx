"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Badge, Card, PageHeader, cx } from "@/components/ui/primitives";
import { useRealtime } from "@/lib/realtime/client";
import { plural } from "@/lib/research/text";
import { JobStatusBadge, SOURCE_NAMES } from "./status";
import { GenerateForm, type AvatarOption } from "./generate-form";

export interface ItemView {
  id: string;
  source: string;
  title: string;
  summary: string | null;
  url: string | null;
  score: number | null;
  comments: number | null;
  publishedAt: string;
}

export interface InsightView {
  id: string;
  kind: string;
  text: string;
  topic: string;
  itemIds: string[];
  score: number;
  count?: number;
  sources?: string[];
  phrase?: string;
}

export interface JobView {
  id: string;
  name: string;
  status: string;
  error: string | null;
  itemCount: number;
  createdAt: string;
  completedAt: string | null;
  sourceErrors: Array<{ source: string; message: string }>;
  analysis: {
    generatedAt: string;
    polished: boolean;
    summary: { bySource: Record<string, number>; totalComments: number };
    key_insights: InsightView[];
    trending_topics: InsightView[];
    actionable_recommendations: InsightView[];
  } | null;
  items: ItemView[];
  mainSource: string;
  videos: Array<{ id: string; title: string; status: string }>;
}

function ItemLinks({ ids, items }: { ids: string[]; items: Map<string, ItemView> }) {
  const list = ids.map((id) => items.get(id)).filter((i): i is ItemView => !!i);
  return (
    <ul className="mt-2 space-y-1">
      {list.slice(0, 4).map((it) => (
        <li key={it.id} className="flex items-start gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span className="mt-0.5 shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {SOURCE_NAMES[it.source] ?? it.source}
          </span>
          {it.url ? (
            <a href={it.url} target="_blank" rel="noreferrer noopener" className="line-clamp-1 hover:text-brand-600 hover:underline">
              {it.title}
            </a>
          ) : (
            <span className="line-clamp-1">{it.title}</span>
          )}
        </li>
      ))}
      {list.length > 4 ? <li className="text-xs text-slate-600 dark:text-slate-400">+ {list.length - 4} more</li> : null}
    </ul>
  );
}

function InsightCard({ ins, items, selected, onToggle }: { ins: InsightView; items: Map<string, ItemView>; selected: boolean; onToggle: () => void }) {
  return (
    <li className={cx("rounded-xl p-4 ring-1 transition", selected ? "bg-brand-50/70 ring-brand-300 dark:bg-brand-500/10 dark:ring-brand-500/50" : "ring-slate-200 dark:ring-slate-800")}>
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          className="mt-1 h-4 w-4 shrink-0 accent-brand-600"
          checked={selected}
          onChange={onToggle}
          aria-label={`Use “${ins.topic}” in the script`}
        />
        <div className="min-w-0 flex-1">
          <p className="text-sm leading-relaxed">{ins.text}</p>
          <div className="mt-2 flex flex-wrap items-center gap-1.5">
            <Badge tone="brand">{ins.topic}</Badge>
            <span className="text-xs text-slate-600 dark:text-slate-400">
              {ins.itemIds.length} source item{ins.itemIds.length === 1 ? "" : "s"}
            </span>
          </div>
          <ItemLinks ids={ins.itemIds} items={items} />
        </div>
      </div>
    </li>
  );
}

export function AnalysisView({ job, avatars, templates }: { job: JobView; avatars: AvatarOption[]; templates: Array<{ id: string; name: string }> }) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const items = useMemo(() => new Map(job.items.map((i) => [i.id, i])), [job.items]);
  const live = job.status === "queued" || job.status === "running";

  useRealtime("research.updated", (e) => {
    if (e.researchJobId === job.id) router.refresh();
  });
  useEffect(() => {
    if (!live) return;
    const t = setInterval(() => router.refresh(), 3000);
    return () => clearInterval(t);
  }, [live, router]);

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));
  const a = job.analysis;

  return (
    <div>
      <nav className="mb-3 text-sm">
        <Link href="/research" className="text-brand-700 hover:underline dark:text-brand-300">
          ← Research
        </Link>
      </nav>
      <PageHeader
        title={job.name}
        description={`${plural(job.itemCount, "item")} · ${Object.entries(a?.summary.bySource ?? {})
          .map(([s, n]) => `${SOURCE_NAMES[s] ?? s} ${n}`)
          .join(" · ")}`}
        actions={
          <div className="flex items-center gap-2">
            <JobStatusBadge status={job.status} />
            {job.status === "completed" ? (
              <Link
                href={`/create?researchJob=${job.id}`}
                className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white shadow-sm hover:brightness-110"
              >
                Make a video
              </Link>
            ) : null}
          </div>
        }
      />

      {live ? (
        <Card className="flex items-center gap-3">
          <span aria-hidden className="h-3 w-3 animate-ping rounded-full bg-brand-500" />
          <p className="text-sm">Researching your sources… this page updates by itself.</p>
        </Card>
      ) : null}
      {job.status === "failed" ? (
        <Card className="ring-red-200 dark:ring-red-900">
          <h2 className="font-semibold text-red-700 dark:text-red-400">This run failed</h2>
          <p className="mt-1 text-sm">{job.error}</p>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Check the sources in the configuration and run it again from the Research page.</p>
        </Card>
      ) : null}
      {job.sourceErrors.length && job.status === "completed" ? (
        <div role="status" className="mb-6 rounded-xl bg-amber-50 p-4 text-sm text-amber-900 ring-1 ring-amber-200 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-500/30">
          <p className="font-medium">Some sources did not answer; the analysis uses the others.</p>
          <ul className="mt-1 list-disc pl-5">
            {job.sourceErrors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {a ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <div className="space-y-6 lg:col-span-2">
            <Card>
              <h2 className="text-base font-semibold">Key insights</h2>
              <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">Tick insights to build the script from them; otherwise the extraction rule picks.</p>
              <ul className="space-y-3" aria-label="Key insights">
                {a.key_insights.map((ins) => (
                  <InsightCard key={ins.id} ins={ins} items={items} selected={selected.includes(ins.id)} onToggle={() => toggle(ins.id)} />
                ))}
              </ul>
            </Card>
            <Card>
              <h2 className="mb-4 text-base font-semibold">Recommendations</h2>
              {a.actionable_recommendations.length ? (
                <ul className="space-y-3" aria-label="Recommendations">
                  {a.actionable_recommendations.map((ins) => (
                    <InsightCard key={ins.id} ins={ins} items={items} selected={selected.includes(ins.id)} onToggle={() => toggle(ins.id)} />
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-600 dark:text-slate-400">No recommendations for this run.</p>
              )}
            </Card>
          </div>
          <div className="space-y-6">
            <GenerateForm jobId={job.id} selected={selected} avatars={avatars} templates={templates} disabled={job.status !== "completed"} videos={job.videos} />
            <Card>
              <h2 className="mb-4 text-base font-semibold">Trending topics</h2>
              <ul className="space-y-3" aria-label="Trending topics">
                {a.trending_topics.map((t) => (
                  <li key={t.id}>
                    <div className="flex items-center justify-between gap-2">
                      <label className="flex min-w-0 items-center gap-2 text-sm font-medium">
                        <input type="checkbox" className="h-4 w-4 accent-brand-600" checked={selected.includes(t.id)} onChange={() => toggle(t.id)} aria-label={`Use trend “${t.phrase ?? t.topic}” in the script`} />
                        <span className="truncate">{t.phrase ?? t.topic}</span>
                      </label>
                      <Badge tone="blue">{t.count ?? t.itemIds.length}×</Badge>
                    </div>
                    <div className="mt-1.5 h-1.5 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800">
                      <div
                        className="brand-gradient h-full rounded-full"
                        style={{ width: `${Math.max(8, Math.round(((t.count ?? t.itemIds.length) / Math.max(1, ...a.trending_topics.map((x) => x.count ?? x.itemIds.length))) * 100))}%` }}
                      />
                    </div>
                    <ItemLinks ids={t.itemIds.slice(0, 2)} items={items} />
                  </li>
                ))}
              </ul>
            </Card>
          </div>
        </div>
      ) : null}

      {job.items.length ? (
        <Card className="mt-6">
          <details>
            <summary className="cursor-pointer text-base font-semibold">All items ({job.items.length})</summary>
            <ul className="mt-4 divide-y divide-slate-100 dark:divide-slate-800">
              {job.items.map((it) => (
                <li key={it.id} className="py-2 text-sm">
                  <span className="mr-2 text-xs font-medium uppercase text-slate-600 dark:text-slate-400">{SOURCE_NAMES[it.source] ?? it.source}</span>
                  {it.url ? (
                    <a href={it.url} target="_blank" rel="noreferrer noopener" className="hover:text-brand-600 hover:underline">
                      {it.title}
                    </a>
                  ) : (
                    it.title
                  )}
                  {it.summary ? <p className="mt-0.5 line-clamp-2 text-xs text-slate-600 dark:text-slate-400">{it.summary}</p> : null}
                </li>
              ))}
            </ul>
          </details>
        </Card>
      ) : null}
    </div>
  );
}
