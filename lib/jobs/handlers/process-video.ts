import type { JobHandler } from "../define";
import { processVideo } from "@/lib/videos/process";

export const handler: JobHandler<{ videoId: string }> = async ({ videoId }, ctx) => {
  const r = await processVideo(videoId);
  // The workspace is at its concurrency cap: come back shortly, behind its other videos.
  if (r === "deferred") await ctx.enqueue("video.process", { videoId }, { startAfter: new Date(Date.now() + 5000) });
};
