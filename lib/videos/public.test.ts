/**
 * The public video JSON carries the storyboard (issue 14), and the OpenAPI document says so:
 * API users can read a composed video's scenes and send them back on create.
 */
import { describe, expect, it } from "vitest";
import * as videoRoute from "@/app/api/v1/videos/[id]/route";
import { buildOpenApi } from "@/lib/api/openapi";
import { specsOf } from "@/lib/api/specs";
import { FAKE_ITEMS } from "@/lib/compose/fixtures";
import { planStoryboard } from "@/lib/compose/plan";
import { storyboardSchema } from "@/lib/compose/types";
import { writeShortScript } from "@/lib/research/writer";
import { publicVideo, publicVideoSchema } from "./public";
import type { Video } from "./state";

const board = planStoryboard(writeShortScript(FAKE_ITEMS, { topic: "AI agents", targetSec: 30 }), FAKE_ITEMS, { aspects: ["9:16", "1:1"] });
const row = {
  id: "3f9a3d4e-1b2c-4d5e-8f90-123456789abc", scriptTitle: "AI agents", status: "completed", stage: "Done", progress: 100, etaSeconds: null,
  provider: "local", aspectRatio: "portrait", voiceSpeed: 1, captions: true, targetPlatforms: [], durationSeconds: 31.2, sizeBytes: 1000,
  estimatedCostCents: 0, costCents: 0, error: null, renditions: { "9:16": "k1", "1:1": "k2" }, renditionErrors: {}, campaignId: null,
  researchJobId: null, createdAt: new Date("2026-12-01T00:00:00Z"), completedAt: new Date("2026-12-01T00:01:00Z"), videoKey: "v", thumbnailKey: "t",
  storyboard: board,
} as unknown as Video;

describe("publicVideo", () => {
  it("returns the storyboard, re-usable as a create body's storyboard", () => {
    // Mutation tried: dropping `storyboard` from publicVideo → undefined, fails.
    const json = JSON.parse(JSON.stringify(publicVideo(row)));
    expect(storyboardSchema.parse(json.storyboard)).toEqual(board);
    expect(publicVideoSchema.safeParse(json).success).toBe(true);
    expect(publicVideo({ ...row, storyboard: null } as Video).storyboard).toBeNull();
  });

  it("documents the storyboard in GET /videos/{id}'s OpenAPI response", () => {
    // Mutation tried: removing `response: publicVideoSchema` from the route → generic object, fails.
    const doc = buildOpenApi(specsOf({ video: videoRoute as unknown as Record<string, unknown> })) as {
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: { properties?: Record<string, { anyOf?: unknown[] }> } }> }> } }>;
    };
    const schema = doc.paths["/api/v1/videos/{id}"].get.responses["200"].content["application/json"].schema;
    expect(schema.properties?.storyboard).toBeDefined();
    expect(JSON.stringify(schema.properties?.storyboard)).toContain("scenes");
    // The cost with AI B-roll (issue 14). Mutation tried: `cost:` removed from publicVideoSchema → undefined, fails.
    expect(JSON.stringify(schema.properties?.cost)).toContain("brollCents");
  });
});
