/** Publishing to TikTok, Instagram and YouTube: the surface the rest of the app uses. */
import { enqueue as runtimeEnqueue } from "@/lib/jobs/runtime";
import type { Enqueue } from "@/lib/jobs/define";
import { onVideoCompleted as hook } from "./posts";

export { createPost, advancePost, PUBLISH_JOB } from "./posts";
export { startConnect, completeConnect, disconnect, accountsView, configuredPlatforms } from "./accounts";
export { workspaceRoi } from "./roi";
export { publishingJobs } from "./jobs";

/**
 * Call from the generation pipeline right after a video reaches `completed` (lib/videos/process.ts).
 * Auto-posts it when its campaign has auto_post on; a no-op otherwise. Safe to call twice.
 */
export function onVideoCompleted(workspaceId: string, videoId: string, enqueue: Enqueue = runtimeEnqueue): Promise<string[]> {
  return hook(workspaceId, videoId, enqueue);
}
