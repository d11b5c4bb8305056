/**
 * Campaign schedules in the workspace's time zone (pure). A campaign runs at `runHour:00` local
 * time: every day, every 7 days or every 14 days after its last run. Across DST changes the
 * local hour is kept (09:00 stays 09:00); an hour skipped by spring-forward runs at the first
 * valid local time after it, an hour repeated by fall-back runs at its first occurrence.
 */

export type Frequency = "daily" | "weekly" | "biweekly";
export const FREQUENCIES: readonly Frequency[] = ["daily", "weekly", "biweekly"];
export const FREQUENCY_DAYS: Record<Frequency, number> = { daily: 1, weekly: 7, biweekly: 14 };
/** Trend scans run on fixed 6-hour UTC slots. */
export const TREND_SCAN_HOURS = 6;

export interface ScheduleSpec {
  frequency: Frequency;
  runHour: number;
  lastRunAt?: Date | null;
}

interface LocalParts {
  y: number;
  m: number;
  d: number;
  h: number;
  min: number;
  s: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    formatter(tz);
    return true;
  } catch {
    return false;
  }
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const p = Object.fromEntries(formatter(timeZone).formatToParts(at).map((x) => [x.type, x.value]));
  return { y: Number(p.year), m: Number(p.month), d: Number(p.day), h: Number(p.hour) % 24, min: Number(p.minute), s: Number(p.second) };
}

/** Offset of the zone from UTC at instant `t`, in ms (local = utc + offset). */
function offsetAt(t: number, timeZone: string): number {
  const p = localParts(new Date(t), timeZone);
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.min, p.s) - Math.floor(t / 1000) * 1000;
}

/**
 * The UTC instant of local wall time y-m-d h:00 in `timeZone`. Nonexistent times (DST gap)
 * map forward by the gap; ambiguous ones (DST overlap) to the earlier instant.
 */
export function zonedTime(y: number, m: number, d: number, h: number, timeZone: string): Date {
  const wall = Date.UTC(y, m - 1, d, h);
  // Try both offsets around the wall time; keep candidates that really show that wall time.
  const offsets = [...new Set([offsetAt(wall - 36 * 3600_000, timeZone), offsetAt(wall, timeZone), offsetAt(wall + 36 * 3600_000, timeZone)])];
  const matches = offsets
    .map((o) => wall - o)
    .filter((t) => {
      const p = localParts(new Date(t), timeZone);
      return p.y === y && p.m === m && p.d === d && p.h === h;
    })
    .sort((a, b) => a - b);
  if (matches.length) return new Date(matches[0]);
  // In a gap: use the offset in force before the transition, which lands after the gap.
  const before = offsetAt(wall - 36 * 3600_000, timeZone);
  return new Date(wall - before);
}

function addDays(y: number, m: number, d: number, days: number): { y: number; m: number; d: number } {
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** First `runHour:00` local time strictly after `after`, on or after the local date `from` (default: after's date). */
function firstSlotAfter(after: Date, runHour: number, timeZone: string, from?: { y: number; m: number; d: number }): Date {
  const start = from ?? localParts(after, timeZone);
  for (let i = 0; i < 400; i++) {
    const day = addDays(start.y, start.m, start.d, i);
    const t = zonedTime(day.y, day.m, day.d, runHour, timeZone);
    if (t.getTime() > after.getTime()) return t;
  }
  throw new Error("no schedule slot within 400 days");
}

/**
 * The next run strictly after `after`. Daily: the next local `runHour`. Weekly/biweekly: the
 * same, but not before 7/14 local days after the last run.
 */
export function computeNextRun(spec: ScheduleSpec, after: Date, timeZone: string): Date {
  const hour = Math.min(23, Math.max(0, Math.trunc(spec.runHour)));
  const tz = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const next = firstSlotAfter(after, hour, tz);
  if (spec.frequency === "daily" || !spec.lastRunAt) return next;
  const last = localParts(spec.lastRunAt, tz);
  const earliestDay = addDays(last.y, last.m, last.d, FREQUENCY_DAYS[spec.frequency]);
  const gated = firstSlotAfter(after, hour, tz, earliestDay);
  return gated.getTime() > next.getTime() ? gated : next;
}

/** The next `n` runs, as if each one happened (for the schedule preview). */
export function previewRuns(spec: ScheduleSpec, after: Date, timeZone: string, n = 3): Date[] {
  const out: Date[] = [];
  let last = spec.lastRunAt ?? null;
  let cursor = after;
  for (let i = 0; i < n; i++) {
    const t = computeNextRun({ ...spec, lastRunAt: last }, cursor, timeZone);
    out.push(t);
    last = t;
    cursor = t;
  }
  return out;
}

/** Next fixed 6-hour UTC slot strictly after `after` (trend scans). */
export function nextTrendScanSlot(after: Date): Date {
  const step = TREND_SCAN_HOURS * 3600_000;
  return new Date(Math.floor(after.getTime() / step) * step + step);
}

/** The 6-hour slot `at` falls in. */
export function trendScanSlot(at: Date): Date {
  const step = TREND_SCAN_HOURS * 3600_000;
  return new Date(Math.floor(at.getTime() / step) * step);
}

/** Start and end of the local day containing `at`, as UTC instants. */
export function localDayBounds(at: Date, timeZone: string): { start: Date; end: Date } {
  const tz = isValidTimeZone(timeZone) ? timeZone : "UTC";
  const p = localParts(at, tz);
  const next = addDays(p.y, p.m, p.d, 1);
  return { start: zonedTime(p.y, p.m, p.d, 0, tz), end: zonedTime(next.y, next.m, next.d, 0, tz) };
}

export function formatInZone(at: Date, timeZone: string): string {
  const tz = isValidTimeZone(timeZone) ? timeZone : "UTC";
  return new Intl.DateTimeFormat("en-US", { timeZone: tz, weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" }).format(at);
}
