"use client";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, EmptyState, cx, inputClass } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { useRealtime } from "@/lib/realtime/client";
import { formatCents, formatDuration, formatInTimeZone } from "@/lib/format";
import { stageText } from "@/lib/eta";
import { createShareLinkAction, deleteVideosAction, rerenderVideosAction } from "@/app/(app)/videos/actions";
import { ProgressBar, StatusBadge, isFinal, providerName } from "./status";
import { chargedCents } from "./cost";
import { SINCE, SORTS, STATUS_GROUPS, STATUS_GROUP_LABEL, filtersToParams, filtersToUrl, type LibraryFilters, type Since, type Sort, type StatusGroup } from "./filters";
import type { ProviderOption, VideoListPage, VideoSummary } from "./types";

/** Every filter counts: one left out (platform was) hands the unfiltered server page to a filtered view. */
function sameFilters(a: LibraryFilters, b: LibraryFilters) {
  return a.status === b.status && a.provider === b.provider && a.campaignId === b.campaignId && a.q.trim() === b.q.trim() && a.sort === b.sort && a.since === b.since && a.platform === b.platform && a.page === b.page;
}

/** Short id: tells apart videos with the same title (also in the zip's file names). */
export function shortId(id: string) {
  return id.slice(0, 8);
}

export function VideoLibrary({
  initial,
  initialFilters,
  pageSize,
  campaigns,
  providers,
  platforms = [],
  timeZone,
}: {
  initial: VideoListPage;
  initialFilters: LibraryFilters;
  pageSize: number;
  timeZone: string;
  campaigns: { id: string; name: string }[];
  providers: ProviderOption[];
  platforms?: { id: string; label: string }[];
}) {
  const qc = useQueryClient();
  const toast = useToast();
  const [filters, setFilters] = useState<LibraryFilters>(initialFilters);
  const [search, setSearch] = useState(initialFilters.q);
  const [view, setView] = useState<"grid" | "list">("grid");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [sharing, setSharing] = useState(false);
  const [shared, setShared] = useState<{ id: string; title: string; url: string | null; error: string | null }[] | null>(null);

  // Search settles before it queries.
  useEffect(() => {
    const t = setTimeout(() => setFilters((f) => (f.q === search ? f : { ...f, q: search, page: 1 })), 300);
    return () => clearTimeout(t);
  }, [search]);

  // The address bar follows the filters, so a filtered view can be bookmarked or shared.
  useEffect(() => {
    const url = filtersToUrl(filters);
    if (window.location.pathname + window.location.search !== url) window.history.replaceState(null, "", url);
  }, [filters]);

  const queryKey = ["videos", filters] as const;
  const list = useQuery<VideoListPage>({
    queryKey,
    initialData: sameFilters(filters, initialFilters) ? initial : undefined,
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    queryFn: async ({ signal }) => {
      const res = await fetch(`/api/v1/videos?${filtersToParams(filters, pageSize)}`, { signal });
      if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? "Could not load videos.");
      return res.json();
    },
  });

  // Live rows: pushed status goes straight into every cached page; new or finished videos re-read the list.
  const refetchSoon = useRef<ReturnType<typeof setTimeout> | null>(null);
  useRealtime("video.updated", (e) => {
    let found = false;
    qc.setQueriesData<VideoListPage>({ queryKey: ["videos"] }, (old) => {
      if (!old) return old;
      return {
        ...old,
        videos: old.videos.map((v) => {
          if (v.id !== e.videoId) return v;
          found = true;
          if (isFinal(v.status) && !isFinal(e.status)) return v;
          return { ...v, status: e.status as VideoSummary["status"], stage: e.stage, progress: e.progress, etaSeconds: e.etaSeconds, provider: e.provider, error: e.error };
        }),
      };
    });
    if ((!found && e.status === "queued") || isFinal(e.status)) {
      if (refetchSoon.current) clearTimeout(refetchSoon.current);
      refetchSoon.current = setTimeout(() => void qc.invalidateQueries({ queryKey: ["videos"] }), 600);
    }
  });
  useEffect(() => () => {
    if (refetchSoon.current) clearTimeout(refetchSoon.current);
  }, []);

  const data = list.data;
  const videos = useMemo(() => data?.videos ?? [], [data]);
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filtered = filters.status !== "all" || !!filters.provider || !!filters.campaignId || !!filters.q.trim() || !!filters.since;
  // Selection can span pages; what we know about each selected video is what is on screen now.
  const known = new Map(videos.map((v) => [v.id, v]));
  const selectedReady = [...selected].filter((id) => known.get(id)?.status === "completed");

  const downloadZip = () => {
    if (!selectedReady.length) return toast("None of the selected videos is ready yet.", "info");
    const skipped = selected.size - selectedReady.length;
    if (skipped) toast(`${skipped} selected ${skipped === 1 ? "video is" : "videos are"} not ready and left out of the zip.`, "info");
    const a = document.createElement("a");
    a.href = `/api/media/videos/zip?ids=${selectedReady.join(",")}`;
    a.download = "";
    document.body.appendChild(a);
    a.click();
    a.remove();
  };

  const shareSelected = async () => {
    if (!selectedReady.length) return toast("Only ready videos can be shared; none of the selected is ready.", "info");
    setSharing(true);
    const out: { id: string; title: string; url: string | null; error: string | null }[] = [];
    for (const id of selectedReady) {
      const title = known.get(id)?.title ?? id;
      const r = await createShareLinkAction(id, 168).catch(() => null);
      out.push(r && r.ok ? { id, title, url: r.data.url, error: null } : { id, title, url: null, error: r ? r.error.message : "Could not reach the server." });
    }
    setSharing(false);
    setShared(out);
    for (const id of selectedReady) void qc.invalidateQueries({ queryKey: ["share-links", id] });
  };
  const allOnPage = videos.length > 0 && videos.every((v) => selected.has(v.id));

  const update = (patch: Partial<LibraryFilters>) => {
    setFilters((f) => ({ ...f, page: 1, ...patch }));
    setSelected(new Set());
  };

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });

  const [rerendering, setRerendering] = useState(false);
  const [rerendered, setRerendered] = useState<{ id: string; title: string; ok: boolean; newId?: string; error?: string }[] | null>(null);
  /** A new video per selected one, through the create service (tier and budget checked each). */
  const rerenderSelected = async () => {
    const ids = [...selected];
    setRerendering(true);
    const r = await rerenderVideosAction(ids).catch(() => ({ ok: false as const, error: { code: "internal", message: "Could not reach the server; nothing was re-rendered." } }));
    setRerendering(false);
    if (!r.ok) return toast(r.error.message, "error");
    const results = r.data.results.map((x) => ({ ...x, title: known.get(x.id)?.title ?? x.id.slice(0, 8) }));
    setRerendered(results);
    const ok = results.filter((x) => x.ok).length;
    toast(`${ok} of ${results.length} re-rendering${ok < results.length ? `; ${results.length - ok} refused (see below)` : ""}.`, ok === results.length ? "success" : "info");
    setSelected(new Set());
    void qc.invalidateQueries({ queryKey: ["videos"] });
  };

  const doDelete = async () => {
    const ids = [...selected];
    setDeleting(true);
    // Optimistic: the rows leave at once and come back if the server says no.
    const snapshot = qc.getQueriesData<VideoListPage>({ queryKey: ["videos"] });
    qc.setQueriesData<VideoListPage>({ queryKey: ["videos"] }, (old) =>
      old ? { ...old, total: Math.max(0, old.total - old.videos.filter((v) => ids.includes(v.id)).length), videos: old.videos.filter((v) => !ids.includes(v.id)) } : old,
    );
    setConfirming(false);
    const r = await deleteVideosAction(ids).catch(() => ({ ok: false as const, error: { code: "internal", message: "Could not reach the server; nothing was deleted." } }));
    setDeleting(false);
    if (!r.ok) {
      for (const [k, v] of snapshot) qc.setQueryData(k, v);
      toast(r.error.message, "error");
      return;
    }
    setSelected(new Set());
    toast(`Deleted ${r.data.deleted} ${r.data.deleted === 1 ? "video" : "videos"}.`, "success");
    void qc.invalidateQueries({ queryKey: ["videos"] });
  };

  return (
    <div className="space-y-5">
      <div className="flex flex-col gap-3 rounded-2xl bg-white p-3 shadow-sm ring-1 ring-slate-200/70 sm:p-4 dark:bg-slate-900 dark:ring-slate-800">
        {/* Search and the layout switch share the first row; the filters get a row of their own
            and wrap, so six selects never squeeze the search box or push the switch out. */}
        <div className="flex flex-wrap items-center gap-3">
          <div className="relative min-w-0 flex-1">
            <svg aria-hidden className="pointer-events-none absolute left-3 top-1/2 h-4 w-4 -translate-y-1/2 text-slate-400" viewBox="0 0 20 20" fill="currentColor"><path fillRule="evenodd" d="M9 3.5a5.5 5.5 0 100 11 5.5 5.5 0 000-11zM2 9a7 7 0 1112.45 4.39l3.58 3.58a.75.75 0 11-1.06 1.06l-3.58-3.58A7 7 0 012 9z" clipRule="evenodd" /></svg>
            <input type="search" aria-label="Search videos by title" placeholder="Search by title…" value={search} onChange={(e) => setSearch(e.target.value)} className={cx(inputClass, "pl-9")} />
          </div>
          <div className="order-2 grid w-full grid-cols-2 gap-2 sm:flex sm:flex-wrap">
            <select aria-label="Status" className={cx(inputClass, "sm:w-40")} value={filters.status} onChange={(e) => update({ status: e.target.value as StatusGroup })}>
              {(Object.keys(STATUS_GROUPS) as StatusGroup[]).map((s) => (
                <option key={s} value={s}>
                  {STATUS_GROUP_LABEL[s]}
                </option>
              ))}
            </select>
            <select aria-label="Provider" className={cx(inputClass, "sm:w-40")} value={filters.provider} onChange={(e) => update({ provider: e.target.value })}>
              <option value="">All providers</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {platforms.length ? (
              <select aria-label="Platform" className={cx(inputClass, "sm:w-44")} value={filters.platform} onChange={(e) => update({ platform: e.target.value })}>
                <option value="">All platforms</option>
                {platforms.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.label}
                  </option>
                ))}
              </select>
            ) : null}
            <select aria-label="Created" className={cx(inputClass, "sm:w-36")} value={filters.since} onChange={(e) => update({ since: e.target.value as Since })}>
              {(Object.keys(SINCE) as Since[]).map((k) => (
                <option key={k} value={k}>
                  {SINCE[k]}
                </option>
              ))}
            </select>
            <select aria-label="Sort" className={cx(inputClass, "sm:w-40")} value={filters.sort} onChange={(e) => update({ sort: e.target.value as Sort })}>
              {(Object.keys(SORTS) as Sort[]).map((k) => (
                <option key={k} value={k}>
                  {SORTS[k]}
                </option>
              ))}
            </select>
            {campaigns.length ? (
              <select aria-label="Campaign" className={cx(inputClass, "col-span-2 sm:w-44")} value={filters.campaignId} onChange={(e) => update({ campaignId: e.target.value })}>
                <option value="">All campaigns</option>
                {campaigns.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            ) : null}
          </div>
          <div role="group" aria-label="Layout" className="order-1 hidden shrink-0 rounded-lg bg-slate-100 p-1 sm:inline-flex dark:bg-slate-800">
            {(["grid", "list"] as const).map((m) => (
              <button
                key={m}
                type="button"
                aria-pressed={view === m}
                aria-label={m === "grid" ? "Grid view" : "List view"}
                onClick={() => setView(m)}
                className={cx("rounded-md px-2.5 py-1.5", view === m ? "bg-white shadow-sm dark:bg-slate-950" : "text-slate-600 dark:text-slate-400")}
              >
                {m === "grid" ? (
                  <svg aria-hidden className="h-4 w-4" viewBox="0 0 20 20" fill="currentColor"><path d="M3 3h6v6H3V3zm8 0h6v6h-6V3zM3 11h6v6H3v-6zm8 0h6v6h-6v-6z" /></svg>
                ) : (
                  <svg aria-hidden className="h-4 w-4" viewBox="0 0 20 20" fill="currentColor"><path d="M3 4h14v2H3V4zm0 5h14v2H3V9zm0 5h14v2H3v-2z" /></svg>
                )}
              </button>
            ))}
          </div>
        </div>
        <div className="flex min-h-8 flex-wrap items-center justify-between gap-2 text-sm">
          <label className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
            <input
              type="checkbox"
              className="h-4 w-4 rounded accent-brand-600"
              checked={allOnPage}
              disabled={!videos.length}
              onChange={() => setSelected(allOnPage ? new Set() : new Set(videos.map((v) => v.id)))}
            />
            Select all on this page
          </label>
          {selected.size ? (
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-slate-600 dark:text-slate-300">{selected.size} selected</span>
              <Button type="button" variant="ghost" size="sm" onClick={() => setSelected(new Set())}>
                Clear
              </Button>
              <Button type="button" variant="secondary" size="sm" onClick={downloadZip} disabled={!selectedReady.length} title={selectedReady.length ? undefined : "Select ready videos to download"}>
                Download zip
              </Button>
              <Button type="button" variant="secondary" size="sm" onClick={() => void shareSelected()} disabled={!selectedReady.length || sharing}>
                {sharing ? "Making links…" : "Share links"}
              </Button>
              <Button type="button" variant="secondary" size="sm" onClick={() => void rerenderSelected()} disabled={rerendering}>
                {rerendering ? "Re-rendering…" : "Re-render"}
              </Button>
              <Button type="button" variant="danger" size="sm" onClick={() => setConfirming(true)} disabled={deleting}>
                Delete selected
              </Button>
            </div>
          ) : (
            <span className="text-slate-600 dark:text-slate-400" aria-live="polite">
              {list.isFetching && !list.isLoading ? "Updating…" : `${total} ${total === 1 ? "video" : "videos"}`}
            </span>
          )}
        </div>
        {rerendered ? (
          <div role="status" aria-label="Re-render results" className="rounded-xl bg-slate-50 p-3 text-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
            <div className="mb-1 flex items-center justify-between gap-2">
              <p className="font-medium">Re-render</p>
              <Button type="button" variant="ghost" size="sm" onClick={() => setRerendered(null)}>Dismiss</Button>
            </div>
            <ul className="space-y-1">
              {rerendered.map((x) => (
                <li key={x.id} className="flex flex-wrap gap-x-2">
                  <span className="font-medium">{x.title}</span>
                  {x.ok ? (
                    <Link href={`/videos/${x.newId}`} className="text-brand-700 underline dark:text-brand-300">new video queued</Link>
                  ) : (
                    <span className="text-red-700 dark:text-red-300">{x.error}</span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </div>

      {filters.status === "failed" ? (
        <p className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 dark:bg-red-500/10 dark:text-red-200">
          Videos every provider gave up on, with the reason. Nothing was charged for them; open one to see each attempt, or re-generate it with changes.
        </p>
      ) : null}

      {list.isError && !data ? (
        <p role="alert" className="rounded-xl bg-red-50 px-4 py-3 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {(list.error as Error).message} <button className="font-medium underline" onClick={() => list.refetch()}>Try again</button>
        </p>
      ) : !data ? (
        <LibrarySkeleton />
      ) : videos.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No videos match"
            body="Nothing fits these filters. Clear them to see everything."
            action={
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setSearch("");
                  update({ status: "all", provider: "", campaignId: "", q: "", since: "" });
                }}
              >
                Clear filters
              </Button>
            }
          />
        ) : (
          <EmptyState
            title="No videos yet"
            body="Pick a presenter, write a script and the local studio renders a real MP4 — no API key needed."
            action={<Link href="/create" className="brand-gradient inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-white">Create your first video</Link>}
          />
        )
      ) : view === "grid" ? (
        <ul className={cx("grid gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4", list.isPlaceholderData && "opacity-60")} aria-label="Videos">
          {videos.map((v) => (
            <VideoCard key={v.id} v={v} selected={selected.has(v.id)} onToggle={() => toggle(v.id)} timeZone={timeZone} />
          ))}
        </ul>
      ) : (
        <VideoTable videos={videos} selected={selected} onToggle={toggle} dim={list.isPlaceholderData} timeZone={timeZone} />
      )}

      {data && total > pageSize ? (
        <nav aria-label="Pagination" className="flex items-center justify-between gap-3 text-sm">
          <span className="text-slate-600 dark:text-slate-400">
            {(filters.page - 1) * pageSize + 1}–{Math.min(total, filters.page * pageSize)} of {total}
          </span>
          <span className="flex items-center gap-2">
            <Button type="button" variant="secondary" size="sm" disabled={filters.page <= 1} onClick={() => setFilters((f) => ({ ...f, page: f.page - 1 }))}>
              Previous
            </Button>
            <span className="tabular-nums text-slate-600 dark:text-slate-300">
              Page {filters.page} of {pages}
            </span>
            <Button type="button" variant="secondary" size="sm" disabled={filters.page >= pages} onClick={() => setFilters((f) => ({ ...f, page: f.page + 1 }))}>
              Next
            </Button>
          </span>
        </nav>
      ) : null}

      <SharedLinks links={shared} onClose={() => setShared(null)} />
      <ConfirmDelete open={confirming} count={selected.size} onCancel={() => setConfirming(false)} onConfirm={doDelete} />
    </div>
  );
}

function Thumb({ v }: { v: VideoSummary }) {
  if (v.urls.thumbnail) {
    return (
      <span className="relative block h-full w-full">
        <img src={v.urls.thumbnail} alt="" aria-hidden loading="lazy" className="absolute inset-0 h-full w-full scale-110 object-cover opacity-60 blur-lg" />
        <img src={v.urls.thumbnail} alt="" loading="lazy" className="relative h-full w-full object-contain" />
      </span>
    );
  }
  const failed = v.status === "failed" || v.status === "timeout";
  return (
    <span className={cx("flex h-full w-full flex-col items-center justify-center gap-2 px-4", failed ? "bg-red-950/90" : v.status === "cancelled" ? "bg-slate-800" : "brand-gradient")}>
      {!isFinal(v.status) ? (
        <>
          <span className="text-center text-xs font-medium text-white/90">{stageText(v.status, v.stage)}</span>
          <ProgressBar value={v.progress} label={`Progress of ${v.title}`} className="h-1.5 max-w-40 bg-white/25 dark:bg-white/25" />
        </>
      ) : (
        <span className="text-2xl text-white/70" aria-hidden>
          {failed ? "!" : "■"}
        </span>
      )}
    </span>
  );
}

function VideoCard({ v, selected, onToggle, timeZone }: { v: VideoSummary; selected: boolean; onToggle: () => void; timeZone: string }) {
  const created = formatInTimeZone(v.createdAt, timeZone, { weekday: false });
  const failed = v.status === "failed" || v.status === "timeout";
  return (
    <li
      className={cx(
        "group relative overflow-hidden rounded-2xl bg-white shadow-sm ring-1 transition hover:shadow-md dark:bg-slate-900",
        selected ? "ring-2 ring-brand-500" : "ring-slate-200/70 dark:ring-slate-800",
      )}
      data-testid="video-card"
    >
      <Link href={`/videos/${v.id}`} className="block" aria-label={`${v.title}, ${v.status === "completed" ? "ready" : v.status}, created ${created}`}>
        <span className="relative block aspect-video overflow-hidden bg-slate-900">
          <Thumb v={v} />
          {v.durationSeconds ? (
            <span className="absolute bottom-2 right-2 rounded bg-black/70 px-1.5 py-0.5 text-[11px] font-medium tabular-nums text-white">{formatDuration(v.durationSeconds)}</span>
          ) : null}
        </span>
      </Link>
      <label className="absolute left-2 top-2 flex h-8 w-8 cursor-pointer items-center justify-center rounded-lg bg-white/90 shadow-sm ring-1 ring-black/5 dark:bg-slate-900/90">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${v.title} (${shortId(v.id)})`} className="h-4 w-4 accent-brand-600" />
      </label>
      <span className="absolute right-2 top-2">
        <StatusBadge status={v.status} />
      </span>
      <div className="p-4">
        <Link href={`/videos/${v.id}`} className="line-clamp-2 font-medium leading-snug hover:underline" tabIndex={-1}>
          {v.title}
        </Link>
        {failed && v.error ? <p className="mt-1 line-clamp-2 text-xs text-red-600 dark:text-red-400" title={v.error}>{v.error}</p> : null}
        <p className="mt-2 flex flex-wrap gap-x-2 text-xs text-slate-600 dark:text-slate-400">
          <span>{providerName(v.provider)}</span>
          <span aria-hidden>·</span>
          <span>{chargedCents(v) != null ? formatCents(chargedCents(v)!) : `est. ${formatCents(v.estimatedCostCents)}`}</span>
          <span aria-hidden>·</span>
          <span>{created}</span>
          <span aria-hidden>·</span>
          <span className="font-mono" title={`Video id ${v.id}`}>#{shortId(v.id)}</span>
        </p>
      </div>
    </li>
  );
}

function VideoTable({ videos, selected, onToggle, dim, timeZone }: { videos: VideoSummary[]; selected: Set<string>; onToggle: (id: string) => void; dim: boolean; timeZone: string }) {
  return (
    <div className={cx("overflow-x-auto rounded-2xl bg-white shadow-sm ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800", dim && "opacity-60")}>
      <table className="w-full min-w-[44rem] text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="w-10 px-4 py-3"><span className="sr-only">Select</span></th>
            <th scope="col" className="px-2 py-3 font-medium">Video</th>
            <th scope="col" className="px-2 py-3 font-medium">Status</th>
            <th scope="col" className="px-2 py-3 font-medium">Duration</th>
            <th scope="col" className="px-2 py-3 font-medium">Provider</th>
            <th scope="col" className="px-2 py-3 text-right font-medium">Cost</th>
            <th scope="col" className="px-4 py-3 font-medium">Created</th>
          </tr>
        </thead>
        <tbody>
          {videos.map((v) => (
            <tr key={v.id} className={cx("border-b border-slate-100 last:border-0 dark:border-slate-800/60", selected.has(v.id) && "bg-brand-50/60 dark:bg-brand-500/10")}>
              <td className="px-4 py-2.5">
                <input type="checkbox" checked={selected.has(v.id)} onChange={() => onToggle(v.id)} aria-label={`Select ${v.title} (${shortId(v.id)})`} className="h-4 w-4 accent-brand-600" />
              </td>
              <td className="px-2 py-2.5">
                <Link href={`/videos/${v.id}`} className="flex items-center gap-3">
                  <span className="relative block h-10 w-16 shrink-0 overflow-hidden rounded-md bg-slate-900">
                    <Thumb v={{ ...v, stage: "" }} />
                  </span>
                  <span className="min-w-0">
                    <span className="block max-w-xs truncate font-medium hover:underline" title={v.title}>{v.title}</span>
                    <span className="block font-mono text-xs text-slate-600 dark:text-slate-400">#{shortId(v.id)}</span>
                    {(v.status === "failed" || v.status === "timeout") && v.error ? <span className="block max-w-xs truncate text-xs text-red-600 dark:text-red-400">{v.error}</span> : null}
                  </span>
                </Link>
              </td>
              <td className="px-2 py-2.5"><StatusBadge status={v.status} /></td>
              <td className="px-2 py-2.5 tabular-nums">{formatDuration(v.durationSeconds)}</td>
              <td className="px-2 py-2.5">{providerName(v.provider)}</td>
              <td className="px-2 py-2.5 text-right tabular-nums">{chargedCents(v) != null ? formatCents(chargedCents(v)!) : "—"}</td>
              <td className="px-4 py-2.5 text-slate-600 dark:text-slate-400">{formatInTimeZone(v.createdAt, timeZone, { weekday: false })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LibrarySkeleton() {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3 2xl:grid-cols-4" aria-label="Loading videos">
      {Array.from({ length: 6 }, (_, i) => (
        <li key={i} className="overflow-hidden rounded-2xl bg-white ring-1 ring-slate-200/70 dark:bg-slate-900 dark:ring-slate-800">
          <div className="aspect-video animate-pulse bg-slate-200 dark:bg-slate-800" />
          <div className="space-y-2 p-4">
            <div className="h-4 w-3/4 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
            <div className="h-3 w-1/2 animate-pulse rounded bg-slate-100 dark:bg-slate-800/70" />
          </div>
        </li>
      ))}
    </ul>
  );
}

function ConfirmDelete({ open, count, onCancel, onConfirm }: { open: boolean; count: number; onCancel: () => void; onConfirm: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      aria-labelledby="confirm-delete-title"
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl bg-white p-6 text-slate-900 shadow-2xl backdrop:bg-slate-900/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="confirm-delete-title" className="text-lg font-semibold">
        Delete {count} {count === 1 ? "video" : "videos"}?
      </h2>
      <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
        They disappear from the library and their share links stop working. Videos still rendering are cancelled first and nothing more is charged. This cannot be undone.
      </p>
      <div className="mt-6 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onCancel} autoFocus>
          {count === 1 ? "Keep it" : "Keep them"}
        </Button>
        <Button type="button" variant="danger" onClick={onConfirm}>
          Delete {count === 1 ? "video" : `${count} videos`}
        </Button>
      </div>
    </dialog>
  );
}

/** The links made by "Share links", one per ready video, with a copy-all. */
function SharedLinks({ links, onClose }: { links: { id: string; title: string; url: string | null; error: string | null }[] | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const toast = useToast();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (links && !d.open) d.showModal();
    if (!links && d.open) d.close();
  }, [links]);
  const ok = (links ?? []).filter((l) => l.url);
  const copyAll = async () => {
    const text = ok.map((l) => `${l.title}: ${l.url}`).join("\n");
    try {
      await navigator.clipboard.writeText(text);
      toast(`Copied ${ok.length} ${ok.length === 1 ? "link" : "links"}.`, "success");
    } catch {
      toast("Select the links and copy them.", "info");
    }
  };
  return (
    <dialog
      ref={ref}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      aria-labelledby="shared-links-title"
      className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-2xl bg-white p-6 text-slate-900 shadow-2xl backdrop:bg-slate-900/50 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shared-links-title" className="text-lg font-semibold">
        Share links ({ok.length})
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Each link works for 7 days, without an account. Revoke one on its video page.</p>
      <ul className="mt-4 max-h-80 space-y-3 overflow-y-auto" data-testid="bulk-share-links">
        {(links ?? []).map((l) => (
          <li key={l.id} className="min-w-0 text-sm">
            <p className="truncate font-medium" title={l.title}>
              {l.title} <span className="font-mono text-xs text-slate-600 dark:text-slate-400">#{shortId(l.id)}</span>
            </p>
            {l.url ? (
              <input readOnly value={l.url} aria-label={`Share link for ${l.title}`} onFocus={(e) => e.currentTarget.select()} className={cx(inputClass, "mt-1 font-mono text-xs")} />
            ) : (
              <p className="text-red-700 dark:text-red-300">{l.error}</p>
            )}
          </li>
        ))}
      </ul>
      <div className="mt-6 flex justify-end gap-2">
        <Button type="button" variant="secondary" onClick={onClose}>
          Close
        </Button>
        {ok.length ? (
          <Button type="button" onClick={() => void copyAll()} autoFocus>
            Copy all
          </Button>
        ) : null}
      </div>
    </dialog>
  );
}
