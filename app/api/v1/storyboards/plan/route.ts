import { defineRoute } from "@/lib/http/handler";
import { planRequestSchema, planStoryboardFor } from "@/lib/videos/storyboard";

export const dynamic = "force-dynamic";

export const POST = defineRoute(
  {
    method: "POST", path: "/storyboards/plan", tag: "Videos",
    summary: "Plan a storyboard (scenes with layouts, visuals and citations) from a research run or a script",
    description: "Send `researchJobId` (and optionally `insightIds`) or `script`. Edit the scenes and send the board back as `storyboard` on POST /videos: its lines become the script and one rendition is made per aspect.",
    body: planRequestSchema, bodyLimitBytes: 32 * 1024,
  },
  async ({ ctx, rawBody }) => planStoryboardFor(ctx, rawBody),
);
