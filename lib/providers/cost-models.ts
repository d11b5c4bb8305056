/**
 * Default cost models per provider (integer cents per provider unit) and the one estimator every
 * adapter uses. Where a provider has a model table (lib/providers/<vendor>/models.ts, each price
 * with its date and source) the default follows the workspace's model pick (modelCostModel);
 * otherwise prices come from shared/providers/*.md (retrieved 2026-11-21). Rounded UP to whole
 * cents so a reservation never under-estimates; workspaces override them in settings.
 */
import { HEYGEN_DEFAULT_MODEL, heygenModel } from "@/lib/providers/heygen/models";
import { KLING_DEFAULT_MODEL, klingModel } from "@/lib/providers/kling/models";
import { PIKA_DEFAULT_MODEL, pikaModel } from "@/lib/providers/pika/models";
import {
  estimateSpeechSeconds,
  type CostEstimate,
  type CostModel,
  type GenerationRequest,
  type ProviderId,
} from "@/lib/providers/types";

export const DEFAULT_COST_MODELS: Readonly<Record<ProviderId, CostModel>> = Object.freeze({
  /** Local studio renders on our own machine. */
  local: { centsPerUnit: 0, unitName: "second", unitsPerSecond: 1, minUnits: 0 },
  /**
   * HeyGen pay-as-you-go, Avatar IV/V studio avatar $0.0667/s → 7 ¢/s (rounded up).
   * Legacy plans bill 1 credit/min in 30-s increments: override with
   * { centsPerUnit: 50, unitName: "half-minute", unitsPerSecond: 1/30, minUnits: 1 } at $0.99/credit.
   */
  heygen: { centsPerUnit: 7, unitName: "second", unitsPerSecond: 1, minUnits: 1 },
  /** Kling kling-2.6 720p: 0.3 units/s at $0.14/unit = $0.21 per 5-s clip (kling/models.ts). */
  kling: { centsPerUnit: 21, unitName: "5s-clip", unitsPerSecond: 1 / 5, minUnits: 1 },
  /** Pika v2.2 via fal, 720p: $0.20 per 5-s video (10 s assumed 2×, UNCONFIRMED). */
  pika: { centsPerUnit: 20, unitName: "5s-clip", unitsPerSecond: 1 / 5, minUnits: 1 },
  /** Runway gen4.5 (our text-to-video model): 12 credits/s at $0.01 (gen4_turbo i2v is 5/s). */
  runway: { centsPerUnit: 1, unitName: "credit", unitsPerSecond: 12, minUnits: 60 },
});

/**
 * The default cost model for a provider's model pick, from its model table; the provider's
 * default when it has no table or the pick is unknown (the adapter refuses unknown picks).
 */
export function modelCostModel(provider: ProviderId, model?: string | null): CostModel {
  if (provider === "kling") {
    const m = klingModel(model ?? KLING_DEFAULT_MODEL);
    if (m) return { centsPerUnit: m.centsPer5s, unitName: "5s-clip", unitsPerSecond: 1 / 5, minUnits: 1 };
  }
  if (provider === "pika") {
    const m = pikaModel(model ?? PIKA_DEFAULT_MODEL);
    if (m) return { centsPerUnit: m.centsPer5s, unitName: "5s-clip", unitsPerSecond: 1 / 5, minUnits: 1 };
  }
  if (provider === "heygen") {
    const m = heygenModel(model ?? HEYGEN_DEFAULT_MODEL);
    if (m) return { centsPerUnit: m.centsPerSecond, unitName: "second", unitsPerSecond: 1, minUnits: 1 };
  }
  return DEFAULT_COST_MODELS[provider];
}

/** Merges a (partial) workspace override onto the provider default; validates integer cents. */
export function costModelFor(provider: ProviderId, override?: Partial<CostModel> | null, model?: string | null): CostModel {
  const base = model ? modelCostModel(provider, model) : DEFAULT_COST_MODELS[provider];
  const m: CostModel = { ...base, ...(override ?? {}) };
  if (!Number.isInteger(m.centsPerUnit) || m.centsPerUnit < 0) {
    throw new RangeError(`cost model for ${provider}: centsPerUnit must be a non-negative integer`);
  }
  if (!(m.unitsPerSecond >= 0) || !(m.minUnits >= 0)) {
    throw new RangeError(`cost model for ${provider}: unitsPerSecond and minUnits must be >= 0`);
  }
  return m;
}

/**
 * Units = max(minUnits, ceil(durationSec × unitsPerSecond)); cents = units × centsPerUnit.
 * A tiny epsilon keeps float noise (e.g. 10 × 1/5 = 2.0000000004) from adding a unit.
 */
export function costForDuration(durationSec: number, model: CostModel): CostEstimate {
  const raw = durationSec * model.unitsPerSecond;
  const units = Math.max(Math.ceil(model.minUnits), Math.ceil(raw - 1e-9));
  return { cents: units * model.centsPerUnit, units, unitName: model.unitName, durationSec };
}

/** Estimate for providers whose output is as long as the speech (avatar presenters). */
export function estimateBySpeech(req: Pick<GenerationRequest, "script" | "voiceSpeed">, model: CostModel): CostEstimate {
  return costForDuration(estimateSpeechSeconds(req.script, req.voiceSpeed), model);
}

/** Text/image-to-video providers make fixed-length clips: 5 s, or 10 s when the speech is longer. */
export function clipSeconds(req: Pick<GenerationRequest, "script" | "voiceSpeed">): 5 | 10 {
  return estimateSpeechSeconds(req.script, req.voiceSpeed) > 5 ? 10 : 5;
}

export function estimateByClip(req: Pick<GenerationRequest, "script" | "voiceSpeed">, model: CostModel): CostEstimate {
  return costForDuration(clipSeconds(req), model);
}
