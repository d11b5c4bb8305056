import { spawnSync } from "node:child_process";
import { renderPresenterVideo } from "./render";
const jobs = [
  { a: "9:16", slug: "sarah", title: "日本語のタイトル 🚀", script: "こんにちは、今日は三つのポイントを紹介します。" },
  { a: "16:9", slug: "james", title: "مرحبا بالعالم", script: "Captions in every script: مرحبا بالعالم and שלום עולם today." },
  { a: "1:1", slug: "lisa", title: "Привет नमस्ते 🔥", script: "Big news! Привет, नमस्ते, and 42 reasons to post today 🔥" },
  { a: "9:16", slug: "mike", title: "3 trends for short video", script: "Mom bought a big map. Post often, learn from every video." },
] as const;
(async () => {
  const frames: string[] = [];
  for (const [i, j] of jobs.entries()) {
    const out = `/tmp/h13/sheet-${i}.mp4`;
    const r = await renderPresenterVideo({ script: j.script, title: j.title, avatarSlug: j.slug, aspectRatio: j.a, outPath: out, background: { type: "gradient", colors: ["#1e3a8a", "#7c3aed"] } });
    const t = r.cues[Math.min(2, r.cues.length - 1)];
    const at = t ? (t.startSec + t.endSec) / 2 : 1;
    spawnSync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-ss", String(at), "-i", out, "-frames:v", "1", "-vf", "scale=-2:640", `/tmp/h13/sheet-${i}.png`]);
    frames.push(`/tmp/h13/sheet-${i}.png`);
    console.log("done", i, r.durationSec);
  }
})();
