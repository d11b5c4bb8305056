"use client";
/** Keeps the progress samples lib/eta needs and re-evaluates the estimate once a second. */
import { useEffect, useRef, useState } from "react";
import { estimateEta, etaLabel, type ProgressSample } from "@/lib/eta";
import { isFinal } from "./status";

export function useEtaLabel(v: { status: string; progress: number; etaSeconds: number | null }): string | null {
  const s = useRef<{ first: ProgressSample | null; last: ProgressSample | null; server: { seconds: number; at: number } | null; progress: number; eta: number | null }>({
    first: null,
    last: null,
    server: null,
    progress: -1,
    eta: null,
  });
  // Null until mounted: the server's clock must not render a number the browser then contradicts.
  const [now, setNow] = useState<number | null>(null);
  const active = !isFinal(v.status) && v.status !== "queued";

  const t = Date.now();
  const cur = s.current;
  if (v.progress !== cur.progress) {
    cur.progress = v.progress;
    cur.last = { at: t, progress: v.progress };
    if (!cur.first && v.progress > 0) cur.first = cur.last;
  }
  if (v.etaSeconds !== cur.eta) {
    cur.eta = v.etaSeconds;
    cur.server = v.etaSeconds == null ? null : { seconds: v.etaSeconds, at: t };
  }

  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, [active]);

  if (!active || now == null) return null;
  return etaLabel(estimateEta({ status: v.status, now, first: cur.first, last: cur.last, server: cur.server }));
}
