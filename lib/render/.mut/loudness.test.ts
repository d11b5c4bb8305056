/** Loudness normalisation in JS (BS.1770 measurement, gain, look-ahead peak limit). */
import { describe, expect, it } from "vitest";
import { integratedLoudness, normaliseLoudness } from "./loudness";

function sine(freq: number, amp: number, sec: number, sr: number): Int16Array {
  const out = new Int16Array(Math.round(sec * sr));
  for (let i = 0; i < out.length; i++) out[i] = Math.round(amp * 32767 * Math.sin((2 * Math.PI * freq * i) / sr));
  return out;
}

describe("loudness", () => {
  // BS.1770 reference point: a 997 Hz sine at 0 dBFS peak reads -3.01 LKFS on one channel.
  // Mutation tried: dropping the -0.691 offset → reads -2.3 and fails; skipping the K-weighting
  // high shelf → 1 kHz barely moves, so the 4 kHz row below catches it (+3.5 dB expected).
  it("measures sines like the standard says", () => {
    expect(integratedLoudness(sine(997, 1, 3, 48000), 48000)).toBeCloseTo(-3.01, 1);
    expect(integratedLoudness(sine(997, 0.1, 3, 16000), 16000)).toBeCloseTo(-23.01, 1);
    const hi = integratedLoudness(sine(4000, 0.1, 3, 48000), 48000) - integratedLoudness(sine(997, 0.1, 3, 48000), 48000);
    expect(hi).toBeGreaterThan(2.5);
    expect(hi).toBeLessThan(4.5);
    expect(integratedLoudness(new Int16Array(48000), 48000)).toBe(-Infinity);
  });

  // Mutation tried: removing the limiter (out = pcm * g) → the peak goes over the ceiling;
  // removing the second pass → the limited bursts leave it under -15 LUFS.
  it("brings quiet speech to -14 LUFS and keeps peaks under -1.5 dBFS", () => {
    const sr = 16000;
    // Quiet tone with short loud bursts (like plosives).
    const pcm = sine(300, 0.05, 4, sr);
    for (let k = 0; k < 8; k++) for (let i = 0; i < 200; i++) pcm[k * 8000 + i] = Math.round(0.3 * 32767 * Math.sin(i / 3));
    const r = normaliseLoudness(pcm, sr, -14);
    expect(r.gainDb).toBeGreaterThan(5);
    expect(integratedLoudness(r.pcm, sr)).toBeGreaterThan(-15);
    expect(integratedLoudness(r.pcm, sr)).toBeLessThan(-13);
    let peak = 0;
    for (const v of r.pcm) peak = Math.max(peak, Math.abs(v));
    expect(20 * Math.log10(peak / 32767)).toBeLessThanOrEqual(-1.5 + 0.01);
  });
});
