import { describe, expect, it } from "vitest";
import { runView, videosByRun } from "./run-status";

const run = (id: string, startedAt: string, status = "completed") => ({ id, startedAt, status });
const vid = (id: string, createdAt: string, status: string) => ({ id, createdAt, status });

describe("videosByRun", () => {
  // Mutation tried: assigning to the first run started before the video (break on first match)
  // → v3 lands in r1 and this fails.
  it("gives each video to the latest run started at or before it", () => {
    const runs = [run("r2", "2026-11-30T12:00:00Z"), run("r1", "2026-11-29T12:00:00Z")];
    const m = videosByRun(runs, [vid("v1", "2026-11-29T12:00:01Z", "completed"), vid("v3", "2026-11-30T12:00:02Z", "queued"), vid("v0", "2026-11-28T00:00:00Z", "completed")]);
    expect(m.get("r1")!.map((v) => v.id)).toEqual(["v1"]);
    expect(m.get("r2")!.map((v) => v.id)).toEqual(["v3"]);
  });
});

describe("runView", () => {
  // The reported bug: run "completed" while its videos were queued.
  // Mutation tried: returning the stored status when run.status === "completed" → first row fails.
  it.each([
    ["completed run, videos queued → rendering", "completed", ["queued", "completed"], "Rendering · 1 of 2 ready", "blue"],
    ["all ready → completed", "completed", ["completed", "completed"], "Completed", "green"],
    ["some failed", "completed", ["completed", "failed"], "Completed · 1 failed", "amber"],
    ["all failed", "completed", ["timeout", "failed"], "Failed", "red"],
    ["no videos (nothing new) keeps the run's word", "completed", [], "Completed", "green"],
    ["skipped run", "skipped", [], "Skipped", "amber"],
    ["running run", "running", ["queued"], "Running", "blue"],
  ])("%s", (_n, status, statuses, label, tone) => {
    const r = runView(run("r", "2026-11-30T00:00:00Z", status), statuses.map((s, i) => vid(`v${i}`, "2026-11-30T00:00:01Z", s)));
    expect(r.label).toBe(label);
    expect(r.tone).toBe(tone);
  });
});
