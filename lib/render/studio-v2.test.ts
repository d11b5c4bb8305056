/**
 * Local studio v2 (issue 13): Flite voices, word timings, word-by-word captions, lip-sync from
 * phonemes, loudness. Everything runs for real (Flite WASI, resvg, ffmpeg); nothing is mocked.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { resolveFfmpegPaths } from "./ffmpeg";
import { alignWords, parsePsdur } from "./flite";
import { computeLayout, STUDIO_ASPECTS } from "./layout";
import { PRESENTERS, presenterVoiceInfo, type PresenterProfile } from "./presenters";
import { FPS, mouthTrack, renderPresenterVideo } from "./render";
import { captionGroups, wordCaptionSvg, wordCues } from "./scene";
import { cjkFontFile, svgContentWidth } from "./raster";
import { latinScript, splitPhrases, synthesizeSpeech, type Speech } from "./tts";
import { phoneViseme, visemeTrack } from "./visemes";

let dir: string;
beforeAll(async () => {
  dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), "studio-v2-"));
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

/** Median pitch (Hz) of the voiced 40 ms frames, by autocorrelation. */
function medianF0(s: Pick<Speech, "pcm" | "sampleRate">): number {
  const { pcm, sampleRate: sr } = s;
  const n = Math.round(sr * 0.04);
  const found: number[] = [];
  for (let a = 0; a + n < pcm.length; a += n) {
    let e = 0;
    for (let i = 0; i < n; i++) e += pcm[a + i] ** 2;
    if (Math.sqrt(e / n) < 1500) continue;
    let best = 0;
    let bestLag = 0;
    for (let lag = Math.round(sr / 400); lag < Math.round(sr / 70); lag++) {
      let c = 0;
      let e1 = 0;
      let e2 = 0;
      for (let i = 0; i < n - lag; i++) {
        c += pcm[a + i] * pcm[a + i + lag];
        e1 += pcm[a + i] ** 2;
        e2 += pcm[a + i + lag] ** 2;
      }
      const r = c / Math.sqrt(e1 * e2 + 1);
      if (r > best) [best, bestLag] = [r, lag];
    }
    if (best > 0.6) found.push(sr / bestLag);
  }
  found.sort((x, y) => x - y);
  return found[Math.floor(found.length / 2)] ?? 0;
}

const SCRIPT = "Mom bought a big map, baby. It cost 42 dollars!";

