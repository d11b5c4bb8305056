"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { useRouter } from "next/navigation";
import { Badge, Button, Card, EmptyState, PageHeader } from "@/components/ui/primitives";
import { useToast } from "@/components/ui/toast";
import { formatCents, formatInTimeZone, timeZoneLabel } from "@/lib/format";
import { useRealtime } from "@/lib/realtime/client";
import { StatusBadge, isFinal } from "@/components/videos/status";
import { runView, videosByRun } from "./run-status";
import { deleteCampaignAction, runCampaignAction, setCampaignActiveAction } from "@/app/(app)/campaigns/actions";
import { CampaignForm, type CampaignDraft, type CampaignFormOptions } from "./campaign-form";
import { aspectLabel } from "./aspects";
import type { AspectName } from "@/lib/videos/input";
import { scheduleLabel, type CampaignListItem } from "./campaigns-view";

export interface CampaignDetailData {
  campaign: CampaignListItem & {
    researchConfigId: string | null;
    sourceConfig: { sources?: Array<{ source: string; text?: string }> } | null;
    avatarProfileId: string;
    templateId: string | null;
    aspectRatio: AspectName | null;
    targetPlatforms: string[];
    autoPost: boolean;
  };
  runs: Array<{ id: string; scheduledFor: string; startedAt: string; status: string; videosCreated: number; note: string | null; researchJobId: string | null }>;
  videos: Array<{ id: string; title: string; status: string; estimatedCostCents: number; costCents: number | null; createdAt: string }>;
}

/** While anything is still being made, the server view is re-read this often (events fill the gaps). */
const POLL_MS = 10_000;

function toDraft(c: CampaignDetailData["campaign"]): CampaignDraft {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    researchConfigId: c.researchConfigId ?? "",
    notes: c.sourceConfig?.sources?.find((s) => s.source === "manual")?.text ?? "",
    avatarProfileId: c.avatarProfileId,
    templateId: c.templateId ?? "",
    aspectRatio: c.aspectRatio ?? "",
    frequency: c.frequency as CampaignDraft["frequency"],
    runHour: c.runHour,
    maxVideosPerDay: String(c.maxVideosPerDay),
    budgetDollars: c.budgetCents != null ? (c.budgetCents / 100).toString() : "",
    targetPlatforms: c.targetPlatforms,
    active: c.active,
    autoPost: c.autoPost,
  };
}

