/**
 * The encode puts every face image on its own video frame (issue 13's faster filter graph).
 * The mouth in the output video is measured, not assumed: per frame, the dark mouth interior
 * is counted in the face area, and the frame-by-frame mouth shapes the speech implies must
 * explain those counts best with no shift at all.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveFfmpegPaths } from "./ffmpeg";
import { computeLayout } from "./layout";
import { getPresenter } from "./presenters";
import { FPS, mouthTrack, renderPresenterVideo } from "./render";
import { synthesizeSpeech } from "./tts";
import type { Viseme } from "./visemes";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "encode-sync-test-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

/** Per frame: pixels of the mouth's dark interior (visemes.ts `dark`, #5b1a16) in the face area. */
function darkMouthPixels(video: string, box: { x: number; y: number; w: number; h: number }): number[] {
  const r = spawnSync(
    resolveFfmpegPaths().ffmpegPath,
    ["-hide_banner", "-loglevel", "error", "-i", video, "-vf", `crop=${box.w}:${box.h}:${box.x}:${box.y}`, "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
    { maxBuffer: 1 << 30 },
  );
  expect(r.status, String(r.stderr)).toBe(0);
  const px = box.w * box.h * 3;
  const out: number[] = [];
  for (let o = 0; o + px <= r.stdout.length; o += px) {
    let n = 0;
    for (let i = o; i < o + px; i += 3) {
      const [R, G, B] = [r.stdout[i], r.stdout[i + 1], r.stdout[i + 2]];
      if (R > 55 && R < 135 && G < 50 && B < 50) n++;
    }
    out.push(n);
  }
  return out;
}

/** Share of the variance of `values` explained by grouping them by `labels` (correlation ratio η²). */
function explained(values: number[], labels: string[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const groups = new Map<string, number[]>();
  values.forEach((v, i) => groups.set(labels[i], [...(groups.get(labels[i]) ?? []), v]));
  let between = 0;
  for (const g of groups.values()) {
    const m = g.reduce((a, b) => a + b, 0) / g.length;
    between += g.length * (m - mean) ** 2;
  }
  const total = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return total ? between / total : 0;
}

describe("encode timing", () => {
  // Mutations tried (each fails this test):
  // - the face input started one image late (`-start_number 1` in render.ts) → best shift -1;
  // - the main stream back on a 1/25 s clock (`settb=1/25` after fps, as the looped still with
  //   setpts=N/30/TB had before issue 13: its frames of the old output showed the mouth one
  //   frame late) → best shift +1.
  it("shows each frame's mouth shape on that very frame", async () => {
    const script = "Maybe my mom bought apples. Open the window, please, and wave hello to everybody.";
    const out = path.join(dir, "sync.mp4");
    const v = getPresenter("sarah");
    await renderPresenterVideo({ script, avatarSlug: "sarah", aspectRatio: "9:16", captions: false, outPath: out });
    const speech = await synthesizeSpeech(script, v.voice, 1);
    const L = computeLayout("9:16", "normal");
    // The lower part of the face patch (mouth), with room for the idle motion and tilt.
    const P = L.patch;
    const box = { x: P.x + Math.round(P.w * 0.2), y: P.y + Math.round(P.h * 0.5), w: Math.round(P.w * 0.6) & ~1, h: Math.round(P.h * 0.4) & ~1 };
    const dark = darkMouthPixels(out, box);
    const expected: Viseme[] = mouthTrack(speech, dark.length);
    expect(new Set(expected).size).toBeGreaterThan(4);
    const fit = (shift: number) => {
      const vals: number[] = [];
      const labels: string[] = [];
      for (let f = 0; f < dark.length; f++) {
        const e = f - shift;
        if (e < 0 || e >= expected.length) continue;
        vals.push(dark[f]);
        labels.push(expected[e]);
      }
      return explained(vals, labels);
    };
    const shifts = [-2, -1, 0, 1, 2];
    const scores = shifts.map(fit);
    const best = shifts[scores.indexOf(Math.max(...scores))];
    expect({ best, scores: scores.map((s) => s.toFixed(3)) }).toMatchObject({ best: 0 });
    expect(scores[2]).toBeGreaterThan(0.95);
    expect(dark.length).toBe(Math.round(speech.durationSec * FPS));
  });
});
