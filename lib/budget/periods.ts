/** Start of the current day and month in a workspace's time zone, as UTC instants. */
export function periodStarts(now: Date, timeZone: string): { dayStart: Date; monthStart: Date; dayKey: string; monthKey: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" })
      .formatToParts(now)
      .map((p) => [p.type, p.value]),
  );
  const y = Number(parts.year), m = Number(parts.month), d = Number(parts.day);
  const offsetMs = Date.UTC(y, m - 1, d, Number(parts.hour), Number(parts.minute), Number(parts.second)) - Math.floor(now.getTime() / 1000) * 1000;
  const dayStart = new Date(Date.UTC(y, m - 1, d) - offsetMs);
  const monthStart = new Date(Date.UTC(y, m - 1, 1) - offsetMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { dayStart, monthStart, dayKey: `${y}-${pad(m)}-${pad(d)}`, monthKey: `${y}-${pad(m)}` };
}