describe("voices", () => {
  it("gives every English presenter a distinct Flite voice that fits its look, and Spanish ones eSpeak-NG", async () => {
    const seen = new Set<string>();
    for (const p of Object.values(PRESENTERS) as PresenterProfile[]) {
      const info = await presenterVoiceInfo(p.slug);
      expect(info.engine).toBe(p.language.startsWith("en") ? "flite" : "espeak-ng");
      // Female presenters use Flite's female voice (slt); male ones a male voice.
      if (info.engine === "flite") expect(info.voice === "slt").toBe(p.gender === "female");
      expect(info.label).toMatch(info.engine === "flite" ? /^Flite · / : /^eSpeak-NG · /);
      const f = p.voice.flite;
      seen.add(JSON.stringify(f ?? p.voice.espeakVoice));
    }
    expect(seen.size).toBe(Object.keys(PRESENTERS).length);
  });

  // Mutation tried: Emma's f0Mean 185 → 110 (the old male-sounding pitch) → this test fails.
  it("female presenters speak at a female pitch and speed is honoured", async () => {
    for (const slug of ["emma", "sarah"] as const) {
      const s = await synthesizeSpeech("Hello there, I will read this sentence for you today.", PRESENTERS[slug].voice, 1);
      expect(s.engine).toBe("flite");
      expect(medianF0(s)).toBeGreaterThan(160);
    }
    const normal = await synthesizeSpeech(SCRIPT, PRESENTERS.mike.voice, 1);
    const fast = await synthesizeSpeech(SCRIPT, PRESENTERS.mike.voice, 1.5);
    expect(medianF0(normal)).toBeLessThan(150);
    // Mutation tried: ignoring speed in the Flite duration_stretch → fast is not shorter → fails.
    expect(fast.durationSec).toBeLessThan(normal.durationSec * 0.8);
  });

  // Mutation tried: alignWords spreading words by letters instead of phone counts → "map" starts
  // away from its /m/ and this fails.
  it("times every word from Flite's phones", async () => {
    const s = await synthesizeSpeech(SCRIPT, PRESENTERS.sarah.voice, 1);
    expect(s.words.map((w) => w.text)).toEqual(SCRIPT.split(" "));
    const map = s.words.find((w) => w.text === "map,")!;
    const mPhone = s.phones.find((p) => p.phone === "m" && Math.abs(p.startSec - map.startSec) < 1e-6);
    expect(mPhone, "map starts exactly at an /m/").toBeTruthy();
    for (let i = 1; i < s.words.length; i++) expect(s.words[i].startSec).toBeGreaterThanOrEqual(s.words[i - 1].endSec - 1e-6);
    // "42" is said as "forty two": a long word, not a single phone.
    const n = s.words.find((w) => w.text === "42")!;
    expect(n.endSec - n.startSec).toBeGreaterThan(0.3);
  });

  it("aligns words by phone counts, and falls back to shares when counts disagree", () => {
    const [utt] = parsePsdur("pau:0.1 hh:0.2 ay:0.4 m:0.5 aa:0.7 m:0.8 pau:1.0\n");
    const exact = alignWords(["Hi", "—", "mom!"], [["hh", "ay"], ["m", "aa", "m"]].flatMap((x, i) => (i === 0 ? [x, []] : [x])), utt);
    expect(exact.map((w) => [w.startSec, w.endSec])).toEqual([[0.1, 0.4], [0.4, 0.4], [0.4, 0.8]]);
    const approx = alignWords(["Hi", "mom!"], null, utt);
    expect(approx[0].startSec).toBeCloseTo(0.1);
    expect(approx[1].endSec).toBeCloseTo(0.8);
  });
});

describe("lip-sync", () => {
  // Mutation tried: mapping m/b/p to "B" in PHONE_VISEME, and deleting the loop that forces a
  // closed frame for short bilabials → both fail here.
  it("closes the mouth on m, b and p at their timings and opens it on vowels", async () => {
    const s = await synthesizeSpeech(SCRIPT, PRESENTERS.sarah.voice, 1);
    const frames = Math.round(s.durationSec * FPS);
    const track = mouthTrack(s, frames);
    const bilabials = s.phones.filter((p) => ["m", "b", "p"].includes(p.phone));
    expect(bilabials.length).toBeGreaterThanOrEqual(6);
    for (const p of bilabials) {
      const f0 = Math.floor(p.startSec * FPS) - 1;
      const f1 = Math.ceil(p.endSec * FPS);
      const window = track.slice(Math.max(0, f0), f1 + 1);
      expect(window, `closed for /${p.phone}/ at ${p.startSec.toFixed(2)}s`).toContain("A");
    }
    const aa = s.phones.find((p) => p.phone === "aa" && p.endSec - p.startSec > 0.06)!;
    expect(["C", "D", "E"]).toContain(track[Math.floor(((aa.startSec + aa.endSec) / 2) * FPS)]);
    // Idle before speech and after it.
    expect(track[0]).toBe("X");
    expect(track.at(-1)).toBe("X");
  });

  it("uses Rhubarb's shapes and removes one-frame flicker but not closures", () => {
    expect([phoneViseme("m"), phoneViseme("f"), phoneViseme("uw"), phoneViseme("aa"), phoneViseme("l")]).toEqual(["A", "G", "F", "D", "H"]);
    const phones = [
      { phone: "aa", startSec: 0, endSec: 0.3 },
      { phone: "eh", startSec: 0.3, endSec: 0.33 },
      { phone: "aa", startSec: 0.33, endSec: 0.6 },
      { phone: "p", startSec: 0.6, endSec: 0.61 },
      { phone: "aa", startSec: 0.61, endSec: 1 },
    ];
    const t = visemeTrack(phones, 30, 30);
    expect(t.slice(8, 11)).toEqual(["D", "D", "D"]); // eh flicker smoothed
    expect(t).toContain("A"); // a 10 ms /p/ still closes one frame
  });
});

