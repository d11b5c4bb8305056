/**
 * npm run bench:render
 *
 * Renders a ~30 s presenter video at 1080×1920 with captions, then, in the same run, times the
 * cheapest possible ffmpeg job producing the same kind of file: one still frame of the same
 * size (decoded and converted once, then repeated), the same audio, same length, codec, x264
 * preset/CRF and faststart. Prints wall time, real-time factor and the ratio of the two.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { command, run, resolveFfmpegPaths } from "@/lib/render/ffmpeg";
import { AUDIO_BITRATE, FPS, X264_CRF, X264_PARAMS, X264_PRESET, renderPresenterVideo, type RenderTimings } from "@/lib/render/render";
import { presenterSprites } from "@/lib/render/sprite-cache";

export const SCRIPT =
  "Welcome back to the studio. Today we look at three trends that will shape short video this year. " +
  "First, presenters are getting more personal, and audiences reward honesty over polish. " +
  "Second, captions matter more than ever, because most people watch with the sound off. " +
  "Third, consistency beats perfection. Post often, learn from every video, and keep your message simple. " +
  "If you remember one thing, make it this: show up every week. Thanks for watching, and see you next time.";

export interface StudioBench {
  out: string;
  wallSec: number;
  durationSec: number;
  stages: Record<string, number>;
  /** The renderer's own stage timings (ms; tts and raster overlap). */
  timings: RenderTimings;
  width: number;
  height: number;
  sizeBytes: number;
  cues: number;
}

/** Case "studio": the local studio render of SCRIPT at 1080×1920 with word captions. */
export async function benchStudio(dir: string): Promise<StudioBench> {
  const out = path.join(dir, "bench.mp4");
  const stages: Record<string, number> = {};
  let last = { stage: "", t: Date.now() };
  const t0 = Date.now();
  const res = await renderPresenterVideo({
    script: SCRIPT,
    title: "3 trends for short video",
    avatarSlug: "sarah",
    style: "normal",
    aspectRatio: "9:16",
    voiceSpeed: 1,
    captions: true,
    background: { type: "gradient", colors: ["#1e3a8a", "#7c3aed"] },
    outPath: out,
    onProgress: (p) => {
      if (p.stage !== last.stage) {
        const now = Date.now();
        if (last.stage) stages[last.stage] = (stages[last.stage] ?? 0) + (now - last.t);
        last = { stage: p.stage, t: now };
      }
    },
  });
  const wallSec = (Date.now() - t0) / 1000;
  stages[last.stage] = (stages[last.stage] ?? 0) + (Date.now() - last.t);
  return { out, wallSec, durationSec: res.durationSec, stages, timings: res.timings, width: res.width, height: res.height, sizeBytes: res.sizeBytes, cues: res.cues.length };
}

/**
 * Case "bare": the cheapest ffmpeg job producing the same kind of file from `video` — one still
 * frame of it repeated, its audio, same length, codec, x264 preset/CRF and faststart. Inputs
 * are prepared untimed; returns the encode's wall seconds.
 */
export async function benchBare(dir: string, video: string, durationSec: number): Promise<number> {
  const still = path.join(dir, "still.png");
  const wav = path.join(dir, "audio.wav");
  await run(command().input(video).inputOptions(["-ss", String(durationSec / 2)]).outputOptions(["-frames:v", "1"]).output(still), { label: "grab a still" });
  await run(command().input(video).outputOptions(["-vn", "-c:a", "pcm_s16le"]).output(wav), { label: "extract audio" });
  const bare = path.join(dir, "bare.mp4");
  const t1 = Date.now();
  await run(
    command()
      .input(still)
      .input(wav)
      .complexFilter(`[0:v]format=yuv420p,loop=loop=-1:size=1:start=0,setpts=N/${FPS}/TB[v]`)
      .outputOptions([
        "-map", "[v]", "-map", "1:a",
        "-c:v", "libx264", "-preset", X264_PRESET, "-crf", String(X264_CRF), "-x264-params", X264_PARAMS, "-pix_fmt", "yuv420p", "-profile:v", "high",
        "-r", String(FPS), "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ar", "44100", "-ac", "1",
        "-t", durationSec.toFixed(3), "-movflags", "+faststart",
      ])
      .output(bare),
    { label: "bare still encode" },
  );
  return (Date.now() - t1) / 1000;
}

const load = () => os.loadavg()[0].toFixed(1);

