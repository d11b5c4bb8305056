/**
 * The Flite pool (flite.ts): phrases synthesise in two processes at once, and a crash fails
 * only the requests of the child that died (the call is then retried in a fresh child).
 */
import { afterAll, describe, expect, it } from "vitest";
import { fliteAvailable, flitePids, flitePoolSize, fliteSynth, fliteWorkDir } from "./flite";
import { parseWav } from "./tts";
import fs from "node:fs";
import os from "node:os";

const voice = { voice: "slt" as const, f0Mean: 180 };
const dirs: string[] = [];
async function scratch(): Promise<string> {
  const d = await fliteWorkDir();
  dirs.push(d);
  return d;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => fs.promises.rm(d, { recursive: true, force: true })));
});

/** Runs `fn` with FLITE_PROCESSES set to `n`, then puts the variable back as it was. */
async function withPoolSize(n: string | undefined, fn: () => Promise<void>): Promise<void> {
  const prev = process.env.FLITE_PROCESSES;
  if (n === undefined) delete process.env.FLITE_PROCESSES;
  else process.env.FLITE_PROCESSES = n;
  try {
    await fn();
  } finally {
    if (prev === undefined) delete process.env.FLITE_PROCESSES;
    else process.env.FLITE_PROCESSES = prev;
  }
}

describe.runIf(await fliteAvailable())("Flite process pool", () => {
  it("uses two processes on a two-core machine (FLITE_PROCESSES overrides)", async () => {
    await withPoolSize(undefined, async () => expect(flitePoolSize()).toBe(Math.max(1, Math.min(2, os.availableParallelism()))));
    await withPoolSize("3", async () => expect(flitePoolSize()).toBe(3));
    await withPoolSize("nonsense", async () => expect(flitePoolSize()).toBeGreaterThanOrEqual(1));
  });

  // Mutation tried: fliteProcess() always returning slot 0 (one child) → the pid count is 1.
  it("two phrases in flight go to two different children", () =>
    withPoolSize("2", async () => {
      const [a, b] = await Promise.all([scratch(), scratch()]);
      const [ra, rb] = await Promise.all([
        fliteSynth(a, "The first phrase is spoken here.", voice, 1, parseWav),
        fliteSynth(b, "And the second one at the same time.", voice, 1, parseWav),
      ]);
      expect(ra.pcm.length).toBeGreaterThan(8000);
      expect(rb.pcm.length).toBeGreaterThan(8000);
      expect(new Set(flitePids()).size).toBe(2);
    }));

  // Mutation tried: the exit handler no longer failing the dead child's requests → the first
  // phrase never comes back (the test times out).
  it("a child killed mid-request is replaced and the phrase still comes back", () =>
    withPoolSize("2", async () => {
      const [a, b] = await Promise.all([scratch(), scratch()]);
      // Both children are up from the test above (or start now).
      const pending = [
        fliteSynth(a, "This phrase will lose its process halfway through being spoken.", voice, 1, parseWav),
        fliteSynth(b, "This one runs next door and must not notice.", voice, 1, parseWav),
      ];
      const victim = flitePids()[0];
      process.kill(victim, "SIGKILL");
      const [ra, rb] = await Promise.all(pending);
      expect(ra.pcm.length).toBeGreaterThan(8000);
      expect(rb.pcm.length).toBeGreaterThan(8000);
      expect(flitePids()).not.toContain(victim);
    }));
});
