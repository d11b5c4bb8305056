import { z } from "zod";
import { defineRoute } from "@/lib/http/handler";
import { storyboardSchema } from "@/lib/compose/types";
import { brollEstimateSchema, withProposedBroll } from "@/lib/compose/broll/estimate";
import { planRequestSchema, planStoryboardFor } from "@/lib/videos/storyboard";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", path: "/storyboards/plan", tag: "Videos",
    summary: "Plan a storyboard (scenes with layouts, visuals and citations) from a research run or a script",
    description:
      "Send `researchJobId` (and optionally `insightIds`) or `script`. Edit the scenes and send the board back as `storyboard` on POST /videos: its lines become the script and one rendition is made per aspect. " +
      "When the workspace has AI B-roll on and a clip provider, up to two scenes without a strong research visual (the hook, a point with no card or only a quote) are proposed as AI B-roll with a prompt written from their line; `broll` is the board's B-roll estimate (cents, cached prompts free).",
    body: planRequestSchema, bodyLimitBytes: 32 * 1024,
    response: z.object({
      title: z.string().nullable(),
      storyboard: storyboardSchema,
      cards: z.array(z.object({ itemId: z.string(), label: z.string(), title: z.string(), visual: z.unknown(), citation: z.unknown() })),
      broll: brollEstimateSchema,
    }),
  },
  async ({ ctx, rawBody }) => {
    const planned = await planStoryboardFor(ctx, rawBody);
    return { ...planned, ...(await withProposedBroll(ctx.workspace.id, planned.storyboard)) };
  },
);
