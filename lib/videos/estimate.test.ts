/**
 * Issue 11, defect 3: the provider choice is honoured in routing, estimate and reservation
 * alike, and the local studio takes the place in the order that the user or the workspace
 * gives it (it used to be moved last by failover, and HeyGen was tried and charged first).
 *
 * Mutations tried (each made a test here fail):
 * - failover.ts: the old `[...external, ...local]` ordering restored → "local first" runs
 *   HeyGen first (one HeyGen submission, attempts [heygen, …]).
 * - estimate.ts orderCandidates: the `mode === "only"` branch removed → "only:local" holds
 *   HeyGen's price and the $0.16 workspace gets a 402.
 * - create.ts: reserve back to `amountCents: reserveCents` (the dearest candidate) → the
 *   $0.16 local-first video is refused ("needs $0.35" class of error).
 */
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { costLedger, generationAttempts } from "@/db/schema";
import { updateCaps } from "@/lib/budget";
import { saveProviderSettings } from "@/lib/providers/workspace";
import { startHeygenFake, type HeygenFake } from "@/e2e/fakes/providers";
import { newWorkspace } from "@/lib/testing/fixtures";
import type { AuthContext } from "@/lib/auth/context";
import { createVideo } from "./create";
import { processVideo } from "./process";
import { loadVideo } from "./state";
import { parsePreference, providerPreferenceSchema } from "./preference";

const SCRIPT = "Three habits of remote teams that ship. Write it down, decide in the open, demo weekly.";

describe("provider preference: first and only", () => {
  let fake: HeygenFake;
  beforeAll(async () => {
    fake = await startHeygenFake();
  });
  afterAll(async () => {
    await fake?.close();
  });

  /** HeyGen first by workspace priority, the local studio after it (a common paid setup). */
  async function heygenThenLocal(): Promise<AuthContext> {
    const ctx = await newWorkspace({ plan: "pro" });
    await saveProviderSettings(ctx, "heygen", { enabled: true, priority: 10, apiKey: fake.apiKey, baseUrl: fake.baseUrl });
    await saveProviderSettings(ctx, "local", { enabled: true, priority: 50 });
    return ctx;
  }

  const heygenSubmits = () => fake.requests.filter((r) => r.method === "POST" && /\/video\/generate|\/v3\/videos$/.test(r.path)).length;

  it("accepts auto, a provider id, only:<id> and { provider, mode }, stored compatibly", () => {
    expect(providerPreferenceSchema.parse("auto")).toBe("auto");
    expect(providerPreferenceSchema.parse("local")).toBe("local");
    expect(providerPreferenceSchema.parse({ provider: "local", mode: "only" })).toBe("only:local");
    expect(providerPreferenceSchema.parse({ provider: "heygen" })).toBe("heygen");
    expect(providerPreferenceSchema.safeParse("only:nobody").success).toBe(false);
    expect(parsePreference("only:local")).toEqual({ provider: "local", mode: "only" });
    expect(parsePreference("local")).toEqual({ provider: "local", mode: "first" });
  });

  it('"local" first: the local studio renders, HeyGen is never called or charged, the label says so', async () => {
    const ctx = await heygenThenLocal();
    const before = heygenSubmits();
    const { video } = await createVideo(ctx, { title: "Local first", script: SCRIPT, avatarProfileId: "sarah", providerPreference: { provider: "local", mode: "first" } });
    expect(video.stage).toBe("Queued · Local studio first");
    expect(await processVideo(video.id)).toBe("done");
    const done = (await loadVideo(video.id))!;
    expect(done.status, done.error ?? "").toBe("completed");
    expect(done.provider).toBe("local");
    const attempts = await getDb().select().from(generationAttempts).where(eq(generationAttempts.videoId, video.id));
    expect(attempts.map((a) => [a.provider, a.outcome])).toEqual([["local", "succeeded"]]);
    expect(heygenSubmits() - before).toBe(0);
    const charges = await getDb().select().from(costLedger).where(and(eq(costLedger.videoId, video.id), eq(costLedger.kind, "charge")));
    expect(charges).toHaveLength(0);
  });

  it("auto: the workspace order (HeyGen, then local) is the estimate's and the label's", async () => {
    const ctx = await heygenThenLocal();
    const { video } = await createVideo(ctx, { title: "Auto", script: SCRIPT, avatarProfileId: "sarah" });
    expect(video.stage).toBe("Queued · HeyGen first");
    expect(video.reservedCents).toBeGreaterThan(0);
  });

  it("$0.16 left: a local-only video is accepted and holds nothing; local-first holds only what fits", async () => {
    const ctx = await heygenThenLocal();
    await updateCaps(ctx.workspace.id, { perVideoCents: null, dailyCents: 16, monthlyCents: null });
    const only = await createVideo(ctx, { title: "Only local", script: SCRIPT, avatarProfileId: "sarah", providerPreference: "only:local" });
    expect(only.video.reservedCents).toBe(0);
    expect(only.video.stage).toBe("Queued · Local studio only");
    const first = await createVideo(ctx, { title: "Local first", script: SCRIPT, avatarProfileId: "sarah", providerPreference: "local" });
    expect(first.video.reservedCents).toBeLessThanOrEqual(16);
    // HeyGen first needs more than is left: refused with what is left and what it needs.
    await expect(createVideo(ctx, { title: "HeyGen first", script: SCRIPT, avatarProfileId: "sarah", providerPreference: "heygen" })).rejects.toThrow(/left; this video needs/);
  });

  it('"only" a provider that is disabled: a 4xx that says what to do', async () => {
    const ctx = await newWorkspace();
    await expect(createVideo(ctx, { title: "x", script: SCRIPT, avatarProfileId: "sarah", providerPreference: "only:heygen" })).rejects.toThrow(/only provider.*Enable it in Settings/);
  });
});