describe("word-by-word captions", () => {
  // Mutation tried: wordCues reading the previous token's time (a one-word lag) → fails.
  it("shows each word, highlighted, within 100 ms of when it is spoken", async () => {
    const script = "Captions matter more than ever, because most people watch with the sound off. Post often!";
    const s = await synthesizeSpeech(script, PRESENTERS.james.voice, 1);
    const L = computeLayout("9:16", "normal");
    const groups = captionGroups(splitPhrases(script).map((p) => p.text), L);
    for (const g of groups) expect(g.words.length).toBeLessThanOrEqual(3);
    const cues = wordCues(groups, s.words, s.durationSec);
    expect(cues).toHaveLength(script.split(" ").length);
    for (const c of cues) {
      const w = groups[c.group].words[c.active];
      const spoken = s.words[w.token];
      expect(Math.abs(c.startSec - spoken.startSec)).toBeLessThan(0.1);
      expect(c.text).toContain(w.text);
    }
    for (let i = 1; i < cues.length; i++) expect(cues[i].startSec).toBeGreaterThanOrEqual(cues[i - 1].endSec - 1e-6);
  });

  it("escapes user text into the caption SVG and highlights only the active word", () => {
    const L = computeLayout("1:1", "normal");
    const [g] = captionGroups([`<b>&amp;x 'y'`], L);
    const { svg } = wordCaptionSvg(g, 1, L);
    expect(svg).toContain("&lt;b&gt;&amp;amp;x");
    expect(svg).not.toContain("<b>");
    expect(svg.match(/#ffe14d/g)).toHaveLength(1);
  });

  it("never puts the caption area over the presenter's face", () => {
    for (const a of STUDIO_ASPECTS) {
      for (const style of ["normal", "closeup", "circle"] as const) {
        const L = computeLayout(a, style);
        const capTop = L.caption.bottom - L.caption.fontSize * 1.18 * 2 - L.caption.fontSize;
        const faceBottom = L.patch.y + L.patch.h;
        const overlapsX = L.caption.centerX - L.caption.maxWidth / 2 < L.patch.x + L.patch.w && L.caption.centerX + L.caption.maxWidth / 2 > L.patch.x;
        expect(!overlapsX || capTop >= faceBottom, `${a} ${style}`).toBe(true);
      }
    }
  });
});

describe("render", () => {
  // Mutation tried: removing the loudnorm filter from the encode graph → about -21 LUFS → fails.
  it("normalises loudness to about -14 LUFS", async () => {
    const out = path.join(dir, "loud.mp4");
    await renderPresenterVideo({ script: "Hello! Today we look at three quick tips for better videos.", avatarSlug: "sarah", aspectRatio: "1:1", outPath: out });
    const r = spawnSync(resolveFfmpegPaths().ffmpegPath, ["-hide_banner", "-nostats", "-i", out, "-af", "ebur128", "-f", "null", "-"], { encoding: "utf8" });
    const log = r.stderr;
    const m = [...log.matchAll(/I:\s+(-?\d+(\.\d+)?) LUFS/g)].at(-1); // the summary comes last
    expect(m, "ebur128 summary").toBeTruthy();
    const lufs = Number(m![1]);
    expect(lufs).toBeGreaterThan(-15.5);
    expect(lufs).toBeLessThan(-12.5);
  });
});

describe("scripts beyond Latin", () => {
  // Runs where the operator installed a CJK font (Debian: fonts-noto-cjk); it is not an npm dependency.
  it.skipIf(!cjkFontFile())("draws Japanese caption words (no empty boxes) when a CJK font is installed", () => {
    const L = computeLayout("9:16", "normal");
    const [g] = captionGroups(["日本語のテキスト"], L);
    const { svg } = wordCaptionSvg(g, 0, L);
    const w = svgContentWidth(svg.replace(/<svg[^>]*>/, '<svg xmlns="http://www.w3.org/2000/svg" width="2000" height="400">'), "日本語のテキスト");
    expect(w).toBeGreaterThan(L.caption.fontSize * 4);
  });

  it("sends non-Latin scripts to eSpeak-NG even for a Flite presenter", () => {
    expect(latinScript("Hello there, café!")).toBe(true);
    expect(latinScript("こんにちは、世界")).toBe(false);
  });
});
