import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { storyboardSchema } from "@/lib/compose/types";
import { brollEstimateSchema, estimateBroll } from "@/lib/compose/broll/estimate";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", path: "/storyboards/broll-estimate", tag: "Videos",
    summary: "Estimate a storyboard's AI B-roll clips per scene and in total (cents; cached prompts are free)",
    description: "Also says whether a scene set to AI B-roll would get a clip (`available`), and if not why and which settings page fixes it.",
    body: z.object({ storyboard: storyboardSchema }), bodyLimitBytes: 64 * 1024,
    response: brollEstimateSchema,
  },
  async ({ ctx, body }) => estimateBroll(ctx.workspace.id, body.storyboard),
);
