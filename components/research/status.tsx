"use client";
import { useEffect, useState } from "react";
import { Badge } from "@/components/ui/primitives";

export const SOURCE_NAMES: Record<string, string> = {
  reddit: "Reddit",
  hackernews: "Hacker News",
  github: "GitHub",
  google_trends: "Google Trends",
  rss: "RSS",
  manual: "Notes",
};

export function JobStatusBadge({ status }: { status: string }) {
  const tone = status === "completed" ? "green" : status === "failed" ? "red" : status === "running" ? "blue" : "amber";
  const label = status === "queued" ? "Queued" : status === "running" ? "Running" : status === "completed" ? "Completed" : status === "failed" ? "Failed" : status;
  return (
    <Badge tone={tone}>
      {status === "running" || status === "queued" ? <span aria-hidden className="mr-1 inline-block h-1.5 w-1.5 animate-pulse rounded-full bg-current" /> : null}
      {label}
    </Badge>
  );
}

export function relativeTime(iso: string | Date | null | undefined, now = Date.now()): string {
  if (!iso) return "—";
  const t = new Date(iso).getTime();
  const s = Math.round((now - t) / 1000);
  const abs = Math.abs(s);
  const fmt = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  const body = abs < 45 ? "moments" : abs < 3600 ? fmt(Math.round(abs / 60), "minute") : abs < 86400 ? fmt(Math.round(abs / 3600), "hour") : fmt(Math.round(abs / 86400), "day");
  if (body === "moments") return s >= 0 ? "just now" : "in a moment";
  return s >= 0 ? `${body} ago` : `in ${body}`;
}

/** Relative time rendered after mount (server and browser clocks differ; no hydration mismatch). */
export function TimeAgo({ at }: { at: string | Date | null | undefined }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  if (!at) return <>—</>;
  return (
    <time dateTime={new Date(at).toISOString()} suppressHydrationWarning>
      {now === null ? "" : relativeTime(at, now)}
    </time>
  );
}
