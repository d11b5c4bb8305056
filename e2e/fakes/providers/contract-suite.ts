/**
 * One Vitest contract suite run by every external adapter against its fake
 * (lib/providers/<name>/contract.test.ts). Real HTTP, no mocks.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdapterOptions } from "@/lib/providers/http";
import {
  ProviderError,
  type GenerationRequest,
  type PollResult,
  type ProviderContext,
  type ProviderCredentials,
  type VideoProvider,
} from "@/lib/providers/types";
import { sampleMp4, type FakeServer } from "./common";

export const LEAKY_KEY = "LEAKY-SECRET-KEY-9f8e7d6c5b4a";

export function sampleRequest(over: Partial<GenerationRequest> = {}): GenerationRequest {
  return {
    generationId: "gen_0001",
    attempt: 1,
    title: "Why Postgres row locks matter",
    script: "Hello there! Today we look at row locks. They keep two workers from taking the same job.",
    aspectRatio: "9:16",
    voiceSpeed: 1,
    captions: false,
    background: { type: "color", value: "#0E1A2B" },
    avatar: {
      id: "av_1",
      slug: "sarah",
      name: "Sarah",
      avatarType: "avatar",
      style: "normal",
      language: "en-US",
      providerAvatarIds: { heygen: "Angela-inTshirt-20220820" },
      providerVoiceIds: { heygen: "1bd001e7e50f421d891986aad5158bc8" },
    },
    ...over,
  };
}

export interface MemoryLog {
  logger: pino.Logger;
  lines: string[];
}

export function memoryLogger(): MemoryLog {
  const lines: string[] = [];
  const logger = pino({ level: "trace" }, { write: (s: string) => void lines.push(s) });
  return { logger, lines };
}

export interface ContractConfig<F extends FakeServer> {
  name: string;
  start: () => Promise<F>;
  make: (opts: AdapterOptions) => VideoProvider;
  creds: (fake: F) => ProviderCredentials;
  /** Same as creds but every secret replaced by LEAKY_KEY (or containing it). */
  leakyCreds: (fake: F) => ProviderCredentials;
  request?: GenerationRequest;
}

