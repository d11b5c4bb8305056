/**
 * Loudness normalisation in JS, on the speech PCM, before ffmpeg sees it. ffmpeg's `loudnorm`
 * resamples to 192 kHz and runs its own limiter inside the encode (about a second of CPU for
 * 30 s of speech on our 2-core target); the speech is already in memory here, so measuring it
 * and applying one gain costs a few milliseconds.
 *
 * Measurement: ITU-R BS.1770-4 integrated loudness (K-weighting, 400 ms blocks with 75 %
 * overlap, absolute gate -70 LKFS, relative gate -10 LU). K-weighting coefficients for any
 * sample rate follow libebur128 (github.com/jiixyj/libebur128, ebur128.c
 * `ebur128_init_filter`, read 2026-11-30). Peaks are held under the true-peak ceiling with a
 * look-ahead limiter so the gain never clips.
 */

/** Biquad coefficients [b0, b1, b2, a1, a2] of the two K-weighting stages at `fs`. */
function kWeighting(fs: number): [number[], number[]] {
  let f0 = 1681.974450955533;
  const G = 3.999843853973347;
  let Q = 0.7071752369554196;
  let K = Math.tan((Math.PI * f0) / fs);
  const Vh = 10 ** (G / 20);
  const Vb = Vh ** 0.4996667741545416;
  let a0 = 1 + K / Q + K * K;
  const shelf = [(Vh + (Vb * K) / Q + K * K) / a0, (2 * (K * K - Vh)) / a0, (Vh - (Vb * K) / Q + K * K) / a0, (2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0];
  f0 = 38.13547087602444;
  Q = 0.5003270373238773;
  K = Math.tan((Math.PI * f0) / fs);
  a0 = 1 + K / Q + K * K;
  const highpass = [1, -2, 1, (2 * (K * K - 1)) / a0, (1 - K / Q + K * K) / a0];
  return [shelf, highpass];
}

function biquad(x: Float64Array, c: number[]): Float64Array {
  const [b0, b1, b2, a1, a2] = c;
  const y = new Float64Array(x.length);
  let x1 = 0, x2 = 0, y1 = 0, y2 = 0;
  for (let n = 0; n < x.length; n++) {
    const v = b0 * x[n] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x[n];
    y2 = y1;
    y1 = v;
    y[n] = v;
  }
  return y;
}

/** Integrated loudness (LUFS) of mono 16-bit PCM; -Infinity for silence or under 400 ms. */
export function integratedLoudness(pcm: Int16Array, sampleRate: number): number {
  const x = new Float64Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) x[i] = pcm[i] / 32768;
  const [shelf, hp] = kWeighting(sampleRate);
  const k = biquad(biquad(x, shelf), hp);
  const block = Math.round(sampleRate * 0.4);
  const step = Math.round(sampleRate * 0.1);
  // Prefix sums of squares make every block O(1).
  const cum = new Float64Array(k.length + 1);
  for (let i = 0; i < k.length; i++) cum[i + 1] = cum[i] + k[i] * k[i];
  const z: number[] = [];
  for (let s = 0; s + block <= k.length; s += step) z.push((cum[s + block] - cum[s]) / block);
  const lufs = (ms: number) => -0.691 + 10 * Math.log10(ms);
  const abs = z.filter((m) => m > 0 && lufs(m) > -70);
  if (!abs.length) return -Infinity;
  const mean = (a: number[]) => a.reduce((p, q) => p + q, 0) / a.length;
  const relGate = lufs(mean(abs)) - 10;
  const gated = abs.filter((m) => lufs(m) > relGate);
  return lufs(mean(gated));
}

export interface NormaliseResult {
  pcm: Int16Array;
  /** Gain applied before limiting (dB). */
  gainDb: number;
  measuredLufs: number;
}

/**
 * Scales speech to `targetLufs` and limits sample peaks to `ceilingDb` dBFS (4x-free: speech at
 * 16–48 kHz has little inter-sample overshoot, and the ceiling leaves 1.5 dB for the AAC encoder).
 * Gain is capped at +24 dB so a near-silent take is not blown up into noise.
 */
export function normaliseLoudness(pcm: Int16Array, sampleRate: number, targetLufs: number, ceilingDb = -1.5): NormaliseResult {
  const measured = integratedLoudness(pcm, sampleRate);
  if (!Number.isFinite(measured)) return { pcm, gainDb: 0, measuredLufs: measured };
  // Limiting loud peaks takes some loudness away; a second pass adds back what was lost.
  let gainDb = Math.min(24, targetLufs - measured);
  let out = applyGainLimited(pcm, sampleRate, gainDb, ceilingDb);
  const after = integratedLoudness(out, sampleRate);
  if (after < targetLufs - 0.5 && gainDb < 24) {
    gainDb = Math.min(24, gainDb + (targetLufs - after));
    out = applyGainLimited(pcm, sampleRate, gainDb, ceilingDb);
  }
  return { pcm: out, gainDb, measuredLufs: measured };
}

function applyGainLimited(pcm: Int16Array, sampleRate: number, gainDb: number, ceilingDb: number): Int16Array {
  const g = 10 ** (gainDb / 20);
  const ceiling = 32767 * 10 ** (ceilingDb / 20);
  const n = pcm.length;
  // Gain each sample may take without passing the ceiling.
  const need = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = Math.abs(pcm[i] * g);
    need[i] = a > ceiling ? ceiling / a : 1;
  }
  // Look-ahead of 5 ms: the gain is already down when the peak arrives (no clipped edges);
  // release over ~60 ms so the gain does not pump on every syllable.
  const look = Math.max(1, Math.round(sampleRate * 0.005));
  const release = 1 - Math.exp(-1 / (sampleRate * 0.06));
  const out = new Int16Array(n);
  let env = 1;
  // Sliding minimum over [i, i + look] with a monotonic deque.
  const dq = new Int32Array(n + look + 1);
  let head = 0, tail = 0;
  let j = 0;
  for (let i = 0; i < n; i++) {
    for (; j < n && j <= i + look; j++) {
      while (tail > head && need[dq[tail - 1]] >= need[j]) tail--;
      dq[tail++] = j;
    }
    while (dq[head] < i) head++;
    const target = need[dq[head]];
    env = target < env ? target : env + (target - env) * release;
    const v = Math.round(pcm[i] * g);
    out[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
  }
  return out;
}
