/**
 * A campaign run's status as the user should read it: derived from the videos it queued.
 *
 * The stored run status says whether the *run* (research + queuing) finished; it said
 * "completed" while every video it queued was still in the queue. Runs and videos are not
 * linked by id, so a video belongs to the latest run that started at or before it was created
 * (a run queues its videos while it runs, and runs of one campaign do not overlap).
 */
export interface RunLike { id: string; startedAt: string; status: string }
export interface VideoLike { id: string; status: string; createdAt: string }

export type RunView = { label: string; tone: "green" | "red" | "amber" | "blue" | "slate"; ready: number; total: number; active: boolean };

const FINAL = new Set(["completed", "failed", "timeout", "cancelled"]);

export function videosByRun<R extends RunLike, V extends VideoLike>(runs: R[], videos: V[]): Map<string, V[]> {
  const sorted = [...runs].sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt));
  const out = new Map<string, V[]>(runs.map((r) => [r.id, []]));
  for (const v of videos) {
    const t = Date.parse(v.createdAt);
    let owner: R | null = null;
    for (const r of sorted) if (Date.parse(r.startedAt) <= t) owner = r;
    if (owner) out.get(owner.id)!.push(v);
  }
  return out;
}

export function runView(run: RunLike, videos: VideoLike[]): RunView {
  const total = videos.length;
  const ready = videos.filter((v) => v.status === "completed").length;
  const bad = videos.filter((v) => v.status === "failed" || v.status === "timeout").length;
  const pending = videos.filter((v) => !FINAL.has(v.status)).length;
  if (run.status === "running") return { label: "Running", tone: "blue", ready, total, active: true };
  if (run.status !== "completed" || total === 0) {
    const tone = run.status === "failed" ? "red" : run.status === "skipped" ? "amber" : run.status === "completed" ? "green" : "slate";
    return { label: run.status === "completed" ? "Completed" : cap(run.status), tone, ready, total, active: false };
  }
  if (pending) return { label: `Rendering · ${ready} of ${total} ready`, tone: "blue", ready, total, active: true };
  if (bad === total) return { label: "Failed", tone: "red", ready, total, active: false };
  if (bad) return { label: `Completed · ${bad} failed`, tone: "amber", ready, total, active: false };
  if (ready === total) return { label: "Completed", tone: "green", ready, total, active: false };
  return { label: `Completed · ${total - ready} cancelled`, tone: "slate", ready, total, active: false };
}

function cap(s: string) {
  return s.slice(0, 1).toUpperCase() + s.slice(1);
}
