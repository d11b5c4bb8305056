/**
 * A provider-like presenter mp4 (still portrait + synthesised voice), for the composer's tests
 * and bench: it has what a HeyGen/D-ID file has (picture and voice, no timings), so composing
 * it exercises the path that finds scene times from the audio.
 */
import fs from "node:fs";
import path from "node:path";
import { command, run } from "@/lib/render/ffmpeg";
import { getPresenter } from "@/lib/render/presenters";
import { presenterPortraitPng } from "@/lib/render/preview";
import { FPS } from "@/lib/render/render";
import { encodeWav, synthesizeSpeech } from "@/lib/render/tts";
import type { TimedWord } from "./timing";

/**
 * Speaks `lines` one call per line (one long call has crashed the WASI Flite build on this
 * machine, 2026-11-30) joined by the pauses a renderer puts between paragraphs.
 */
export async function makeTalkingPhoto(lines: string[], outPath: string, size = { width: 540, height: 960 }): Promise<{ durationSec: number; lineStarts: number[]; words: TimedWord[] }> {
  const dir = path.dirname(outPath);
  await fs.promises.mkdir(dir, { recursive: true });
  const p = getPresenter("sarah");
  const parts: Int16Array[] = [];
  const lineStarts: number[] = [];
  // Every token's spoken time on the joined clock, as the studio reports Speech.words.
  const words: TimedWord[] = [];
  let sampleRate = 16000;
  let n = 0;
  for (const line of lines) {
    const s = await synthesizeSpeech(line, p.voice, 1);
    sampleRate = s.sampleRate;
    lineStarts.push(n / sampleRate);
    for (const w of s.words) words.push({ text: w.text, startSec: w.startSec + n / sampleRate, endSec: w.endSec + n / sampleRate });
    parts.push(s.pcm, new Int16Array(Math.round(0.3 * sampleRate)));
    n += s.pcm.length + Math.round(0.3 * sampleRate);
  }
  const pcm = new Int16Array(n);
  let o = 0;
  for (const part of parts) {
    pcm.set(part, o);
    o += part.length;
  }
  const speech = { durationSec: n / sampleRate };
  const wav = `${outPath}.wav`;
  const png = `${outPath}.png`;
  await fs.promises.writeFile(wav, encodeWav(pcm, sampleRate));
  await fs.promises.writeFile(png, presenterPortraitPng("sarah", Math.min(size.width, size.height)));
  await run(
    command()
      .input(png)
      .inputOptions(["-loop", "1", "-framerate", String(FPS)])
      .input(wav)
      .complexFilter(`[0:v]scale=${size.width}:-2,pad=${size.width}:${size.height}:0:(oh-ih)*0.3:color=0x334155,format=yuv420p[v]`)
      .outputOptions(["-map", "[v]", "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", "-t", speech.durationSec.toFixed(3)])
      .output(outPath),
    { label: "make a talking photo" },
  );
  return { durationSec: speech.durationSec, lineStarts, words };
}
