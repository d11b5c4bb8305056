/**
 * Time left for a video that is being made, as the dashboard shows it.
 *
 * Why not just print the server's `etaSeconds`: the server writes an estimate when a stage starts
 * ("Optimising … about 5 s", or elapsed/percent + 3 s at the last provider poll) and then may
 * not write again for minutes, so a verbatim "about 5 s left" stayed on screen for 129 s. Here
 * the estimate is anchored to the moment it was made and counts down with the (injected) clock;
 * once it is used up the label says "finishing up…" instead of a number that is no longer true.
 * With two observed progress samples the rate of progress wins over the server's guess.
 *
 * Pure: no Date.now(), no DOM. The caller keeps the samples (see useEta in components/videos).
 */

export interface ProgressSample {
  /** Epoch ms on the caller's clock. */
  at: number;
  /** 0–100. */
  progress: number;
}

export interface EtaInput {
  status: string;
  now: number;
  /** The earliest sample seen in this run with progress > 0 (null until there is one). */
  first: ProgressSample | null;
  /** The sample at which progress last changed. */
  last: ProgressSample | null;
  /** The server's estimate and when it arrived (epoch ms, same clock as `now`). */
  server: { seconds: number; at: number } | null;
}

export type Eta = { kind: "none" } | { kind: "remaining"; seconds: number } | { kind: "finishing" };

/** Never promise less than this: a countdown to 1 s that then sits there reads as a lie. */
export const MIN_ETA_SECONDS = 5;
const ACTIVE = new Set(["submitting", "rendering", "processing"]);

export function estimateEta(i: EtaInput): Eta {
  if (!ACTIVE.has(i.status)) return { kind: "none" };
  if (i.last && i.last.progress >= 100) return { kind: "finishing" };

  let remainingMs: number | null = null;
  let anchor = 0;
  if (i.first && i.last && i.last.progress > i.first.progress && i.last.at > i.first.at) {
    // Rate from what we saw: percent per ms between the first and latest change.
    const rate = (i.last.progress - i.first.progress) / (i.last.at - i.first.at);
    remainingMs = (100 - i.last.progress) / rate;
    anchor = i.last.at;
  } else if (i.server && i.server.seconds > 0) {
    remainingMs = i.server.seconds * 1000;
    anchor = i.server.at;
  } else if (i.server && i.server.seconds <= 0) {
    return { kind: "finishing" };
  }
  if (remainingMs == null || !Number.isFinite(remainingMs)) return { kind: "none" };

  const left = remainingMs - Math.max(0, i.now - anchor);
  if (left <= 0) return { kind: "finishing" };
  return { kind: "remaining", seconds: Math.max(MIN_ETA_SECONDS, Math.ceil(left / 1000)) };
}

/** "about 15 s left", "about 3 min left", "finishing up…", or null when nothing honest can be said. */
export function etaLabel(eta: Eta): string | null {
  if (eta.kind === "none") return null;
  if (eta.kind === "finishing") return "finishing up…";
  const s = eta.seconds;
  // Round up to 5 s steps below a minute: "about 7 s" is false precision.
  if (s < 60) return `about ${Math.ceil(s / 5) * 5} s left`;
  if (s < 3600) return `about ${Math.ceil(s / 60)} min left`;
  return `about ${Math.round(s / 360) / 10} h left`;
}

const PROVIDER_DONE = /:\s*(succeeded|success|completed|complete|done|finished)\s*$/i;

/**
 * The headline for an in-progress video, consistent with its status and bar. Providers report
 * their own job state ("Local studio: succeeded") while our pipeline still downloads and
 * composes the result (status `rendering`, bar 85 %): say what is actually happening.
 */
export function stageText(status: string, stage: string | null | undefined): string {
  const s = (stage ?? "").trim();
  if (status === "queued") return s || "Waiting in the queue";
  if (status === "rendering" && PROVIDER_DONE.test(s)) return `${s.replace(PROVIDER_DONE, "").trim() || "Provider"}: render done, collecting the file`;
  if (status === "processing" && (!s || PROVIDER_DONE.test(s))) return "Optimising and making the thumbnail";
  return s || status;
}
