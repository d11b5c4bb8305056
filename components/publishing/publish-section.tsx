/** Server part of the Publish panel: suggested post text per platform, for a completed video only. */
import { getDb } from "@/db/client";
import { findVideoForWorkspace } from "@/db/queries/videos";
import { postText, topicsOf } from "@/lib/publishing/text";
import { PublishPanel } from "./publish-panel";

export async function PublishSection({ workspaceId, videoId, timeZone }: { workspaceId: string; videoId: string; timeZone: string }) {
  const v = await findVideoForWorkspace(getDb(), workspaceId, videoId);
  if (!v || v.status !== "completed") return null;
  const input = { title: v.scriptTitle, script: v.scriptContent, topics: topicsOf(v) };
  const suggestions = {
    tiktok: postText("tiktok", input).caption,
    instagram: postText("instagram", input).caption,
    youtube: postText("youtube", input).caption,
  };
  return <PublishPanel videoId={videoId} timeZone={timeZone} suggestions={suggestions} />;
}
