import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers/heygen";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { startPikaFake, type PikaFake } from "@/e2e/fakes/providers/pika";
import { startRunwayFake, type RunwayFake } from "@/e2e/fakes/providers/runway";
import { CircuitBreaker } from "@/lib/providers/circuit-breaker";
import { clipRequest } from "@/lib/providers/clip-request";
import { costModelFor } from "@/lib/providers/cost-models";
import {
  FailoverCancelled,
  FailoverError,
  pollUntilDone,
  runWithFailover,
  type AttemptFinish,
  type AttemptRecorder,
  type FailoverCandidate,
  type FailoverEvent,
  type FailoverOptions,
} from "@/lib/providers/failover";
import { createHeygenProvider } from "@/lib/providers/heygen";
import { createKlingProvider } from "@/lib/providers/kling";
import { createPikaProvider } from "@/lib/providers/pika";
import { RateLimiter } from "@/lib/providers/rate-limit";
import { createRunwayProvider } from "@/lib/providers/runway";
import type { CostEstimate, GenerationRequest, ProviderId } from "@/lib/providers/types";

const silent = pino({ level: "silent" });
const opts = { requestTimeoutMs: 500, downloadTimeoutMs: 3000, log: silent };
const heygen = createHeygenProvider(opts);
const kling = createKlingProvider(opts);
const pika = createPikaProvider(opts);
const runway = createRunwayProvider(opts);

function fakeTime(start = 1_800_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return {
    clock: { now: () => t },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
  };
}

interface Row {
  id: string;
  provider: ProviderId;
  estimate: CostEstimate;
  externalId?: string;
  finish?: AttemptFinish;
}

