import { describe, expect, it } from "vitest";
import { costForDuration, costModelFor, DEFAULT_COST_MODELS, modelCostModel } from "@/lib/providers/cost-models";
import { createHeygenProvider } from "@/lib/providers/heygen";
import { createKlingProvider } from "@/lib/providers/kling";
import { createPikaProvider } from "@/lib/providers/pika";
import { createRunwayProvider } from "@/lib/providers/runway";

const short = { script: "Hi there.", voiceSpeed: 1 };
const long = { script: Array.from({ length: 150 }, () => "word").join(" ") + ".", voiceSpeed: 1 };

describe("cost models", () => {
  it("rounds units up and yields integer cents", () => {
    expect(costForDuration(61, { centsPerUnit: 50, unitName: "half-minute", unitsPerSecond: 1 / 30, minUnits: 1 })).toEqual({ cents: 150, units: 3, unitName: "half-minute", durationSec: 61 });
    expect(costForDuration(10, DEFAULT_COST_MODELS.kling).units).toBe(2);
    expect(costForDuration(1, DEFAULT_COST_MODELS.heygen)).toMatchObject({ units: 1, cents: 7 });
    for (const m of Object.values(DEFAULT_COST_MODELS)) expect(Number.isInteger(costForDuration(7.3, m).cents)).toBe(true);
  });
  it("overrides merge and are validated", () => {
    expect(costModelFor("heygen", { centsPerUnit: 10 })).toMatchObject({ centsPerUnit: 10, unitName: "second" });
    expect(() => costModelFor("heygen", { centsPerUnit: 1.5 })).toThrow(/integer/);
  });
  it("adapters estimate by speech (HeyGen) or by clip (others)", () => {
    const h = createHeygenProvider();
    expect(h.estimateCost(long, DEFAULT_COST_MODELS.heygen)).toMatchObject({ durationSec: 60, units: 60, cents: 420 });
    // Kling clips by the clip table; a Kling presenter (Kling Avatar) by speech, see kling/avatar.test.ts.
    expect(createKlingProvider().estimateCost({ ...short, role: "clip" } as typeof short, DEFAULT_COST_MODELS.kling)).toMatchObject({ durationSec: 5, units: 1, cents: 21 });
    expect(createKlingProvider().estimateCost({ ...long, role: "clip" } as typeof long, DEFAULT_COST_MODELS.kling)).toMatchObject({ durationSec: 10, units: 2, cents: 42 });
    expect(createPikaProvider().estimateCost(short, DEFAULT_COST_MODELS.pika)).toMatchObject({ cents: 20 });
    expect(createRunwayProvider().estimateCost(short, DEFAULT_COST_MODELS.runway)).toMatchObject({ units: 60, cents: 60 });
  });

  // Mutation tried: modelCostModel ignoring the pick (always DEFAULT_COST_MODELS) → 3.0 Turbo costs 21 ¢.
  it("the estimate follows the workspace's model pick (prices from the model tables)", () => {
    expect(modelCostModel("kling", "kling-2.6")).toMatchObject({ centsPerUnit: 21, unitName: "5s-clip" });
    expect(costForDuration(5, costModelFor("kling", null, "kling-3.0-turbo")).cents).toBe(56);
    expect(costForDuration(10, costModelFor("heygen", null, "photo_avatar")).cents).toBe(50);
    expect(costForDuration(10, costModelFor("heygen", null, "avatar_iv")).cents).toBe(70);
    // A workspace's own override still wins over the table.
    expect(costModelFor("kling", { centsPerUnit: 30 }, "kling-3.0-turbo").centsPerUnit).toBe(30);
  });
});
