import { defineRoute } from "@/lib/http/handler";
import { createVideoSchema } from "@/lib/videos/input";
import { estimateForForm } from "@/lib/videos/estimate-public";

export const POST = defineRoute(
  {
    method: "POST", path: "/estimate", tag: "Videos", summary: "Estimate a video's cost per candidate provider, and whether it fits the budget",
    body: createVideoSchema.pick({ script: true, avatarProfileId: true, templateId: true, aspectRatio: true, voiceSpeed: true, captions: true, providerPreference: true }),
  },
  async ({ ctx, rawBody }) => estimateForForm(ctx, rawBody),
);
