import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageContext } from "@/lib/auth/session";
import { isAppError } from "@/lib/errors";
import { getVideo } from "@/lib/videos/library";
import { listShareLinks } from "@/lib/videos/share";
import { listAvatars } from "@/lib/videos/catalog";
import { PLATFORM_PRESETS } from "@/lib/render/platform";
import { VideoDetail } from "@/components/videos/video-detail";
import { toJson } from "@/components/videos/types";
import { PublishSection } from "@/components/publishing/publish-section";

export const metadata: Metadata = { title: "Video" };

export default async function VideoPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext();
  let video: Awaited<ReturnType<typeof getVideo>>;
  try {
    video = await getVideo(ctx, id);
  } catch (err) {
    if (isAppError(err) && err.code === "not_found") notFound();
    throw err;
  }
  const [links, avatars] = await Promise.all([listShareLinks(ctx, id), listAvatars(ctx.workspace.plan)]);
  const avatar = avatars.find((a) => a.id === video.avatarProfileId);
  const platforms = Object.values(PLATFORM_PRESETS).map((p) => ({ id: p.id, label: p.label, platform: p.platform, aspect: p.aspect }));
  return (
    <>
    <VideoDetail
      initial={toJson(video)}
      initialLinks={toJson(links)}
      platforms={platforms}
      avatar={avatar ? { name: avatar.name, imageUrl: `/api/media/avatars/${avatar.slug}/image` } : null}
      timeZone={ctx.workspace.timezone}
    />
    <PublishSection workspaceId={ctx.workspace.id} videoId={id} timeZone={ctx.workspace.timezone} />
    </>
  );
}
