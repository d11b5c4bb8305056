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
import { command, run, resolveFfmpegPaths } from "@/lib/render/ffmpeg";
import { AUDIO_BITRATE, FPS, X264_CRF, X264_PARAMS, X264_PRESET, renderPresenterVideo } from "@/lib/render/render";

const SCRIPT =
  "Welcome back to the studio. Today we look at three trends that will shape short video this year. " +
  "First, presenters are getting more personal, and audiences reward honesty over polish. " +
  "Second, captions matter more than ever, because most people watch with the sound off. " +
  "Third, consistency beats perfection. Post often, learn from every video, and keep your message simple. " +
  "If you remember one thing, make it this: show up every week. Thanks for watching, and see you next time.";

async function main() {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "bench-render-"));
  const ff = resolveFfmpegPaths();
  console.log(`ffmpeg: ${ff.ffmpegPath} (${ff.source.ffmpeg}); ${os.cpus().length} CPUs; x264 ${X264_PRESET} crf ${X264_CRF} ${X264_PARAMS}; load ${os.loadavg()[0].toFixed(1)}`);
  try {
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
    const wall = (Date.now() - t0) / 1000;
    stages[last.stage] = (stages[last.stage] ?? 0) + (Date.now() - last.t);

    // Baseline inputs (not timed): a still frame and the audio of the rendered video.
    const still = path.join(dir, "still.png");
    const wav = path.join(dir, "audio.wav");
    await run(command().input(out).inputOptions(["-ss", String(res.durationSec / 2)]).outputOptions(["-frames:v", "1"]).output(still), { label: "grab a still" });
    await run(command().input(out).outputOptions(["-vn", "-c:a", "pcm_s16le"]).output(wav), { label: "extract audio" });

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
          "-t", res.durationSec.toFixed(3), "-movflags", "+faststart",
        ])
        .output(bare),
      { label: "bare still encode" },
    );
    const bareWall = (Date.now() - t1) / 1000;

    const breakdown = Object.entries(stages).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}s`).join(", ");
    console.log(`stages: ${breakdown}; output ${res.width}x${res.height}, ${(res.sizeBytes / 1024 / 1024).toFixed(2)} MB, ${res.cues.length} caption cues`);
    console.log(
      `render ${res.durationSec.toFixed(1)}s video: ${wall.toFixed(1)} s wall (${(res.durationSec / wall).toFixed(1)}x realtime) | ` +
        `bare still encode: ${bareWall.toFixed(1)} s | ratio ${(wall / bareWall).toFixed(2)}x`,
    );
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
