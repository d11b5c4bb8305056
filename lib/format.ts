export function formatCents(cents: number): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(cents);
  return `${sign}$${Math.floor(abs / 100).toLocaleString("en-US")}.${String(abs % 100).padStart(2, "0")}`;
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "—";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function formatBytes(n: number | null | undefined): string {
  if (n == null) return "—";
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function validZone(timeZone: string | null | undefined): string {
  if (!timeZone) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return timeZone;
  } catch {
    return "UTC";
  }
}

/**
 * The one way the dashboard prints a moment for a workspace: in the workspace's time zone with
 * that zone's short name ("Mon, Nov 30, 7:00 PM GMT+1"), so server and browser render the same
 * text (no hydration drift) and nobody has to guess whether a schedule is UTC. An unknown zone
 * falls back to UTC, which is then named.
 */
export function formatInTimeZone(
  at: Date | string | number | null | undefined,
  timeZone: string | null | undefined,
  opts: { weekday?: boolean; year?: boolean } = {},
): string {
  if (at == null || at === "") return "—";
  const d = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(d.getTime())) return "—";
  return new Intl.DateTimeFormat("en-US", {
    timeZone: validZone(timeZone),
    ...(opts.weekday === false ? {} : { weekday: "short" }),
    ...(opts.year ? { year: "numeric" } : {}),
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(d);
}

/** "Europe/Berlin (GMT+1)" — the zone's name and its current offset, for page headers. */
export function timeZoneLabel(timeZone: string | null | undefined, at: Date = new Date()): string {
  const tz = validZone(timeZone);
  const short = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" }).formatToParts(at).find((p) => p.type === "timeZoneName")?.value;
  return short && short !== tz ? `${tz} (${short})` : tz;
}
