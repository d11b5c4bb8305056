"use server";
import { z } from "zod";
import { requireContext } from "@/lib/auth/session";
import { idSchema } from "@/lib/http/schemas";
import { cancelVideo, deleteVideos, rerenderVideos } from "@/lib/videos/library";
import { createShareLink, revokeShareLink } from "@/lib/videos/share";
import { runAction } from "./action-result";

export async function deleteVideosAction(ids: string[]) {
  return runAction(async () => {
    const ctx = await requireContext();
    const parsed = z.array(z.string()).min(1, "Select at least one video.").max(200).parse(ids);
    return { deleted: await deleteVideos(ctx, parsed) };
  });
}

export async function cancelVideoAction(id: string) {
  return runAction(async () => {
    const ctx = await requireContext();
    const v = await cancelVideo(ctx, idSchema.parse(id));
    return { status: v.status, stage: v.stage };
  });
}

export async function createShareLinkAction(videoId: string, expiresInHours: number | null) {
  return runAction(async () => {
    const ctx = await requireContext();
    const link = await createShareLink(ctx, idSchema.parse(videoId), { expiresInHours });
    return { id: link.id, url: link.url, path: link.path, expiresAt: link.expiresAt?.toISOString() ?? null };
  });
}

export async function revokeShareLinkAction(shareId: string) {
  return runAction(async () => {
    const ctx = await requireContext();
    await revokeShareLink(ctx, idSchema.parse(shareId));
    return { revoked: true };
  });
}

/** Bulk re-render: a new video per selected one, from the same inputs; a result per item. */
export async function rerenderVideosAction(ids: string[]) {
  return runAction(async () => ({ results: await rerenderVideos(await requireContext(), { ids }) }));
}
