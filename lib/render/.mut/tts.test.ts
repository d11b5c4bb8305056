import { describe, expect, it } from "vitest";
import { PRESENTERS } from "./presenters";
import { buildCues, wrapLines } from "./scene";
import { computeLayout } from "./layout";
import { energyPerFrame, splitPhrases, synthesizeSpeech } from "./tts";

describe("speech", () => {
  it("splits scripts into sentences and long sentences at clause breaks", () => {
    const ph = splitPhrases("Hello there! How are you? This is a rather long sentence, which keeps going with a clause, and another clause, and then a final clause to finish.");
    expect(ph[0]).toEqual({ text: "Hello there!", sentenceEnd: true });
    expect(ph[1]).toEqual({ text: "How are you?", sentenceEnd: true });
    expect(ph.length).toBeGreaterThan(3);
    expect(ph.at(-1)?.sentenceEnd).toBe(true);
  });

  it("synthesises offline with phrase timings, and speed changes the length", async () => {
    const script = "The quick brown fox jumps over the lazy dog. Then it rests.";
    const voice = PRESENTERS.sarah.voice;
    const normal = await synthesizeSpeech(script, voice, 1);
    const fast = await synthesizeSpeech(script, voice, 2);
    expect(normal.phrases).toHaveLength(2);
    expect(normal.phrases[0].startSec).toBeGreaterThan(0.1);
    expect(normal.phrases[1].startSec).toBeGreaterThan(normal.phrases[0].endSec + 0.2); // sentence pause
    expect(fast.durationSec).toBeLessThan(normal.durationSec * 0.75);
    const energy = energyPerFrame(normal, 30, Math.round(normal.durationSec * 30));
    expect(Math.max(...energy)).toBe(1);
    expect(energy[0]).toBe(0); // lead-in silence
  });

  it("speaks Spanish with a Spanish voice", async () => {
    const s = await synthesizeSpeech("Hola, ¿qué tal? Vamos a empezar.", PRESENTERS.sophia.voice, 1);
    expect(s.durationSec).toBeGreaterThan(1);
  });
});

describe("captions", () => {
  it("cues have at most two lines and cover the phrase time", () => {
    const L = computeLayout("9:16", "normal");
    const text = "This sentence is deliberately long so that it must be split over more than one caption cue on a phone screen without any lonely words.";
    const cues = buildCues([{ text, startSec: 1, endSec: 9 }], L);
    expect(cues.length).toBeGreaterThan(1);
    for (const c of cues) expect(c.lines.length).toBeLessThanOrEqual(2);
    expect(cues[0].startSec).toBe(1);
    expect(cues.at(-1)?.endSec).toBeCloseTo(9, 6);
    expect(cues.map((c) => c.text).join(" ")).toBe(text);
    const last = cues.at(-1)!;
    expect(last.text.split(" ").length).toBeGreaterThan(3);
  });

  it("wraps scripts without spaces (CJK) by character", () => {
    const lines = wrapLines("日本語のテキストはスペースがないので文字単位で折り返す必要があります", 600, 60);
    expect(lines.length).toBeGreaterThan(1);
  });
});
