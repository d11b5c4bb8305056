"use client";
import Link from "next/link";
import { useEffect, useState, useTransition } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge, Button, Card, cx } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { useRealtime, getSocket } from "@/lib/realtime/client";
import { formatBytes, formatCents, formatDuration, formatInTimeZone } from "@/lib/format";
import { cancelVideoAction } from "@/app/(app)/videos/actions";
import { SharePanel } from "./share-panel";
import { chargedCents, costBreakdown } from "./cost";
import { ProgressBar, StatusBadge, isFinal, providerName, statusLabel } from "./status";
import { useEtaLabel } from "./use-eta";
import { stageText } from "@/lib/eta";
import type { AttemptRow, PlatformOption, ShareLinkRow, VideoDetailData } from "./types";

const ASPECT_CLASS: Record<string, string> = { portrait: "aspect-[9/16] max-h-[70vh]", landscape: "aspect-video w-full", square: "aspect-square max-h-[70vh]", portrait_4x5: "aspect-[4/5] max-h-[70vh]" };
const ASPECT_LABEL: Record<string, string> = { portrait: "Portrait 9:16", landscape: "Landscape 16:9", square: "Square 1:1", portrait_4x5: "Portrait 4:5" };
/** Composed shorts (issue 14) store one file per aspect under the aspect's name ("9:16"). */
const COMPOSED_ASPECTS: Array<{ aspect: string; label: string; frame: string }> = [
  { aspect: "9:16", label: "Vertical 9:16", frame: "aspect-[9/16]" },
  { aspect: "16:9", label: "Landscape 16:9", frame: "aspect-video" },
  { aspect: "1:1", label: "Square 1:1", frame: "aspect-square" },
  { aspect: "4:5", label: "Portrait 4:5", frame: "aspect-[4/5]" },
];

