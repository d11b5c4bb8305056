import pino from "pino";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { startKlingFake, type KlingFake } from "@/e2e/fakes/providers/kling";
import { billedCents, buildCreateTask, createKlingProvider, klingJwt, klingModel, parseCreateTask, parseKlingCallback, taskFromList, toPollResult } from "@/lib/providers/kling";

const log = pino({ level: "silent" });
// The clip role (text/image-to-video); the presenter role (Kling Avatar) is in avatar.test.ts.
const clip = (over: Parameters<typeof sampleRequest>[0] = {}) => sampleRequest({ role: "clip", ...over });
const example = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "examples", name), "utf8"));

describe("Kling transform (recorded examples)", () => {
  it("builds current-design bodies: model in the path, settings/options, image as first_frame", () => {
    const t = buildCreateTask(clip({ callbackUrl: "https://x/cb" }), klingModel("kling-2.6")!);
    expect(t.path).toBe("/text-to-video/kling-2.6");
    expect(t.body).toMatchObject({ settings: { resolution: "720p", duration: 10, aspect_ratio: "9:16" }, options: { external_task_id: "gen_0001:1", callback_url: "https://x/cb" } });
    expect(t.body).not.toHaveProperty("model_name");
    const i = buildCreateTask(clip({ avatar: { ...sampleRequest().avatar, imageUrl: "https://cdn/x.png" } }), klingModel("kling-3.0-turbo")!);
    expect(i.path).toBe("/image-to-video/kling-3.0-turbo");
    expect((i.body.contents as unknown[])[1]).toEqual({ type: "first_frame", url: "https://cdn/x.png" });
  });

  it("parses create, /tasks (succeeded, billing), failures and callbacks", () => {
    expect(parseCreateTask(example("create-task.response.json"))).toBe("893605946402811985");
    const task = taskFromList(example("tasks.succeeded.json"), "893605946402811985");
    // Mutation tried: dropping "succeeded" from the status map (only legacy "succeed") → unknown status.
    expect(toPollResult(task)).toEqual({ status: "succeeded", progress: 100, resultUrl: "https://cdn.klingai.com/out/893605946402811985.mp4", billedCents: 21 });
    expect(toPollResult(taskFromList(example("tasks.processing.json"), "893605946402811985"))).toEqual({ status: "running" });
    expect(toPollResult(taskFromList(example("tasks.failed.json"), "893605946402811986"))).toEqual({ status: "failed", error: "Kling task failed: Failure to pass the risk control system" });
    expect(billedCents([{ charge_type: "cash", amount: "0.42", currency: "USD" }])).toBe(42);
    expect(billedCents([{ charge_type: "cash", amount: "3", currency: "CNY" }])).toBeUndefined();
    expect(parseKlingCallback({ id: "42", status: "succeeded" })).toEqual({ externalId: "42", claimedStatus: "succeeded" });
    expect(parseKlingCallback({ task_id: 43, task_status: "succeed" })).toEqual({ externalId: "43", claimedStatus: "succeeded" });
  });
});