const withPhoto = (over: Partial<GenerationRequest> = {}) => sampleRequest({ ...over, avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn.example/sarah.png", gender: "female" } });

function recorder(): AttemptRecorder & { rows: Row[] } {
  const rows: Row[] = [];
  return {
    rows,
    start(provider, estimate) {
      const id = `att_${rows.length + 1}`;
      rows.push({ id, provider, estimate });
      return id;
    },
    submitted(id, externalId) {
      rows.find((r) => r.id === id)!.externalId = externalId;
    },
    finish(id, result) {
      const r = rows.find((x) => x.id === id)!;
      expect(r.finish).toBeUndefined(); // finished exactly once
      r.finish = result;
    },
  };
}

describe("runWithFailover against the provider fakes", () => {
  let hf: HeygenFake;
  let kf: KlingFake;
  let pf: PikaFake;
  let rf: RunwayFake;
  let dir: string;

  beforeAll(async () => {
    [hf, kf, pf, rf] = await Promise.all([startHeygenFake(), startKlingFake(), startPikaFake(), startRunwayFake()]);
    dir = await mkdtemp(path.join(tmpdir(), "failover-"));
  });
  afterAll(async () => {
    await Promise.all([hf.close(), kf.close(), pf.close(), rf.close()]);
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(() => {
    for (const f of [hf, kf, pf, rf]) f.reset();
  });

  // These tests are about failover mechanics (retries, 429s, breaker, budget); the clip fakes
  // stand in as presenters here, as Runway's and Kling's avatar modes do. Roles themselves are
  // tested in "stays within the request's role" below.
  const presenting = <T extends FailoverCandidate>(c: T): T => ({ ...c, provider: { ...c.provider, capabilities: { ...c.provider.capabilities, roles: ["presenter", "clip"] } } });
  const cand = {
    heygen: (): FailoverCandidate => ({ provider: heygen, credentials: { apiKey: hf.apiKey, baseUrl: hf.baseUrl }, costModel: costModelFor("heygen") }),
    kling: (): FailoverCandidate =>
      presenting({ provider: kling, credentials: { apiKey: kf.apiKey, baseUrl: kf.baseUrl }, costModel: costModelFor("kling") }),
    pika: (): FailoverCandidate =>
      presenting({ provider: pika, credentials: { apiKey: pf.apiKey, baseUrl: pf.baseUrl }, costModel: costModelFor("pika") }),
    runway: (): FailoverCandidate =>
      presenting({ provider: runway, credentials: { apiKey: rf.apiKey, baseUrl: rf.baseUrl }, costModel: costModelFor("runway") }),
  };

  function base(t: ReturnType<typeof fakeTime>, over: Partial<FailoverOptions> = {}) {
    const attempts = recorder();
    const events: FailoverEvent[] = [];
    const breaker = over.breaker ?? new CircuitBreaker({ now: t.clock.now });
    const limiter = over.limiter ?? new RateLimiter({ clock: t.clock, sleep: t.sleep });
    const o: FailoverOptions = {
      request: sampleRequest(),
      workspaceId: "ws_1",
      candidates: [],
      breaker,
      limiter,
      budgetAllows: async () => true,
      attempts,
      pollPolicy: { initialMs: 1000, maxMs: 8000, factor: 2, jitter: 0.2, overallTimeoutMs: 120_000 },
      retry: { backoffMs: 500 },
      allowTextToVideo: true,
      allowLocalFallback: false,
      destPath: path.join(dir, `out-${Math.random().toString(36).slice(2)}.mp4`),
      workDir: dir,
      clock: t.clock,
      sleep: t.sleep,
      random: () => 0.5,
      onEvent: (e) => events.push(e),
      ...over,
    };
    return { o, attempts, events, breaker, limiter };
  }

  it("completes on the third provider when the first 5xxs on every submit and the second is stuck", async () => {
    hf.setMode({ submitFault: { kind: "server_error", status: 503 } });
    kf.setMode({ stuck: true });
    const t = fakeTime();
    // With the presenter's photo, Kling presents through Kling Avatar (it needs a photo to animate).
    const { o, attempts, breaker } = base(t, { candidates: [cand.heygen(), cand.kling(), cand.runway()], request: withPhoto() });

    const res = await runWithFailover(o);

    expect(res.provider).toBe("runway");
    expect((await readFile(res.path)).subarray(4, 8).toString("latin1")).toBe("ftyp");
    expect(attempts.rows.map((r) => [r.provider, r.finish?.outcome])).toEqual([
      ["heygen", "failed"],
      ["kling", "timeout"],
      ["runway", "succeeded"],
    ]);
    // cost only for the one that succeeded, integer cents from the estimate
    expect(attempts.rows[0].finish?.costCents).toBeUndefined();
    expect(attempts.rows[1].finish?.costCents).toBeUndefined();
    expect(attempts.rows[2].finish?.costCents).toBe(attempts.rows[2].estimate.cents);
    expect(Number.isInteger(res.costCents)).toBe(true);
    expect(res.costCents).toBe(120); // ~8 s of speech → 10-s clip; gen4.5: 12 credits/s × 10 s × 1 ¢
    // heygen retried submit a few times (1 + 2 retries), never more
    expect(hf.requests.filter((r) => r.method === "POST" && r.path === "/v3/videos")).toHaveLength(3);
    // kling's avatar task was submitted exactly once (after its TTS) and polled until the overall timeout
    expect(kf.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/v1/audio/tts", "/v1/videos/avatar/image2video"]);
    expect(attempts.rows[1].externalId).toMatch(/^avatar:\d+$/);
    expect(attempts.rows[1].finish?.error).toMatch(/did not finish/);
    // breaker: one failure each for heygen and kling, runway healthy
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "heygen" })).consecutiveFailures).toBe(1);
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "kling" })).consecutiveFailures).toBe(1);
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "runway" })).status).toBe("closed");
    expect(res.attempts.map((a) => a.outcome)).toEqual(["failed", "timeout", "succeeded"]);
  });

  it("honours Retry-After on a 429 (next call waits at least that long) without touching the breaker", async () => {
    rf.setMode({ submitFault: { kind: "rate_limit", retryAfter: "7", times: 1 } });
    const t = fakeTime();
    const { o, events, breaker, attempts } = base(t, { candidates: [cand.runway()] });
    const res = await runWithFailover(o);
    expect(res.provider).toBe("runway");
    const submits = events.filter((e): e is Extract<FailoverEvent, { type: "submitting" }> => e.type === "submitting");
    expect(submits).toHaveLength(2);
    expect(submits[1].at - submits[0].at).toBeGreaterThanOrEqual(7000);
    expect(t.sleeps).toContain(7000);
    expect(attempts.rows).toHaveLength(1);
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "runway" })).consecutiveFailures).toBe(0);
  });

  it("moves on when Retry-After is longer than we wait; rate limits never count for the breaker", async () => {
    rf.setMode({ submitFault: { kind: "rate_limit", retryAfter: "600" } });
    const t = fakeTime();
    const breaker = new CircuitBreaker({ now: t.clock.now, failureThreshold: 1 });
    const { o, attempts, limiter } = base(t, { candidates: [cand.runway(), cand.pika()], breaker });
    const res = await runWithFailover(o);
    expect(res.provider).toBe("pika");
    expect(attempts.rows.map((r) => [r.provider, r.finish?.outcome, r.finish?.errorKind])).toEqual([
      ["runway", "failed", "rate_limited"],
      ["pika", "succeeded", undefined],
    ]);
    const st = await breaker.state({ workspaceId: "ws_1", providerId: "runway" });
    expect(st.status).toBe("closed");
    expect(st.consecutiveFailures).toBe(0);
    // the limiter remembers: the next call to runway would wait ~10 minutes
    expect(limiter.delayMs("ws_1:runway")).toBeGreaterThanOrEqual(590_000);
    // ... so a second generation skips runway at once (recorded as skipped) and uses pika
    const second = base(t, { candidates: [cand.runway(), cand.pika()], breaker, limiter });
    const before = rf.requests.length;
    const res2 = await runWithFailover(second.o);
    expect(res2.provider).toBe("pika");
    expect(rf.requests.length).toBe(before);
    expect(second.attempts.rows[0].finish).toMatchObject({ outcome: "skipped", errorKind: "rate_limited" });
  });

  it("opens the circuit after 3 consecutive failures, skips the provider, and probes after the cool-down", async () => {
    hf.setMode({ submitFault: { kind: "server_error", status: 500 } });
    const t = fakeTime();
    const breaker = new CircuitBreaker({ now: t.clock.now });
    for (let i = 0; i < 3; i++) {
      const { o } = base(t, { candidates: [cand.heygen(), cand.runway()], breaker, retry: { submitRetries: 0 } });
      expect((await runWithFailover(o)).provider).toBe("runway");
    }
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "heygen" })).status).toBe("open");
    const heygenPosts = () => hf.requests.filter((r) => r.method === "POST").length;
    const n = heygenPosts();
    const skipped = base(t, { candidates: [cand.heygen(), cand.runway()], breaker });
    await runWithFailover(skipped.o);
    expect(heygenPosts()).toBe(n);
    expect(skipped.attempts.rows[0].finish).toMatchObject({ outcome: "skipped", errorKind: "circuit_open" });

    // after the cool-down a half-open probe goes through; success closes the circuit
    t.advance(60_000);
    hf.setMode({ submitFault: null, pollsBeforeDone: 1 });
    const probe = base(t, { candidates: [cand.heygen(), cand.runway()], breaker });
    expect((await runWithFailover(probe.o)).provider).toBe("heygen");
    expect((await breaker.state({ workspaceId: "ws_1", providerId: "heygen" })).status).toBe("closed");
  });

  it("filters by capability, budget and configuration", async () => {
    const t = fakeTime();
    // avatar request without text-to-video allowed: kling is not even tried (no attempt row)
    const a = base(t, { candidates: [cand.kling(), cand.heygen()], allowTextToVideo: false });
    expect((await runWithFailover(a.o)).provider).toBe("heygen");
    expect(a.attempts.rows.map((r) => r.provider)).toEqual(["heygen"]);

    // heygen over budget → skipped with a record; runway used
    const b = base(t, {
      candidates: [cand.heygen(), cand.runway()],
      budgetAllows: async (id) => id !== "heygen",
    });
    expect((await runWithFailover(b.o)).provider).toBe("runway");
    expect(b.attempts.rows[0].finish).toMatchObject({ outcome: "skipped", errorKind: "budget" });

    // nothing affordable → budget_exceeded
    const c = base(t, { candidates: [cand.heygen()], budgetAllows: async () => false });
    await expect(runWithFailover(c.o)).rejects.toMatchObject({ code: "budget_exceeded" });

    // no capable / configured provider → unavailable, with advice
    const d = base(t, { candidates: [cand.kling(), { ...cand.runway(), credentials: {} }], allowTextToVideo: false });
    const e = await runWithFailover(d.o).catch((x) => x);
    expect(e).toBeInstanceOf(FailoverError);
    expect(e.code).toBe("unavailable");
  });

  // Issue 11 / architecture §4: a presenter video never fails over to a silent clip provider,
  // and a clip request stays among clip providers. Mutation tried: the role check in
  // isCapable() disabled → the presenter case renders on Pika ("pika" ≠ "heygen").
  it("stays within the request's role: presenter never falls over to a clip provider, clip stays among clips", async () => {
    const t = fakeTime();
    const pikaAsItIs: FailoverCandidate = { provider: pika, credentials: { apiKey: pf.apiKey, baseUrl: pf.baseUrl }, costModel: costModelFor("pika") };
    expect(pika.capabilities.roles).not.toContain("presenter");
    const presenter = base(t, { candidates: [pikaAsItIs, cand.heygen()] });
    expect((await runWithFailover(presenter.o)).provider).toBe("heygen");
    expect(presenter.attempts.rows.map((r) => r.provider)).toEqual(["heygen"]);
    expect(presenter.events).toContainEqual(expect.objectContaining({ type: "skipped", provider: "pika" }));
    expect(pf.requests.filter((r) => r.method === "POST")).toHaveLength(0);

    // Only a clip provider left for a presenter video: nothing is tried, and the error says why.
    const none = base(t, { candidates: [pikaAsItIs] });
    await expect(runWithFailover(none.o)).rejects.toMatchObject({ code: "unavailable" });

    const clip = base(t, { candidates: [cand.heygen(), pikaAsItIs], role: "clip" });
    expect((await runWithFailover(clip.o)).provider).toBe("pika");
    expect(clip.attempts.rows.map((r) => r.provider)).toEqual(["pika"]);
  });

  // Issue 12: a presenter video fails over only among presenter providers. The real Kling (not
  // the `presenting` stand-in) presents through Kling Avatar when the presenter has a photo.
  // Mutation tried: dropping `presenterNeedsImage` check in isCapable → without a photo Kling is
  // tried (an attempt refused for the missing photo) and the second half fails; making Kling's
  // submit ignore the role → its POST is /text-to-video/… and the first half fails.
  it("presenter: HeyGen failing → Kling Avatar with a photo, Runway avatar without; clip-only Pika never tried", async () => {
    hf.setMode({ submitFault: { kind: "server_error", status: 503 } });
    kf.setMode({ pollsBeforeDone: 1 });
    const t = fakeTime();
    const real = {
      kling: (): FailoverCandidate => ({ provider: kling, credentials: { apiKey: kf.apiKey, baseUrl: kf.baseUrl }, costModel: costModelFor("kling") }),
      pika: (): FailoverCandidate => ({ provider: pika, credentials: { apiKey: pf.apiKey, baseUrl: pf.baseUrl }, costModel: costModelFor("pika") }),
      runway: (): FailoverCandidate => ({ provider: runway, credentials: { apiKey: rf.apiKey, baseUrl: rf.baseUrl }, costModel: costModelFor("runway") }),
    };
    const a = base(t, { candidates: [cand.heygen(), real.pika(), real.kling(), real.runway()], request: withPhoto(), allowTextToVideo: true });
    const res = await runWithFailover(a.o);
    expect(res.provider).toBe("kling");
    expect(a.attempts.rows.map((r) => [r.provider, r.finish?.outcome])).toEqual([
      ["heygen", "failed"],
      ["kling", "succeeded"],
    ]);
    expect(kf.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual(["/v1/audio/tts", "/v1/videos/avatar/image2video"]);
    expect(pf.requests).toHaveLength(0);

    hf.reset();
    kf.reset();
    hf.setMode({ submitFault: { kind: "server_error", status: 503 } });
    const b = base(t, { candidates: [cand.heygen(), real.pika(), real.kling(), real.runway()], allowTextToVideo: true });
    expect((await runWithFailover(b.o)).provider).toBe("runway");
    expect(b.attempts.rows.map((r) => r.provider)).toEqual(["heygen", "runway"]);
    expect(b.events).toContainEqual(expect.objectContaining({ type: "skipped", provider: "kling", reason: expect.stringMatching(/needs the presenter's photo/) }));
    expect(rf.requests.find((r) => r.method === "POST")!.path).toBe("/v1/avatar_videos");
    expect(kf.requests).toHaveLength(0);
    expect(pf.requests).toHaveLength(0);
  });

  // The charge is what the provider billed when it reports it (Kling final_unit_deduction),
  // not our estimate. Mutation tried: `const costCents = estimate.cents` in failover.ts → the
  // recorded charge is 56 (the estimate) and this fails.
  it("records the provider's billed amount as the charge, not the estimate", async () => {
    kf.setMode({ pollsBeforeDone: 1 });
    const t = fakeTime();
    const charged: number[] = [];
    const real: FailoverCandidate = { provider: kling, credentials: { apiKey: kf.apiKey, baseUrl: kf.baseUrl }, costModel: costModelFor("kling") };
    const { o, attempts } = base(t, { candidates: [real], request: withPhoto() });
    o.attempts = { ...attempts, succeeded: (_id, r) => void charged.push(r.costCents) };
    const res = await runWithFailover(o);
    expect(res.estimate.cents).toBe(56); // ~8 s × 0.4 units + TTS → 4 units × 14 ¢
    // The fake billed 0.4 units/s × 6.8 s of audio = 2.72 units → 39 ¢ (rounded up).
    expect(charged).toEqual([39]);
    expect(res.costCents).toBe(39);
    expect(attempts.rows[0].finish?.costCents).toBe(39);
  });

  // Issue 12: a clip request fails over among clip providers only, and an image makes each take
  // its image-to-video endpoint. Mutation tried: dropping `imageUrl` from clipRequest → Kling
  // posts to /text-to-video and Runway to /v1/text_to_video and this fails.
  it("clip: Kling → Pika → Runway against the fakes, image-to-video everywhere when an image is given; HeyGen never tried", async () => {
    kf.setMode({ submitFault: { kind: "server_error", status: 500 } });
    pf.setMode({ outcome: "moderation", pollsBeforeDone: 1 });
    const t = fakeTime();
    const real = {
      kling: (): FailoverCandidate => ({ provider: kling, credentials: { apiKey: kf.apiKey, baseUrl: kf.baseUrl }, costModel: costModelFor("kling") }),
      pika: (): FailoverCandidate => ({ provider: pika, credentials: { apiKey: pf.apiKey, baseUrl: pf.baseUrl }, costModel: costModelFor("pika") }),
      runway: (): FailoverCandidate => ({ provider: runway, credentials: { apiKey: rf.apiKey, baseUrl: rf.baseUrl }, costModel: costModelFor("runway") }),
    };
    const request = clipRequest({ generationId: "gen_clip", prompt: "Slow dolly over a rack of servers, blue light", imageUrl: "https://cdn.example/rack.png", aspectRatio: "16:9" });
    const { o, attempts } = base(t, { candidates: [cand.heygen(), real.kling(), real.pika(), real.runway()], request, role: "clip" });
    const res = await runWithFailover(o);
    expect(res.provider).toBe("runway");
    expect(attempts.rows.map((r) => [r.provider, r.finish?.outcome])).toEqual([
      ["kling", "failed"],
      ["pika", "failed"],
      ["runway", "succeeded"],
    ]);
    expect(hf.requests).toHaveLength(0);
    expect(kf.requests.filter((r) => r.method === "POST").every((r) => r.path === "/image-to-video/kling-2.6")).toBe(true);
    const pikaPost = pf.requests.find((r) => r.method === "POST")!;
    expect(pikaPost.path).toMatch(/\/image-to-video$/);
    expect(pikaPost.body).toMatchObject({ image_url: "https://cdn.example/rack.png", prompt: "Slow dolly over a rack of servers, blue light" });
    const runwayPost = rf.requests.find((r) => r.method === "POST")!;
    expect(runwayPost.path).toBe("/v1/image_to_video");
    expect(runwayPost.body).toMatchObject({ promptImage: "https://cdn.example/rack.png", promptText: "Slow dolly over a rack of servers, blue light", ratio: "1280:720" });

    // Without an image: text-to-video at each.
    for (const f of [kf, pf, rf]) f.reset();
    const t2v = base(t, { candidates: [real.kling()], request: clipRequest({ generationId: "gen_clip2", prompt: "A paper boat on a rainy street", aspectRatio: "9:16" }), role: "clip" });
    expect((await runWithFailover(t2v.o)).provider).toBe("kling");
    expect(kf.requests.find((r) => r.method === "POST")!.path).toBe("/text-to-video/kling-2.6");
  });

  it("a failed render at one provider falls through to the next; all failing gives a FailoverError listing each", async () => {
    hf.setMode({ outcome: "failure", pollsBeforeDone: 1 });
    rf.setMode({ outcome: "moderation", pollsBeforeDone: 1 });
    const t = fakeTime();
    const { o, attempts } = base(t, { candidates: [cand.heygen(), cand.runway()] });
    const e = await runWithFailover(o).catch((x) => x);
    expect(e).toBeInstanceOf(FailoverError);
    expect(e.message).toMatch(/heygen: HeyGen render failed/);
    expect(e.message).toMatch(/runway: Runway task failed \[SAFETY\.INPUT\.TEXT\]/);
    expect(attempts.rows.every((r) => r.finish?.outcome === "failed" && r.finish.costCents === undefined)).toBe(true);
  });

  it("cancellation stops at once, records the attempt as cancelled and cancels upstream", async () => {
    rf.setMode({ pollsBeforeDone: 50 });
    const t = fakeTime();
    const ac = new AbortController();
    const { o, attempts } = base(t, {
      candidates: [cand.runway(), cand.pika()],
      signal: ac.signal,
      onEvent: (e) => {
        if (e.type === "progress") ac.abort();
      },
    });
    await expect(runWithFailover(o)).rejects.toBeInstanceOf(FailoverCancelled);
    expect(attempts.rows).toHaveLength(1);
    expect(attempts.rows[0].finish?.outcome).toBe("cancelled");
    expect(rf.requests.some((r) => r.method === "DELETE")).toBe(true);
    expect(pf.requests).toHaveLength(0);
  });

  it("pollUntilDone resumes an already-submitted job without resubmitting", async () => {
    hf.setMode({ pollsBeforeDone: 2 });
    const ctx = { credentials: { apiKey: hf.apiKey, baseUrl: hf.baseUrl }, workDir: dir };
    const { externalId } = await heygen.submit(ctx, sampleRequest());
    const t = fakeTime();
    const posts = hf.requests.filter((r) => r.method === "POST").length;
    const r = await pollUntilDone(heygen, ctx, externalId, { initialMs: 1000, maxMs: 5000, factor: 2, jitter: 0, overallTimeoutMs: 60_000, maxConsecutiveErrors: 3 }, { clock: t.clock, sleep: t.sleep });
    expect(r.status).toBe("succeeded");
    expect(hf.requests.filter((x) => x.method === "POST").length).toBe(posts);
    expect(t.sleeps).toEqual([1000, 2000, 4000]);

    // a resumed attempt whose overall timeout already passed ends as timeout without polling
    const polls = hf.requests.length;
    const late = await pollUntilDone(heygen, ctx, externalId, { initialMs: 1000, maxMs: 5000, factor: 2, jitter: 0, overallTimeoutMs: 60_000, maxConsecutiveErrors: 3 }, { clock: t.clock, sleep: t.sleep, submittedAt: t.clock.now() - 61_000 });
    expect(late.status).toBe("timeout");
    expect(hf.requests.length).toBe(polls);
  });

  it("tolerates transient poll errors and a 429 during polling", async () => {
    rf.setMode({ pollsBeforeDone: 2, pollFault: { kind: "server_error", times: 2 } });
    const t = fakeTime();
    const { o } = base(t, { candidates: [cand.runway()] });
    expect((await runWithFailover(o)).provider).toBe("runway");
    rf.setMode({ pollsBeforeDone: 1, pollFault: { kind: "rate_limit", retryAfter: "9", times: 1 } });
    const t2 = fakeTime();
    const second = base(t2, { candidates: [cand.runway()] });
    expect((await runWithFailover(second.o)).provider).toBe("runway");
    expect(t2.sleeps).toContain(9000);
  });
});
