"use server";
import { requireContext } from "@/lib/auth/session";
import { idSchema } from "@/lib/http/schemas";
import { createVideo } from "@/lib/videos/create";
import { runAction } from "../videos/action-result";

/** The dashboard's Generate button: same path as POST /api/v1/videos, plus the research link. */
export async function createVideoAction(input: unknown, researchJobId: string | null) {
  return runAction(async () => {
    const ctx = await requireContext();
    const research = researchJobId ? idSchema.parse(researchJobId) : undefined;
    const { video } = await createVideo(ctx, input, { researchJobId: research });
    return { id: video.id };
  });
}