describe("Kling against the fake", () => {
  let fake: KlingFake;
  const ctx = (c: Record<string, string> = {}) => ({ credentials: { apiKey: fake.apiKey, baseUrl: fake.baseUrl, ...c }, workDir: "/tmp" });
  beforeAll(async () => {
    fake = await startKlingFake();
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.reset();
    fake.jobs.clear();
    fake.concurrencyCap = Number.POSITIVE_INFINITY;
  });

  it("makes a video on the default current model with the API key as Bearer, polling /tasks?task_ids=", async () => {
    const provider = createKlingProvider({ log });
    fake.setMode({ pollsBeforeDone: 1 });
    const { externalId } = await provider.submit(ctx(), clip());
    expect(externalId).toMatch(/^\d+$/);
    const post = fake.requests.find((r) => r.method === "POST")!;
    expect(post.path).toBe("/text-to-video/kling-2.6");
    expect(post.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
    let r = await provider.poll(ctx(), externalId);
    while (r.status !== "succeeded") r = await provider.poll(ctx(), externalId);
    expect(fake.requests.filter((x) => x.path === "/tasks").every((x) => x.query.task_ids === externalId)).toBe(true);
    expect(r).toMatchObject({ resultUrl: expect.stringContaining(`/media/${externalId}.mp4`), billedCents: 42 });
  });

  it("follows the workspace's model pick", async () => {
    const provider = createKlingProvider({ log });
    await provider.submit(ctx({ model: "kling-3.0-turbo" }), clip());
    expect(fake.requests.find((r) => r.method === "POST")!.path).toBe("/text-to-video/kling-3.0-turbo");
  });

  // Mutation tried: removing the JWT-only guard in submit AND api.ts's JWT_ONLY_MESSAGE (the two
  // places that guard it) → the user gets a bare "not configured" instead of what to change.
  it("a JWT-only setup gets a message saying to add an API key, before any HTTP", async () => {
    const provider = createKlingProvider({ log });
    const jwtOnly = { credentials: { accessKey: fake.accessKey, secretKey: fake.secretKey, baseUrl: fake.baseUrl }, workDir: "/tmp" };
    await expect(provider.submit(jwtOnly, clip())).rejects.toMatchObject({ kind: "permanent", message: expect.stringMatching(/need an API key.*Settings → Providers/) });
    await expect(provider.testConnection(jwtOnly)).rejects.toThrow(/need an API key/);
    expect(fake.requests).toHaveLength(0);
  });

  // Mutation tried: testConnection skipping the discontinued check → it passes for kling-v1.
  it("kling-v1: the fake answers 'discontinued', and the adapter says which model to pick", async () => {
    const provider = createKlingProvider({ log });
    const legacy = { credentials: { accessKey: fake.accessKey, secretKey: fake.secretKey, baseUrl: fake.baseUrl, model: "kling-v1" }, workDir: "/tmp" };
    await expect(provider.submit(legacy, clip())).rejects.toMatchObject({
      kind: "permanent",
      message: expect.stringMatching(/The Kling model 'kling-v1' has been discontinued\. Pick a current model \(kling-2\.6/),
    });
    const sent = fake.requests.find((r) => r.method === "POST")!;
    expect(sent.path).toBe("/v1/videos/text2video");
    await expect(provider.testConnection(ctx({ model: "kling-v1" }))).rejects.toThrow(/discontinued/);
    // The fake's own words for the current endpoints too.
    const r = await fetch(`${fake.baseUrl}/text-to-video/kling-v1`, { method: "POST", headers: { authorization: `Bearer ${fake.apiKey}`, "content-type": "application/json" }, body: "{}" });
    expect((await r.json()).message).toBe("The model 'kling-v1' has been discontinued");
  });

  it("testConnection: API key probe with no spend; wrong key refused", async () => {
    const provider = createKlingProvider({ log });
    expect(await provider.testConnection(ctx())).toEqual({ ok: true, detail: "API key accepted; model kling-2.6 ($0.042/s at 720p)" });
    expect(fake.requests.every((r) => r.method === "GET")).toBe(true);
    await expect(provider.testConnection(ctx({ apiKey: "wrong-key-1234" }))).rejects.toMatchObject({ kind: "permanent", httpStatus: 401 });
  });

  it("legacy JWT is still signed HS256 with iss/exp/nbf", () => {
    const now = 1_800_000_000;
    const [h, p] = klingJwt("AK", "SK", now).split(".");
    expect(JSON.parse(Buffer.from(h, "base64url").toString())).toEqual({ alg: "HS256", typ: "JWT" });
    expect(JSON.parse(Buffer.from(p, "base64url").toString())).toEqual({ iss: "AK", exp: now + 1800, nbf: now - 5 });
  });

  it("maps the concurrency cap to rate_limited with a back-off", async () => {
    const provider = createKlingProvider({ log });
    fake.concurrencyCap = 1;
    fake.setMode({ stuck: true });
    await provider.submit(ctx(), clip());
    await expect(provider.submit(ctx(), clip({ attempt: 2 }))).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 1000 });
  });
});