export function runContractSuite<F extends FakeServer>(cfg: ContractConfig<F>): void {
  describe(`${cfg.name} adapter against its fake`, () => {
    let fake: F;
    let dir: string;
    const mem = memoryLogger();
    let provider: VideoProvider;
    let hangProvider: VideoProvider;
    const req = cfg.request ?? sampleRequest();
    const ctx = (): ProviderContext => ({ credentials: cfg.creds(fake), workDir: dir });

    beforeAll(async () => {
      fake = await cfg.start();
      dir = await mkdtemp(path.join(tmpdir(), `contract-${cfg.name}-`));
      // Generous timeouts: a loaded CI machine must never fail an ordinary request (issue 11,
      // defect 7). Only the hang test uses a short one, and there the fake never answers, so
      // the timeout fires however slow the machine is.
      provider = cfg.make({ requestTimeoutMs: 30_000, downloadTimeoutMs: 60_000, log: mem.logger });
      hangProvider = cfg.make({ requestTimeoutMs: 2_000, downloadTimeoutMs: 2_000, log: mem.logger });
    });
    afterAll(async () => {
      await fake.close();
      await rm(dir, { recursive: true, force: true });
      // No secret ever reached the log stream in the whole suite.
      const all = mem.lines.join("\n");
      expect(all).not.toContain(LEAKY_KEY);
      for (const v of Object.values(cfg.creds(fake))) if (v && v.length > 6 && !v.startsWith("http")) expect(all).not.toContain(v);
    });
    beforeEach(() => fake.reset());

    async function pollUntilTerminal(id: string, max = 20): Promise<{ last: PollResult; seen: string[] }> {
      const seen: string[] = [];
      for (let i = 0; i < max; i++) {
        const r = await provider.poll(ctx(), id);
        seen.push(r.status);
        if (r.status === "succeeded" || r.status === "failed" || r.status === "cancelled") return { last: r, seen };
      }
      return { last: { status: "running" }, seen };
    }

    async function expectProviderError(p: Promise<unknown>): Promise<ProviderError> {
      try {
        await p;
      } catch (e) {
        expect(e).toBeInstanceOf(ProviderError);
        return e as ProviderError;
      }
      throw new Error("expected a ProviderError");
    }

    it("is configured only with its keys", () => {
      expect(provider.isConfigured(cfg.creds(fake))).toBe(true);
      expect(provider.isConfigured({})).toBe(false);
    });

    it("testConnection accepts the right key and rejects a wrong one without leaking it", async () => {
      await expect(provider.testConnection(ctx())).resolves.toMatchObject({ ok: true });
      const e = await expectProviderError(provider.testConnection({ credentials: cfg.leakyCreds(fake), workDir: dir }));
      expect(e.kind).toBe("permanent");
      expect(e.message).toMatch(/rejected the API key/);
      // every fake echoes the credential it received; the adapter must have scrubbed it
      expect(e.message).toContain("[redacted]");
      expect(e.message).not.toContain(LEAKY_KEY);
      expect(JSON.stringify(e)).not.toContain(LEAKY_KEY);
      expect(String(e.stack)).not.toContain(LEAKY_KEY);
    });

    it("submits, polls through non-terminal states to success after N polls, and downloads the MP4", async () => {
      fake.setMode({ pollsBeforeDone: 3 });
      const { externalId } = await provider.submit(ctx(), req);
      expect(externalId).toBeTruthy();
      const { last, seen } = await pollUntilTerminal(externalId);
      expect(last.status).toBe("succeeded");
      expect(seen.length).toBe(4);
      expect(seen.slice(0, 3).every((s) => s === "queued" || s === "running")).toBe(true);
      const dest = path.join(dir, "ok", "out.mp4");
      const r = await provider.fetchResult(ctx(), externalId, dest);
      expect(r.bytes).toBe(sampleMp4().length);
      const bytes = await readFile(dest);
      expect(bytes.subarray(4, 8).toString("latin1")).toBe("ftyp");
    });

    it("reports a failed render as status failed with a reason", async () => {
      fake.setMode({ pollsBeforeDone: 1, outcome: "failure" });
      const { externalId } = await provider.submit(ctx(), req);
      const { last } = await pollUntilTerminal(externalId);
      expect(last.status).toBe("failed");
      expect(last.error).toBeTruthy();
      await expect(provider.fetchResult(ctx(), externalId, path.join(dir, "f.mp4"))).rejects.toMatchObject({ kind: "permanent" });
    });

    it("reports a moderated render as failed", async () => {
      fake.setMode({ pollsBeforeDone: 0, outcome: "moderation" });
      const { externalId } = await provider.submit(ctx(), req);
      const { last } = await pollUntilTerminal(externalId);
      expect(last.status).toBe("failed");
    });

    it("keeps a stuck job non-terminal", async () => {
      fake.setMode({ stuck: true });
      const { externalId } = await provider.submit(ctx(), req);
      const { last, seen } = await pollUntilTerminal(externalId, 8);
      expect(last.status).toBe("running");
      expect(seen.every((s) => s === "queued" || s === "running")).toBe(true);
    });

    it("maps 429 + Retry-After seconds to rate_limited with retryAfterMs", async () => {
      fake.setMode({ submitFault: { kind: "rate_limit", retryAfter: "7", times: 1 } });
      const e = await expectProviderError(provider.submit(ctx(), req));
      expect(e.kind).toBe("rate_limited");
      expect(e.retryAfterMs).toBe(7000);
      // fault cleared after one firing
      await expect(provider.submit(ctx(), req)).resolves.toHaveProperty("externalId");
    });

    it("maps 429 + Retry-After HTTP-date to rate_limited", async () => {
      const when = new Date(Date.now() + 30_000).toUTCString();
      fake.setMode({ submitFault: { kind: "rate_limit", retryAfter: when, times: 1 } });
      const e = await expectProviderError(provider.submit(ctx(), req));
      expect(e.kind).toBe("rate_limited");
      expect(e.retryAfterMs).toBeGreaterThan(20_000);
      expect(e.retryAfterMs).toBeLessThanOrEqual(31_000);
    });

    it("maps 5xx on submit and on poll to retryable", async () => {
      fake.setMode({ submitFault: { kind: "server_error", status: 503, times: 1 } });
      expect((await expectProviderError(provider.submit(ctx(), req))).kind).toBe("retryable");
      const { externalId } = await provider.submit(ctx(), req);
      fake.setMode({ pollFault: { kind: "server_error", status: 502, times: 1 } });
      expect((await expectProviderError(provider.poll(ctx(), externalId))).kind).toBe("retryable");
      await expect(provider.poll(ctx(), externalId)).resolves.toHaveProperty("status");
    });

    it("times out a hanging request as retryable", async () => {
      fake.setMode({ submitFault: { kind: "hang", times: 1 } });
      const e = await expectProviderError(hangProvider.submit(ctx(), req));
      expect(e.kind).toBe("retryable");
      expect(e.message).toMatch(/timed out/);
      const { externalId } = await provider.submit(ctx(), req);
      fake.setMode({ pollFault: { kind: "hang", times: 1 } });
      expect((await expectProviderError(hangProvider.poll(ctx(), externalId))).kind).toBe("retryable");
    });

    it("treats malformed JSON as retryable", async () => {
      fake.setMode({ submitFault: { kind: "malformed", times: 1 } });
      expect((await expectProviderError(provider.submit(ctx(), req))).kind).toBe("retryable");
      const { externalId } = await provider.submit(ctx(), req);
      fake.setMode({ pollFault: { kind: "malformed", times: 1 } });
      expect((await expectProviderError(provider.poll(ctx(), externalId))).kind).toBe("retryable");
    });

    it("maps out-of-credits to budget", async () => {
      fake.setMode({ submitFault: { kind: "budget", times: 1 } });
      const e = await expectProviderError(provider.submit(ctx(), req));
      expect(e.kind).toBe("budget");
    });

    it("maps a moderation rejection on submit to permanent", async () => {
      fake.setMode({ submitFault: { kind: "moderation", times: 1 } });
      expect((await expectProviderError(provider.submit(ctx(), req))).kind).toBe("permanent");
    });

    it("re-polls once for a fresh URL when the result URL has expired", async () => {
      fake.setMode({ pollsBeforeDone: 0 });
      const { externalId } = await provider.submit(ctx(), req);
      await pollUntilTerminal(externalId);
      fake.setMode({ expiredDownloads: 1 });
      const dest = path.join(dir, "expired-once.mp4");
      await expect(provider.fetchResult(ctx(), externalId, dest)).resolves.toMatchObject({ bytes: sampleMp4().length });
      fake.setMode({ expiredDownloads: 2 });
      const dest2 = path.join(dir, "expired-twice.mp4");
      const e = await expectProviderError(provider.fetchResult(ctx(), externalId, dest2));
      expect(e.message).toMatch(/expired/);
      await expect(stat(dest2)).rejects.toThrow();
      // no temp files left behind
      const { readdir } = await import("node:fs/promises");
      expect((await readdir(dir)).filter((f) => f.endsWith(".part"))).toEqual([]);
    });

    it("never puts a key into errors or logs, whatever fails", async () => {
      const leaky = (): ProviderContext => ({ credentials: cfg.leakyCreds(fake), workDir: dir });
      const errors: unknown[] = [];
      for (const call of [
        () => provider.submit(leaky(), req),
        () => provider.poll(leaky(), "does-not-exist"),
        () => provider.testConnection(leaky()),
        () => provider.fetchResult(leaky(), "does-not-exist", path.join(dir, "x.mp4")),
      ]) {
        try {
          await call();
        } catch (e) {
          errors.push(e);
        }
      }
      expect(errors.length).toBe(4);
      for (const e of errors) {
        expect((e as Error).message).not.toContain(LEAKY_KEY);
        expect(JSON.stringify(e)).not.toContain(LEAKY_KEY);
        expect(JSON.stringify((e as ProviderError).details ?? {})).not.toContain(LEAKY_KEY);
      }
      expect(mem.lines.join("\n")).not.toContain(LEAKY_KEY);
    });

    if (cfg.make({}).capabilities.cancel) {
      it("cancels a queued job", async () => {
        fake.setMode({ pollsBeforeDone: 5 });
        const { externalId } = await provider.submit(ctx(), req);
        await provider.cancel!(ctx(), externalId);
        const r = await provider.poll(ctx(), externalId).catch((e: ProviderError) => e);
        if (r instanceof ProviderError) expect(r.httpStatus).toBe(404);
        else expect(["cancelled", "failed"]).toContain(r.status);
      });
    }
  });
}
