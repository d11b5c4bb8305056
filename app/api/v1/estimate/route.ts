import { defineRoute } from "@/lib/http/handler";
import { estimateForForm, estimateInputSchema } from "@/lib/videos/estimate-public";

export const POST = defineRoute(
  {
    method: "POST", path: "/estimate", tag: "Videos", summary: "Estimate a video's cost per candidate provider, and whether it fits the budget",
    description: "With a `storyboard`, `broll` prices its AI B-roll scenes (cached prompts are free) and `totalCents` adds them to the presenter's first-provider price.",
    body: estimateInputSchema,
  },
  async ({ ctx, rawBody }) => estimateForForm(ctx, rawBody),
);
