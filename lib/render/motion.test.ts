/**
 * Idle motion (issue 13 "life"): the presenter breathes and sways while idle, and the face
 * patch follows the body exactly (the frame feed places both from motion.ts poseAt).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import { MAX_POSE_SHIFT, POSE_STEP_X, POSE_STEP_Y, browTrack, emphasisedWords, poseRuns } from "./motion";
import { FACE_PATCH, PRESENTER_SLUGS, presenterSvg } from "./presenters";
import { svgToRgba } from "./raster";
import { FPS, renderPresenterVideo } from "./render";
import { synthesizeSpeech } from "./tts";
import { PRESENTERS } from "./presenters";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "motion-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe("idle motion", () => {
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
    // Breathing goes down to the full depth; there is no sideways sway any more (the head tilt
    // gives sideways life, and each sway offset tripled the pose images).
    expect(new Set(runs.map((r) => r.dy)).size).toBe(5);
    expect(new Set(runs.map((r) => r.dx))).toEqual(new Set([0]));
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

describe("brows on emphasis", () => {
  // Mutations tried: dropping the number rule in emphasisedWords → "42" is not stressed and
  // both tests below fail; starting every lift at `a = 0` (brows up from the video's start) →
  // the lead-in silence check fails.
  it("lifts the brows while a stressed word is spoken, not in the silences around speech", async () => {
    const s = await synthesizeSpeech("We grew 42 percent this month. Can you believe it?", PRESENTERS.mike.voice, 1);
    const frames = Math.round(s.durationSec * FPS);
    const up = browTrack(s.words, frames, FPS, "mike");
    const at = (t: number) => up[Math.min(frames - 1, Math.floor(t * FPS))];
    const w42 = s.words.find((w) => w.text === "42")!;
    expect(w42.endSec).toBeGreaterThan(w42.startSec);
    for (let t = w42.startSec; t < w42.endSec; t += 1 / FPS) expect(at(t), `brows up at ${t.toFixed(2)} s in "42"`).toBe(true);
    // The question's last word ("it?") is stressed too.
    const it = s.words.at(-1)!;
    expect(at((it.startSec + it.endSec) / 2)).toBe(true);
    // Silence: the lead-in before the first word and the tail after the hold are at rest.
    const first = s.words[0];
    for (let f = 0; f < Math.floor((first.startSec - 0.1) * FPS); f++) expect(up[f], `lead-in frame ${f}`).toBe(false);
    expect(up[frames - 1], "last frame (tail silence)").toBe(false);
    // And a plain word away from any stress ("We") is at rest.
    expect(at((first.startSec + first.endSec) / 2)).toBe(false);
  }, 60_000);

  it("is deterministic per script and presenter, and stresses numbers, capitals and exclamations only", () => {
    const words = "so this is HUGE and we saved 30% today! honestly nothing else".split(" ").map((text) => ({ text }));
    const a = emphasisedWords(words, "sarah");
    expect(a).toEqual(emphasisedWords(words, "sarah"));
    expect(words.filter((_, i) => a[i]).map((w) => w.text)).toEqual(expect.arrayContaining(["HUGE", "30%", "today!"]));
    for (const plain of ["so", "this", "is", "and", "we"]) expect(a[words.findIndex((w) => w.text === plain)], plain).toBe(false);
  });

  // Mutation tried: FACE_PATCH back to { y: 98, h: 78 } (the old patch, below the brows) → the
  // raised brows change pixels outside the patch and this fails for every presenter.
  it("raised brows change the picture only inside the face patch, for every presenter", () => {
    for (const slug of PRESENTER_SLUGS) {
      const open = svgToRgba(presenterSvg(slug, "X", "open")).data;
      const raised = svgToRgba(presenterSvg(slug, "X", "raised")).data;
      let inside = 0;
      for (let i = 0; i < open.length; i += 4) {
        if (Math.abs(open[i + 3] - raised[i + 3]) + Math.abs(open[i] - raised[i]) < 8) continue;
        const x = (i / 4) % 280;
        const y = Math.floor(i / 4 / 280);
        const inPatch = x >= FACE_PATCH.x && x < FACE_PATCH.x + FACE_PATCH.w && y >= FACE_PATCH.y && y < FACE_PATCH.y + FACE_PATCH.h;
        expect(inPatch, `${slug}: pixel (${x}, ${y}) changed outside the face patch`).toBe(true);
        inside++;
      }
      expect(inside, `${slug}: the brows moved`).toBeGreaterThan(50);
    }
  });
});
