"use client";
import { useSyncExternalStore } from "react";

/** Provider colours, readable on white and on slate-900. */
export const PROVIDER_COLORS: Record<string, string> = {
  heygen: "#667eea",
  kling: "#0ea5e9",
  runway: "#10b981",
  pika: "#f59e0b",
  local: "#94a3b8",
  other: "#a855f7",
};

export const PROVIDER_NAMES: Record<string, string> = {
  local: "Local studio",
  heygen: "HeyGen",
  kling: "Kling",
  pika: "Pika",
  runway: "Runway",
  other: "Other",
};

export const providerName = (id: string) => PROVIDER_NAMES[id] ?? id;
export const providerColor = (id: string) => PROVIDER_COLORS[id] ?? PROVIDER_COLORS.other;

function subscribe(cb: () => void) {
  const mo = new MutationObserver(cb);
  mo.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => mo.disconnect();
}

/** Axis, grid and tooltip colours for the current theme (follows the `dark` class live). */
export function useChartTheme() {
  const dark = useSyncExternalStore(subscribe, () => document.documentElement.classList.contains("dark"), () => false);
  return dark
    ? { dark, axis: "#94a3b8", grid: "#1e293b", cursor: "rgba(148,163,184,0.08)", tooltipBg: "#0f172a", tooltipBorder: "#334155", text: "#e2e8f0" }
    : { dark, axis: "#64748b", grid: "#e2e8f0", cursor: "rgba(100,116,139,0.08)", tooltipBg: "#ffffff", tooltipBorder: "#e2e8f0", text: "#0f172a" };
}

export function shortDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}
