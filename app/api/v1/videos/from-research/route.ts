import { z } from "zod";
import { defineRoute, reply } from "@/lib/http/handler";
import { requestHash } from "@/lib/http/idempotency";
import { createVideoFromResearch, createVideosFromRecentResearch, fromResearchBatchSchema, fromResearchSchema, isBatchRequest } from "@/lib/research/videos";
import { publicVideo } from "@/lib/videos/process";

export const dynamic = "force-dynamic";

/** { researchJobId, avatarProfileId, ... } → one video; { sinceHours, avatarProfileId, ... } → one per recent job. */
export const POST = defineRoute(
  {
    method: "POST", path: "/videos/from-research", tag: "Videos",
    summary: "Create a video from a research run, or one per run completed in the last sinceHours hours",
    status: 201, idempotent: true, idempotency: "service", bodyLimitBytes: 16 * 1024,
    body: z.union([fromResearchSchema, fromResearchBatchSchema]),
  },
  async ({ ctx, rawBody, idempotencyKey }) => {
    if (isBatchRequest(rawBody)) return createVideosFromRecentResearch(ctx, rawBody);
    const body = rawBody as Record<string, unknown>;
    const input = idempotencyKey && !body.idempotencyKey ? { ...body, idempotencyKey } : body;
    const { video, created } = await createVideoFromResearch(ctx, input, { requestHash: requestHash(body) });
    return reply(publicVideo(video), created ? 201 : 200);
  },
);