/**
 * Case "composed" (issue 14, lib/compose): a 30 s short of 6 scenes from the fake research mix —
 * research cards, citation chips, punch-ins, the calm bed ducked under the voice — composed at
 * 1080×1920 from a provider-like presenter mp4 (prepared untimed). Prints its real-time factor
 * next to a same-run bare encode of the same length and size.
 */
export async function benchComposed(dir: string): Promise<{ wallSec: number; durationSec: number; bareSec: number; scenes: number }> {
  const { writeShortScript } = await import("@/lib/research/writer");
  const { FAKE_ITEMS } = await import("@/lib/compose/fixtures");
  const { planStoryboard } = await import("@/lib/compose/plan");
  const { makeTalkingPhoto } = await import("@/lib/compose/talking-photo");
  const { composeShort } = await import("@/lib/compose/compose");
  const board = planStoryboard(writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 }), FAKE_ITEMS, { aspects: ["9:16"] });
  const presenter = path.join(dir, "composed-presenter.mp4");
  await makeTalkingPhoto(board.scenes.map((s) => s.text), presenter, { width: 1080, height: 1920 });
  const t0 = Date.now();
  const [r] = await composeShort({ presenterPath: presenter, board, workDir: path.join(dir, "compose"), outPath: () => path.join(dir, "composed.mp4") });
  const wallSec = (Date.now() - t0) / 1000;
  const bareSec = await benchBare(dir, r.path, r.durationSec);
  console.log(
    `composed ${r.durationSec.toFixed(1)}s short (${board.scenes.length} scenes, cards, music, ${r.width}x${r.height}): ${wallSec.toFixed(1)} s wall ` +
      `(${(r.durationSec / wallSec).toFixed(2)}x realtime, load ${load()}) | bare still encode: ${bareSec.toFixed(1)} s | ratio ${(wallSec / bareSec).toFixed(2)}x`,
  );
  return { wallSec, durationSec: r.durationSec, bareSec, scenes: board.scenes.length };
}



function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "bench-render-"));
  const ff = resolveFfmpegPaths();
  console.log(`ffmpeg: ${ff.ffmpegPath} (${ff.source.ffmpeg}); ${os.cpus().length} CPUs; x264 ${X264_PRESET} crf ${X264_CRF} ${X264_PARAMS}`);
  try {
    // BENCH_REPEAT=n runs the studio case and its bare encode n times and prints the medians
    // (a loaded machine moves single runs by a lot; the same-run ratio is what counts).
    const repeat = Math.max(1, Math.min(9, Number(process.env.BENCH_REPEAT) || 1));
    const ratios: number[] = [];
    const walls: number[] = [];
    for (let i = 0; i < repeat; i++) {
      const l0 = load();
      // The first run starts with an empty presenter sprite cache (a fresh worker); later runs
      // find the presenter's sprites cached, as a worker rendering its next video does.
      const cache = presenterSprites.misses === 0 ? "cold" : "warm";
      const r = await benchStudio(dir);
      const l1 = load();
      const bareWall = await benchBare(dir, r.out, r.durationSec);
      const l2 = load();
      const breakdown = Object.entries(r.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(", ");
      console.log(`stages (tts and raster overlap): ${breakdown}; output ${r.width}x${r.height}, ${(r.sizeBytes / 1024 / 1024).toFixed(2)} MB, ${r.cues} caption cues`);
      console.log(
        `render ${r.durationSec.toFixed(1)}s video (${cache} sprite cache): ${r.wallSec.toFixed(1)} s wall (${(r.durationSec / r.wallSec).toFixed(1)}x realtime, load ${l0}→${l1}) | ` +
          `bare still encode: ${bareWall.toFixed(1)} s (load ${l2}) | ratio ${(r.wallSec / bareWall).toFixed(2)}x`,
      );
      ratios.push(r.wallSec / bareWall);
      walls.push(r.wallSec);
    }
    if (repeat > 1) console.log(`median of ${repeat}: render ${median(walls).toFixed(1)} s wall | ratio ${median(ratios).toFixed(2)}x (all: ${ratios.map((x) => x.toFixed(2)).join(", ")})`);
    // Issue 14's composed-short case (BENCH_COMPOSED=0 skips it).
    if (process.env.BENCH_COMPOSED !== "0") await benchComposed(dir);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

// Runs only as a script (other benches import the cases).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
