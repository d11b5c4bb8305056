import { describe, expect, it } from "vitest";
import { computeNextRun, localDayBounds, nextTrendScanSlot, previewRuns, zonedTime } from "./schedule";

const NY = "America/New_York";
const iso = (d: Date) => d.toISOString();

describe("computeNextRun", () => {
  it("keeps 09:00 local across spring-forward (EST → EDT)", () => {
    // Sat 2025-03-08 10:00 EST = 15:00Z: today's 09:00 has passed → Sunday 09:00, now EDT.
    const after = new Date("2025-03-08T15:00:00Z");
    const a = computeNextRun({ frequency: "daily", runHour: 9 }, after, NY);
    expect(iso(a)).toBe("2025-03-09T13:00:00.000Z");
    const b = computeNextRun({ frequency: "daily", runHour: 9 }, a, NY);
    expect(iso(b)).toBe("2025-03-10T13:00:00.000Z");
    // Before it: 14:00Z is 09:00 EST on Saturday.
    expect(iso(computeNextRun({ frequency: "daily", runHour: 9 }, new Date("2025-03-08T05:00:00Z"), NY))).toBe("2025-03-08T14:00:00.000Z");
  });

  it("keeps 09:00 local across fall-back (EDT → EST)", () => {
    const after = new Date("2025-11-01T14:00:00Z"); // Sat 10:00 EDT
    const a = computeNextRun({ frequency: "daily", runHour: 9 }, after, NY);
    expect(iso(a)).toBe("2025-11-02T14:00:00.000Z"); // Sun 09:00 EST
  });

  it("runs a skipped hour after the gap and a repeated hour once, at its first occurrence", () => {
    // 02:00 does not exist in New York on 2025-03-09: runs at 03:00 EDT = 07:00Z.
    expect(iso(computeNextRun({ frequency: "daily", runHour: 2 }, new Date("2025-03-09T00:00:00Z"), NY))).toBe("2025-03-09T07:00:00.000Z");
    // 01:00 happens twice on 2025-11-02: first (EDT) = 05:00Z; after it, the next is Monday's.
    const first = computeNextRun({ frequency: "daily", runHour: 1 }, new Date("2025-11-02T00:00:00Z"), NY);
    expect(iso(first)).toBe("2025-11-02T05:00:00.000Z");
    expect(iso(computeNextRun({ frequency: "daily", runHour: 1 }, first, NY))).toBe("2025-11-03T06:00:00.000Z");
  });

  it("spaces weekly and biweekly runs from the last run, in local days", () => {
    const last = new Date("2025-03-03T14:00:00Z"); // Mon 09:00 EST
    const w = computeNextRun({ frequency: "weekly", runHour: 9, lastRunAt: last }, last, NY);
    expect(iso(w)).toBe("2025-03-10T13:00:00.000Z"); // next Mon 09:00 EDT
    const bw = computeNextRun({ frequency: "biweekly", runHour: 9, lastRunAt: last }, last, NY);
    expect(iso(bw)).toBe("2025-03-17T13:00:00.000Z");
    // No last run yet: the first slot.
    expect(iso(computeNextRun({ frequency: "weekly", runHour: 9 }, new Date("2025-03-03T15:00:00Z"), NY))).toBe("2025-03-04T14:00:00.000Z");
  });

  it("works in zones east of UTC and at midnight", () => {
    // Europe/Berlin springs forward 2025-03-30 at 02:00.
    expect(iso(computeNextRun({ frequency: "daily", runHour: 0 }, new Date("2025-03-29T23:30:00Z"), "Europe/Berlin"))).toBe("2025-03-30T22:00:00.000Z"); // Mon 31 00:00 CEST
    expect(iso(computeNextRun({ frequency: "daily", runHour: 9 }, new Date("2025-03-29T09:00:00Z"), "Europe/Berlin"))).toBe("2025-03-30T07:00:00.000Z");
    expect(iso(zonedTime(2025, 6, 1, 9, "Asia/Kolkata"))).toBe("2025-06-01T03:30:00.000Z");
  });

  it("previews three runs and falls back to UTC for an unknown zone", () => {
    const p = previewRuns({ frequency: "weekly", runHour: 9 }, new Date("2025-03-01T00:00:00Z"), NY, 3);
    expect(p.map(iso)).toEqual(["2025-03-01T14:00:00.000Z", "2025-03-08T14:00:00.000Z", "2025-03-15T13:00:00.000Z"]);
    expect(iso(computeNextRun({ frequency: "daily", runHour: 9 }, new Date("2025-01-01T10:00:00Z"), "Not/AZone"))).toBe("2025-01-02T09:00:00.000Z");
  });

  it("bounds local days and trend-scan slots", () => {
    const b = localDayBounds(new Date("2025-03-09T12:00:00Z"), NY);
    expect(iso(b.start)).toBe("2025-03-09T05:00:00.000Z");
    expect(iso(b.end)).toBe("2025-03-10T04:00:00.000Z"); // a 23-hour day
    expect(iso(nextTrendScanSlot(new Date("2025-03-09T05:59:00Z")))).toBe("2025-03-09T06:00:00.000Z");
    expect(iso(nextTrendScanSlot(new Date("2025-03-09T06:00:00Z")))).toBe("2025-03-09T12:00:00.000Z");
  });
});