/** One player and download per aspect, when a composed short was laid out for several. */
function AspectRenditions({ id, title, renditions }: { id: string; title: string; renditions: string[] }) {
  const made = COMPOSED_ASPECTS.filter((a) => renditions.includes(a.aspect));
  if (made.length < 2) return null;
  return (
    <section aria-labelledby="formats-heading" className="mt-4 border-t border-slate-100 px-1 pt-4 dark:border-slate-800" data-testid="aspect-renditions">
      <h2 id="formats-heading" className="mb-3 text-sm font-semibold">
        Formats <span className="font-normal text-slate-600 dark:text-slate-400">· each laid out on its own</span>
      </h2>
      <ul className="grid grid-cols-2 items-end gap-3 sm:grid-cols-3">
        {made.map((a) => {
          const src = `/api/media/videos/${id}?rendition=${encodeURIComponent(a.aspect)}`;
          return (
            <li key={a.aspect} className="min-w-0 space-y-2">
              <div className={cx("mx-auto max-h-72 overflow-hidden rounded-lg bg-black", a.frame, a.aspect === "16:9" ? "w-full" : "h-72 max-w-full")}>
                <video src={src} controls playsInline preload="metadata" aria-label={`${title}, ${a.label}`} className="h-full w-full object-contain" />
              </div>
              <a
                href={`${src}&download=1`}
                download
                aria-label={`Download ${a.label}`}
                className="flex items-center justify-center gap-1.5 rounded-lg px-3 py-1.5 text-sm ring-1 ring-slate-200 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
              >
                <span aria-hidden>↓</span> {a.label}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

const STEPS = ["queued", "submitting", "rendering", "processing", "completed"] as const;

async function fetchVideo(id: string): Promise<VideoDetailData> {
  const res = await fetch(`/api/v1/videos/${id}`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error((await res.json().catch(() => null))?.error?.message ?? "Could not load the video.");
  return res.json();
}

/** The player page: live status while it renders, then the player, downloads and sharing. */
export function VideoDetail({
  initial,
  initialLinks,
  platforms,
  avatar,
  timeZone = "UTC",
}: {
  initial: VideoDetailData;
  initialLinks: ShareLinkRow[];
  platforms: PlatformOption[];
  avatar: { name: string; imageUrl: string } | null;
  /** The workspace's zone: dates read the same on the server render and in every browser. */
  timeZone?: string;
}) {
  const id = initial.id;
  const qc = useQueryClient();
  const key = ["video", id];
  const { data } = useQuery({ queryKey: key, queryFn: () => fetchVideo(id), initialData: initial, staleTime: Infinity });
  const v = data ?? initial;
  const final = isFinal(v.status);
  // A composed short's B-roll clips are charged on child videos: the total and what it is made of.
  const charged = chargedCents(v);
  const breakdown = costBreakdown(v.cost);

  // Pushed status: applied as it arrives; a final status re-reads the row once for media, cost, renditions.
  useRealtime(
    "video.updated",
    (e) => {
      if (e.videoId !== id) return;
      qc.setQueryData<VideoDetailData>(key, (old) => {
        if (!old) return old;
        if (isFinal(old.status) && !isFinal(e.status)) return old;
        const next = { ...old, status: e.status as VideoDetailData["status"], stage: e.stage, progress: e.progress, etaSeconds: e.etaSeconds, provider: e.provider, error: e.error };
        // "completed" is only emitted once the file and thumbnail are stored, so the player (with
        // its poster) can show at once instead of an empty card until the re-read below lands.
        if (e.status === "completed" && !old.urls.video) {
          const media = `/api/media/videos/${id}`;
          next.urls = { ...old.urls, video: media, thumbnail: old.urls.thumbnail ?? `${media}/thumbnail`, download: `${media}?download=1` };
        }
        return next;
      });
      if (isFinal(e.status)) void qc.invalidateQueries({ queryKey: key });
    },
    id,
  );
  useRealtime(
    "video.attempt",
    (e) => {
      if (e.videoId !== id) return;
      qc.setQueryData<VideoDetailData>(key, (old) => {
        if (!old) return old;
        const attempts = [...old.attempts];
        const i = attempts.findIndex((a) => a.attemptNumber === e.attemptNumber);
        const row: AttemptRow = {
          ...(i >= 0 ? attempts[i] : { estimatedCostCents: 0, costCents: 0, startedAt: new Date().toISOString(), finishedAt: null }),
          attemptNumber: e.attemptNumber,
          provider: e.provider,
          outcome: e.outcome as AttemptRow["outcome"],
          error: e.error,
        };
        if (i >= 0) attempts[i] = row;
        else attempts.push(row);
        return { ...old, attempts: attempts.sort((a, b) => a.attemptNumber - b.attemptNumber) };
      });
    },
    id,
  );
  // Whatever happened before the socket joined (or while it was disconnected) is read once on connect.
  useEffect(() => {
    if (final) return;
    const s = getSocket();
    const resync = () => void qc.invalidateQueries({ queryKey: ["video", id] });
    s.on("connect", resync);
    return () => {
      s.off("connect", resync);
    };
  }, [final, id, qc]);

  const toast = useToast();
  const [cancelling, startCancel] = useTransition();
  const [cancelError, setCancelError] = useState<string | null>(null);
  const cancel = () => {
    // Cleared before the transition: updates inside an async transition only show when it ends,
    // so a retry kept the old "not cancelled" alert up for as long as the server took.
    setCancelError(null);
    startCancel(async () => {
      // A server action that cannot reach the server rejects (offline, server restarting); left
      // uncaught inside a transition it replaced the whole app with "This page couldn't load".
      const r = await cancelVideoAction(id).catch(() => null);
      if (!r) {
        const msg = navigator.onLine ? "Could not reach the server, so the video was not cancelled. Try again." : "You are offline, so the video was not cancelled. Try again when the connection is back.";
        setCancelError(msg);
        toast(msg, "error");
        return;
      }
      if (r.ok) {
        qc.setQueryData<VideoDetailData>(key, (old) => (old ? { ...old, stage: r.data.stage, status: r.data.status } : old));
        toast("Cancelling — any reserved budget is released.", "info");
      } else {
        setCancelError(r.error.message);
        toast(r.error.message, "error");
      }
    });
  };

  const platformLabel = (pid: string) => platforms.find((p) => p.id === pid)?.label ?? pid;

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/videos" className="text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white">
          ← All videos
        </Link>
      </nav>
      <div className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="break-words text-2xl font-semibold tracking-tight">{v.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
            <StatusBadge status={v.status} testId="video-status" />
            <span>Created {formatInTimeZone(v.createdAt, timeZone)}</span>
            <span className="font-mono text-xs" title={`Video id ${v.id}`}>#{v.id.slice(0, 8)}</span>
            {avatar ? <span>· {avatar.name}</span> : null}
          </div>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2">
          {!final ? (
            <Button variant="secondary" onClick={cancel} disabled={cancelling || v.stage === "Cancelling…"}>
              {cancelling || v.stage === "Cancelling…" ? "Cancelling…" : cancelError ? "Retry cancel" : "Cancel"}
            </Button>
          ) : null}
          <Link
            href={`/create?from=${id}`}
            className="inline-flex h-10 items-center justify-center gap-2 rounded-lg bg-white px-4 text-sm font-medium text-slate-800 ring-1 ring-slate-200 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:hover:bg-slate-800"
          >
            Re-generate with changes
          </Link>
        </div>
      </div>

      {cancelError && !final ? (
        <p role="alert" data-testid="cancel-error" className="mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-xl bg-red-50 px-4 py-3 text-sm text-red-800 dark:bg-red-950 dark:text-red-200">
          <span className="min-w-0">{cancelError}</span>
          <button type="button" className="font-semibold underline" onClick={cancel} disabled={cancelling}>
            Try again
          </button>
        </p>
      ) : null}
      {/* Reading order: the video, sharing, attempts, details; wide screens put sharing and details beside the video. */}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:grid-rows-[auto_1fr_auto]">
          <div className="min-w-0 lg:col-start-1 lg:row-span-2 lg:row-start-1">
          {v.status === "completed" && v.urls.video ? (
            <Card className="p-3 sm:p-4">
              <div className="flex justify-center overflow-hidden rounded-xl bg-slate-950">
                <video
                  key={v.urls.video}
                  data-testid="video-player"
                  src={v.urls.video}
                  poster={v.urls.thumbnail ?? undefined}
                  controls
                  playsInline
                  preload="metadata"
                  aria-label={`Video: ${v.title}`}
                  className={cx("bg-black", ASPECT_CLASS[v.aspectRatio] ?? "w-full")}
                />
              </div>
              <div className="mt-4 flex flex-wrap items-center justify-between gap-3 px-1">
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {formatDuration(v.durationSeconds)} · {formatBytes(v.sizeBytes)} · {providerName(v.provider)}
                </p>
                <a
                  href={v.urls.download ?? undefined}
                  download
                  className="brand-gradient inline-flex h-10 items-center gap-2 rounded-lg px-4 text-sm font-medium text-white shadow-sm hover:brightness-110"
                >
                  <svg aria-hidden className="h-4 w-4" viewBox="0 0 20 20" fill="currentColor"><path d="M10.75 2.75a.75.75 0 00-1.5 0v8.6L6.3 8.24a.75.75 0 10-1.1 1.02l4.25 4.5a.75.75 0 001.1 0l4.25-4.5a.75.75 0 10-1.1-1.02l-2.95 3.1v-8.6z" /><path d="M3.5 12.75a.75.75 0 00-1.5 0v2.5A2.75 2.75 0 004.75 18h10.5A2.75 2.75 0 0018 15.25v-2.5a.75.75 0 00-1.5 0v2.5c0 .69-.56 1.25-1.25 1.25H4.75c-.69 0-1.25-.56-1.25-1.25v-2.5z" /></svg>
                  Download
                </a>
              </div>
              {v.targetPlatforms.length ? (
                <div className="mt-4 border-t border-slate-100 px-1 pt-4 dark:border-slate-800">
                  <h2 className="mb-2 text-sm font-semibold">Platform versions</h2>
                  <ul className="flex flex-wrap gap-2">
                    {v.targetPlatforms.map((p) =>
                      v.renditions.includes(p) ? (
                        <li key={p}>
                          <a
                            href={`/api/media/videos/${id}?rendition=${encodeURIComponent(p)}&download=1`}
                            download
                            aria-label={`Download for ${platformLabel(p)}`}
                            className="inline-flex items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm ring-1 ring-slate-200 hover:bg-slate-50 dark:ring-slate-700 dark:hover:bg-slate-800"
                          >
                            <span aria-hidden>↓</span> {platformLabel(p)}
                          </a>
                        </li>
                      ) : (
                        <li key={p} className="rounded-lg bg-amber-50 px-3 py-1.5 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
                          {platformLabel(p)}: {v.renditionErrors[p] ?? "not available"}
                        </li>
                      ),
                    )}
                  </ul>
                </div>
              ) : null}
              <AspectRenditions id={id} title={v.title} renditions={v.renditions} />
            </Card>
          ) : v.status === "completed" ? (
            <ReadyPoster v={v} />
          ) : (
            <StatusCard v={v} avatar={avatar} />
          )}

          </div>
          {v.status === "completed" ? (
            <div className="min-w-0 lg:col-start-2 lg:row-start-1">
              <SharePanel videoId={id} initialLinks={initialLinks} timeZone={timeZone} />
            </div>
          ) : null}
          <Card className="min-w-0 p-4 sm:p-6 lg:col-start-1 lg:row-start-3">
            <FallbackNotes notes={v.fallbacks} />
            <h2 className="mb-3 text-base font-semibold">Provider attempts</h2>
            <AttemptsTable attempts={v.attempts} />
          </Card>
          <Card className={cx("min-w-0 self-start p-4 sm:p-6 lg:col-start-2", v.status === "completed" ? "lg:row-start-2" : "lg:row-span-2 lg:row-start-1")}>
            <h2 className="mb-3 text-base font-semibold">Details</h2>
            <dl className="grid grid-cols-2 gap-x-4 gap-y-3 text-sm">
              <Detail label="Aspect">{ASPECT_LABEL[v.aspectRatio] ?? v.aspectRatio}</Detail>
              <Detail label="Voice speed">{v.voiceSpeed.toFixed(2)}×</Detail>
              <Detail label="Captions">{v.captions ? "On" : "Off"}</Detail>
              <Detail label="Provider">{providerName(v.provider)}</Detail>
              <Detail label="Estimated">
                <span data-testid="video-estimated">{formatCents(v.cost?.estimatedCents ?? v.estimatedCostCents)}</span>
              </Detail>
              <Detail label="Charged">
                <span data-testid="video-charged">{charged == null ? "—" : formatCents(charged)}</span>
              </Detail>
              <Detail label="Duration">{formatDuration(v.durationSeconds)}</Detail>
              <Detail label="Finished">{formatInTimeZone(v.completedAt, timeZone)}</Detail>
            </dl>
            {breakdown ? (
              <p className="mt-2 text-xs text-slate-600 dark:text-slate-400" data-testid="video-cost-breakdown">
                {breakdown}
              </p>
            ) : null}
            {v.targetPlatforms.length ? (
              <div className="mt-4">
                <p className="text-xs text-slate-600 dark:text-slate-400">Platforms</p>
                <div className="mt-1 flex flex-wrap gap-1">
                  {v.targetPlatforms.map((p) => (
                    <Badge key={p}>{platformLabel(p)}</Badge>
                  ))}
                </div>
              </div>
            ) : null}
            <details className="group mt-4">
              <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-300">Script</summary>
              <p className="mt-2 whitespace-pre-wrap text-sm leading-relaxed text-slate-600 dark:text-slate-300">{v.script}</p>
            </details>
          </Card>
      </div>
    </div>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 font-medium">{children}</dd>
    </div>
  );
}

const WHAT_TO_DO: Record<string, string> = {
  failed: "Every provider we tried is listed below with its error. Fix what it names (a key in Settings → Providers, the budget, or the script), then use “Re-generate with changes”. Nothing was charged.",
  timeout: "The provider did not finish in time. Try again — it often works on a second go — or pick another provider first with “Re-generate with changes”. Nothing was charged.",
  cancelled: "This video was cancelled and its reserved budget released. Use “Re-generate with changes” to make it again.",
};

/** Ready, media URLs not read yet: the thumbnail where the player will be, never an empty card. */
function ReadyPoster({ v }: { v: VideoDetailData }) {
  const thumb = v.urls.thumbnail ?? `/api/media/videos/${v.id}/thumbnail`;
  return (
    <Card className="p-3 sm:p-4">
      <div className="relative flex justify-center overflow-hidden rounded-xl bg-slate-950" data-testid="video-poster">
        <img src={thumb} alt={`Thumbnail of ${v.title}`} className={cx("bg-black object-contain", ASPECT_CLASS[v.aspectRatio] ?? "w-full")} />
        <span className="absolute bottom-3 left-3 rounded-full bg-black/70 px-3 py-1 text-xs font-medium text-white">Ready · loading the player…</span>
      </div>
    </Card>
  );
}

function StatusCard({ v, avatar }: { v: VideoDetailData; avatar: { name: string; imageUrl: string } | null }) {
  const final = isFinal(v.status);
  const current = STEPS.indexOf(v.status as (typeof STEPS)[number]);
  const eta = useEtaLabel(v);
  if (final) {
    const bad = v.status === "failed" || v.status === "timeout";
    return (
      <Card className={cx("p-6", bad && "ring-red-200 dark:ring-red-500/30")}>
        <div className="flex items-start gap-4">
          <span aria-hidden className={cx("flex h-10 w-10 shrink-0 items-center justify-center rounded-full text-lg", bad ? "bg-red-100 text-red-600 dark:bg-red-500/15 dark:text-red-300" : "bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400")}>
            {bad ? "!" : "■"}
          </span>
          <div className="min-w-0">
            <h2 className="text-lg font-semibold" data-testid="video-stage">
              {v.status === "failed" ? "This video could not be made" : v.status === "timeout" ? "The provider took too long" : statusLabel(v.status)}
            </h2>
            {v.error ? (
              <p role="alert" className="mt-2 break-words text-sm text-red-700 dark:text-red-300">
                {v.error}
              </p>
            ) : null}
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{WHAT_TO_DO[v.status] ?? ""}</p>
          </div>
        </div>
      </Card>
    );
  }
  return (
    <Card className="overflow-hidden p-0">
      <div className="relative flex h-64 items-center justify-center overflow-hidden bg-slate-900 sm:h-80">
        {avatar ? (
          // The presenter, softly, while the real frames are made.
          <img src={avatar.imageUrl} alt="" width={512} height={512} className="absolute inset-0 h-full w-full scale-110 object-cover opacity-40 blur-xl" />
        ) : null}
        <div className="relative flex flex-col items-center gap-3 px-6 text-center text-white">
          {avatar ? <img src={avatar.imageUrl} alt="" width={96} height={96} className="h-24 w-24 animate-pulse rounded-full object-cover ring-4 ring-white/30" /> : null}
          <p className="text-lg font-semibold" data-testid="video-stage" aria-live="polite">
            {stageText(v.status, v.stage)}
          </p>
          <p className="text-sm text-white/70">{eta ? `${eta} · ` : ""}{v.provider ? providerName(v.provider) : "Waiting for a worker"}</p>
        </div>
      </div>
      <div className="space-y-4 p-4 sm:p-6">
        <div className="flex items-center justify-between text-sm">
          <span className="font-medium">{statusLabel(v.status)}</span>
          <span className="tabular-nums text-slate-600 dark:text-slate-400">{v.progress}%</span>
        </div>
        <ProgressBar value={v.progress} label="Rendering progress" />
        <ol className="grid grid-cols-5 gap-1 text-center text-[11px] sm:text-xs" aria-label="Steps">
          {STEPS.map((s, i) => (
            <li key={s} className={cx("flex flex-col items-center gap-1", i <= current ? "text-brand-700 dark:text-brand-300" : "text-slate-600 dark:text-slate-400")} aria-current={i === current ? "step" : undefined}>
              <span className={cx("h-1.5 w-full rounded-full", i < current ? "bg-brand-500" : i === current ? "animate-pulse bg-brand-400" : "bg-slate-200 dark:bg-slate-800")} />
              {statusLabel(s)}
            </li>
          ))}
        </ol>
      </div>
    </Card>
  );
}

const OUTCOME_TONE: Record<string, "green" | "red" | "amber" | "slate" | "brand"> = {
  succeeded: "green",
  failed: "red",
  timeout: "amber",
  skipped: "slate",
  cancelled: "slate",
  running: "brand",
};

/** What differs from what was asked, and why: B-roll scenes that fell back, providers that failed over. */
function FallbackNotes({ notes }: { notes: VideoDetailData["fallbacks"] | undefined }) {
  if (!notes?.length) return null;
  return (
    <div role="note" aria-label="What changed and why" data-testid="fallback-notes" className="mb-5 rounded-xl bg-amber-50 p-4 text-sm text-amber-950 ring-1 ring-amber-200 dark:bg-amber-950/40 dark:text-amber-100 dark:ring-amber-900">
      <h2 className="mb-2 font-semibold">What changed and why</h2>
      <ul className="list-disc space-y-1 pl-5">
        {notes.map((n, i) => (
          <li key={`${n.kind}-${n.sceneId ?? i}`}>{n.text}</li>
        ))}
      </ul>
    </div>
  );
}

function AttemptsTable({ attempts }: { attempts: AttemptRow[] }) {
  if (!attempts.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No provider has been tried yet — the video is waiting in the queue.</p>;
  const cost = (a: AttemptRow) => (a.outcome === "running" ? `≤ ${formatCents(a.estimatedCostCents)}` : formatCents(a.costCents));
  const outcome = (a: AttemptRow) => <Badge tone={OUTCOME_TONE[a.outcome] ?? "slate"}>{a.outcome === "running" ? "In progress" : a.outcome}</Badge>;
  return (
    <div data-testid="attempts">
      {/* Phones: one block per attempt. */}
      <ul className="space-y-3 sm:hidden">
        {attempts.map((a) => (
          <li key={a.attemptNumber} className="rounded-xl bg-slate-50 px-3 py-2.5 text-sm dark:bg-slate-800/60">
            <div className="flex items-center justify-between gap-2">
              <span className="font-medium">
                {a.attemptNumber}. {providerName(a.provider)}
              </span>
              {outcome(a)}
            </div>
            <div className="mt-1 flex justify-between gap-2 text-xs text-slate-600 dark:text-slate-400">
              <span className="min-w-0 break-words">{a.error ?? "No error"}</span>
              <span className="shrink-0 tabular-nums">{cost(a)}</span>
            </div>
          </li>
        ))}
      </ul>
      <table className="hidden w-full text-left text-sm sm:table">
        <thead>
          <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <th scope="col" className="py-2 pr-2 font-medium">#</th>
            <th scope="col" className="px-2 py-2 font-medium">Provider</th>
            <th scope="col" className="px-2 py-2 font-medium">Outcome</th>
            <th scope="col" className="px-2 py-2 font-medium">Error</th>
            <th scope="col" className="py-2 pl-2 text-right font-medium">Cost</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((a) => (
            <tr key={a.attemptNumber} className="border-b border-slate-100 last:border-0 dark:border-slate-800/60">
              <td className="py-2.5 pr-2 tabular-nums text-slate-600 dark:text-slate-400">{a.attemptNumber}</td>
              <td className="px-2 py-2.5 font-medium">{providerName(a.provider)}</td>
              <td className="px-2 py-2.5">{outcome(a)}</td>
              <td className="max-w-xs break-words px-2 py-2.5 text-slate-600 dark:text-slate-400">{a.error ?? "—"}</td>
              <td className="py-2.5 pl-2 text-right tabular-nums">{cost(a)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

