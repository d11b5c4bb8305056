/**
 * Idle motion (issue 13 "life"): the presenter breathes and sways while idle, and the face
 * patch follows the body exactly (the ffmpeg expression and poseAt agree on every frame).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import { MAX_POSE_SHIFT, POSE_STEP_X, POSE_STEP_Y, poseAt, poseExpr, poseRuns } from "./motion";
import { renderPresenterVideo } from "./render";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "motion-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

/** Evaluates the overlay expression the way ffmpeg's av_expr does for the functions we use. */
function evalExpr(expr: string, n: number): number {
  const js = expr
    .replace(/\bPI\b/g, "Math.PI")
    .replace(/\bround\(/g, "cround(")
    .replace(/\b(sin|cos|floor)\(/g, "Math.$1(")
    .replace(/\bn\b/g, String(n));
  // C round(): half away from zero.
  const cround = (v: number) => Math.sign(v) * Math.floor(Math.abs(v) + 0.5);
  return new Function("cround", `return ${js};`)(cround) as number;
}

describe("idle motion", () => {
  // Mutation tried: poseAt's dy using floor(n / 5) while the expression keeps n / 6 → the face
  // would slide off the body; this fails on the first mismatching frame.
  it("face expression and pose track agree on every frame of a minute", () => {
    const e = poseExpr(100, 200);
    for (let n = 0; n < 60 * 30; n++) {
      const p = poseAt(n);
      expect(evalExpr(e.x, n), `x at ${n}`).toBe(100 + p.dx);
      expect(evalExpr(e.y, n), `y at ${n}`).toBe(200 + p.dy);
    }
  });

  it("moves in even steps only at multiples of 6 frames, within the limits the layout allows", () => {
    const runs = poseRuns(30 * 30);
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) {
      expect(r.startFrame % Math.min(POSE_STEP_X, POSE_STEP_Y)).toBe(0);
      expect(Math.abs(r.dx) % 2).toBe(0);
      expect(r.dy % 2).toBe(0);
      expect(Math.abs(r.dx)).toBeLessThanOrEqual(MAX_POSE_SHIFT.x);
      expect(r.dy).toBeGreaterThanOrEqual(0);
      expect(r.dy).toBeLessThanOrEqual(MAX_POSE_SHIFT.y);
    }
    // Both motions are used (breathing down to the full depth, sway both ways).
    expect(new Set(runs.map((r) => r.dy)).size).toBe(5);
    expect(new Set(runs.map((r) => r.dx))).toEqual(new Set([-2, 0, 2]));
  });

  // Mutation tried: rendering with `layers.motion` forced false (static presenter) → the two idle
  // frames are identical and this fails.
  it("the presenter moves while idle: frames 1 s apart in a silent stretch differ, the face with them", async () => {
    const out = path.join(dir, "idle.mp4");
    // A one-word script padded to 4 s: the mouth is idle from about 1 s on.
    await renderPresenterVideo({ script: "Hi.", avatarSlug: "james", aspectRatio: "1:1", outPath: out, minDurationSec: 4, captions: false });
    const grab = (t: number) => {
      const r = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-hide_banner", "-loglevel", "error", "-ss", String(t), "-i", out, "-frames:v", "1", "-vf", "format=gray", "-f", "rawvideo", "-"], { maxBuffer: 1 << 24 });
      return r.stdout as Buffer;
    };
    // Frame 60 (2.0 s) is at the deepest breath (dy 8), frame 90 (3.0 s) half way (dy 4): the
    // whole presenter is 4 px apart, which changes thousands of edge pixels.
    const a = grab(2.0);
    const b = grab(3.0);
    expect(a.length).toBe(1080 * 1080);
    let diff = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i] - b[i]) > 24) diff++;
    expect(diff, "pixels that changed between idle frames").toBeGreaterThan(2000);
  });
});
