/**
 * Pika (fal) transform on recorded examples (shapes from fal-ai/fal-js queue.ts / endpoints.ts,
 * shared/providers/pika.md) and the model table driving the request and the estimate.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sampleRequest } from "@/e2e/fakes/providers/contract-suite";
import { clipRequest } from "@/lib/providers/clip-request";
import { costForDuration, costModelFor } from "@/lib/providers/cost-models";
import { PIKA_MODELS, buildSubmit, decodeFalRef, parsePikaWebhook, parseSubmit, pikaModel, resultUrl, statusOf } from "@/lib/providers/pika";
import { PROVIDER_MODEL_OPTIONS } from "@/lib/settings/provider-fields";

const example = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, "examples", name), "utf8"));

describe("Pika transform (recorded examples)", () => {
  it("submit answer → the returned URLs verbatim; status and result; webhook", () => {
    const ref = parseSubmit(example("submit.response.json"), "https://queue.fal.run")!;
    expect(ref).toEqual({
      id: "764cabcf-b745-4b3e-ae38-1200304cf45b",
      s: "https://queue.fal.run/fal-ai/pika/requests/764cabcf-b745-4b3e-ae38-1200304cf45b/status",
      r: "https://queue.fal.run/fal-ai/pika/requests/764cabcf-b745-4b3e-ae38-1200304cf45b",
      c: "https://queue.fal.run/fal-ai/pika/requests/764cabcf-b745-4b3e-ae38-1200304cf45b/cancel",
    });
    // A bare id (webhooks) rebuilds the owner/app sub-path, not the full model id.
    expect(decodeFalRef(ref.id).s).toBe(ref.s);
    expect(statusOf(example("status.in-progress.json"))).toEqual({ status: "running" });
    expect(statusOf(example("status.completed.json"))).toEqual({ status: "completed" });
    expect(statusOf({ status: "SOMETHING_NEW" })).toEqual({ status: "unknown", raw: "SOMETHING_NEW" });
    expect(resultUrl(example("result.json"))).toBe("https://v3.fal.media/files/rabbit/pika-764cabcf.mp4");
    expect(parsePikaWebhook(example("webhook.ok.json"))).toEqual({ externalId: ref.id, claimedStatus: "succeeded" });
  });

  // Mutation tried: buildSubmit ignoring the model (always "v2.2") → the turbo path is wrong and this fails.
  it("the model pick sets the fal model id; an image makes it image-to-video; the clip prompt is sent as written", () => {
    expect(buildSubmit(sampleRequest(), pikaModel("v2/turbo")!).modelId).toBe("fal-ai/pika/v2/turbo/text-to-video");
    const clip = clipRequest({ generationId: "g", prompt: "Waves at dusk", imageUrl: "https://cdn.example/w.png", aspectRatio: "9:16" });
    const b = buildSubmit(clip, pikaModel(undefined)!);
    expect(b.modelId).toBe("fal-ai/pika/v2.2/image-to-video");
    expect(b.body).toEqual({ prompt: "Waves at dusk", resolution: "720p", duration: 5, image_url: "https://cdn.example/w.png" });
  });

  // Mutation tried: modelCostModel without the pika branch → v2.1 estimates 20 ¢ and this fails.
  it("each model has a price with source and date; the estimate and the Settings picker follow the table", () => {
    for (const m of PIKA_MODELS) {
      expect(Number.isInteger(m.centsPer5s)).toBe(true);
      expect(m.priceSource).toMatch(/fal/);
      expect(m.priceDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(costForDuration(5, costModelFor("pika", null, "v2.1")).cents).toBe(40);
    expect(costForDuration(10, costModelFor("pika", null, "v2.2")).cents).toBe(40);
    expect(PROVIDER_MODEL_OPTIONS.pika.map((o) => o.id)).toEqual(PIKA_MODELS.map((m) => m.id));
  });
});