export function CampaignDetail({ data, options }: { data: CampaignDetailData; options: CampaignFormOptions }) {
  const { campaign: c, runs } = data;
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<null | "run" | "toggle" | "delete">(null);
  const router = useRouter();
  const toast = useToast();
  const tz = options.timezone;
  // Pause/Resume show at once; the server render catches up on refresh.
  const [live, setLive] = useState({ active: c.active, nextRunAt: c.nextRunAt });
  useEffect(() => setLive({ active: c.active, nextRunAt: c.nextRunAt }), [c.active, c.nextRunAt]);

  // Live video status: pushed events patch the rows at once; a server render that arrives later
  // wins unless it is older news (a final status is never replaced by a non-final one).
  const [pushed, setPushed] = useState<Record<string, string>>({});
  useRealtime("video.updated", (e) => {
    if (!data.videos.some((v) => v.id === e.videoId)) {
      // A video this campaign just queued (Run now, or the schedule): re-read the page.
      if (e.status === "queued") router.refresh();
      return;
    }
    setPushed((p) => (p[e.videoId] === e.status ? p : { ...p, [e.videoId]: e.status }));
  });
  const videos = useMemo(
    () =>
      data.videos.map((v) => {
        const p = pushed[v.id];
        if (!p || p === v.status || (isFinal(v.status) && !isFinal(p))) return v;
        return { ...v, status: p };
      }),
    [data.videos, pushed],
  );
  const byRun = useMemo(() => videosByRun(runs, videos), [runs, videos]);
  const pending = videos.some((v) => !isFinal(v.status)) || runs.some((r) => r.status === "running");
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(() => router.refresh(), POLL_MS);
    return () => clearInterval(t);
  }, [pending, router]);

  async function runNow() {
    setBusy("run");
    const r = await runCampaignAction(c.id).catch(() => null);
    setBusy(null);
    if (!r) return toast("Could not reach the server; the campaign did not run. Try again.", "error");
    if (!r.ok) return toast(r.message, "error");
    const { videosCreated, status, note } = r.data;
    toast(
      status === "completed" && videosCreated
        ? `Run finished: ${videosCreated} video${videosCreated === 1 ? "" : "s"} queued.`
        : `Run finished: ${note ?? "no new videos."}`,
      videosCreated ? "success" : "info",
    );
    router.refresh();
  }

  async function toggle() {
    setBusy("toggle");
    const r = await setCampaignActiveAction(c.id, !live.active).catch(() => null);
    setBusy(null);
    if (!r) return toast("Could not reach the server; nothing changed. Try again.", "error");
    if (!r.ok) return toast(r.message, "error");
    setLive({ active: r.data.active, nextRunAt: r.data.nextRunAt });
    toast(r.data.active ? "Campaign resumed." : "Campaign paused.", "success");
    router.refresh();
  }

  async function remove() {
    if (!window.confirm(`Delete “${c.name}”? Its videos stay in your library.`)) return;
    setBusy("delete");
    const r = await deleteCampaignAction(c.id).catch(() => null);
    setBusy(null);
    if (!r) return toast("Could not reach the server; the campaign was not deleted. Try again.", "error");
    if (!r.ok) return toast(r.message, "error");
    router.push("/campaigns");
  }

  return (
    <div>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline dark:text-brand-300">
          ← Campaigns
        </Link>
      </nav>
      <PageHeader
        title={c.name}
        description={`${c.kind === "trend_scan" ? "Trend scan" : "Research"} · ${scheduleLabel(c)} · times in ${timeZoneLabel(tz)} · up to ${c.maxVideosPerDay} videos a day`}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button onClick={() => void runNow()} disabled={!!busy}>
              {busy === "run" ? "Running…" : "Run now"}
            </Button>
            <Button variant="secondary" onClick={() => void toggle()} disabled={!!busy}>
              {live.active ? "Pause" : "Resume"}
            </Button>
            <Button variant="secondary" onClick={() => setEditing((e) => !e)} disabled={!!busy}>
              {editing ? "Close editor" : "Edit"}
            </Button>
            <Button variant="ghost" onClick={() => void remove()} disabled={!!busy} aria-label="Delete campaign">
              Delete
            </Button>
          </div>
        }
      />
      {busy === "run" ? (
        <p role="status" className="mb-4 text-sm text-slate-600 dark:text-slate-400">
          Researching and queuing videos… this takes a few seconds.
        </p>
      ) : null}

      <div className="mb-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {[
          ["Status", live.active ? <Badge tone="green">Active</Badge> : <Badge>Paused</Badge>],
          ["Next run", live.active && live.nextRunAt ? formatInTimeZone(live.nextRunAt, tz) : "—"],
          ["Videos made", String(c.totalVideosGenerated)],
          ["Budget", c.budgetCents != null ? formatCents(c.budgetCents) : "Workspace caps"],
          ["Aspect", <span key="aspect" data-testid="campaign-aspect">{aspectLabel(c.aspectRatio, !!c.templateId)}</span>],
        ].map(([label, value]) => (
          <Card key={String(label)} className="p-5">
            <p className="text-xs font-medium uppercase tracking-wide text-slate-600 dark:text-slate-400">{label}</p>
            <div className="mt-1 text-lg font-semibold">{value}</div>
          </Card>
        ))}
      </div>

      {editing ? (
        <Card className="mb-6">
          <h2 className="mb-4 text-base font-semibold">Edit campaign</h2>
          <CampaignForm
            initial={toDraft(c)}
            options={options}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              router.refresh();
            }}
          />
        </Card>
      ) : null}

      <div className="grid grid-cols-[minmax(0,1fr)] gap-6 lg:grid-cols-2">
        <Card className="min-w-0">
          <h2 className="mb-4 text-base font-semibold">Run history</h2>
          {runs.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No runs yet. The first one is scheduled above, or press Run now.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Run history">
              {runs.map((r) => {
                const view = runView(r, byRun.get(r.id) ?? []);
                return (
                <li key={r.id} className="py-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="text-sm font-medium">{formatInTimeZone(r.startedAt, tz)}</span>
                    <div className="flex items-center gap-2">
                      <span className="text-xs text-slate-600 dark:text-slate-400">
                        {r.videosCreated} video{r.videosCreated === 1 ? "" : "s"}
                      </span>
                      <span data-testid="run-status">
                        <Badge tone={view.tone}>{view.label}</Badge>
                      </span>
                    </div>
                  </div>
                  {r.note ? <p className="mt-1 line-clamp-3 text-xs text-slate-600 dark:text-slate-400">{r.note}</p> : null}
                  {r.researchJobId ? (
                    <Link href={`/research/jobs/${r.researchJobId}`} className="mt-1 inline-block text-xs text-brand-700 hover:underline dark:text-brand-300">
                      View research
                    </Link>
                  ) : null}
                </li>
                );
              })}
            </ul>
          )}
        </Card>
        <Card className="min-w-0">
          <h2 className="mb-4 text-base font-semibold">Videos</h2>
          {videos.length === 0 ? (
            <EmptyState title="No videos yet" body="Each run queues up to the daily limit, on topics this campaign has not covered." />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Campaign videos">
              {videos.map((v) => (
                <li key={v.id} className="flex items-center justify-between gap-3 py-3">
                  <div className="min-w-0">
                    <Link href={`/videos/${v.id}`} className="block truncate text-sm font-medium hover:underline" title={v.title}>
                      {v.title}
                    </Link>
                    <p className="text-xs text-slate-600 dark:text-slate-400">
                      {formatInTimeZone(v.createdAt, tz)} · {formatCents(v.costCents ?? v.estimatedCostCents)}
                      {v.costCents == null ? " est." : ""}
                    </p>
                  </div>
                  <span className="shrink-0" data-testid="campaign-video-status">
                    <StatusBadge status={v.status} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </div>
  );
}
